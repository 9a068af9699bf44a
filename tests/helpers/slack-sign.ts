// Requests as Slack sends them: signed v0 bodies (HMAC-SHA256 of "v0:<ts>:<body>"), and the payload shapes we receive.
import { createHmac } from 'node:crypto';

export function slackSignature(signingSecret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  /** Seconds since the epoch; defaults to now (real time, as Slack's clock). */
  timestamp?: number;
  /** Replaces the computed signature, e.g. with a forged one. */
  signature?: string;
  /** Sent as x-slack-retry-num, as Slack does when it redelivers. */
  retryNum?: number;
  /** Sign with this secret instead of the bot's. */
  secret?: string;
}

export type SlackBody = { form: Record<string, string> } | { json: unknown } | { raw: string; contentType: string };

function encode(body: SlackBody): { text: string; contentType: string } {
  if ('form' in body) return { text: new URLSearchParams(body.form).toString(), contentType: 'application/x-www-form-urlencoded' };
  if ('json' in body) return { text: JSON.stringify(body.json), contentType: 'application/json' };
  return { text: body.raw, contentType: body.contentType };
}

export async function postSigned(url: string, signingSecret: string, body: SlackBody, options: SignedPostOptions = {}): Promise<Response> {
  const { text, contentType } = encode(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(options.secret ?? signingSecret, timestamp, text),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return fetch(url, { method: 'POST', headers, body: text });
}

let triggerSeq = 0;
export function newTriggerId(): string {
  triggerSeq += 1;
  return `${Date.now()}.${triggerSeq}.${Math.random().toString(16).slice(2, 10)}`;
}

export interface CommandInput {
  teamId: string;
  userId: string;
  text: string;
  channelId?: string;
  channelName?: string;
  responseUrl: string;
  triggerId?: string;
}

/** A /breaks slash command, form-encoded as Slack posts it. */
export function commandBody(input: CommandInput): SlackBody {
  return {
    form: {
      token: 'verification-token-unused',
      team_id: input.teamId,
      team_domain: 'example',
      channel_id: input.channelId ?? `D${input.userId}`,
      channel_name: input.channelName ?? 'directmessage',
      user_id: input.userId,
      user_name: input.userId.toLowerCase(),
      command: '/breaks',
      text: input.text,
      api_app_id: 'A0TEST',
      is_enterprise_install: 'false',
      response_url: input.responseUrl,
      trigger_id: input.triggerId ?? newTriggerId(),
    },
  };
}

export interface ClickInput {
  teamId: string;
  userId: string;
  actionId: string;
  /** Button value, or the selected option's value for the snooze select. */
  value: string;
  channelId: string;
  messageTs: string;
  responseUrl?: string;
  triggerId?: string;
}

/** A block_actions interaction (button or select), form-encoded with its JSON in `payload`. */
export function blockActionBody(input: ClickInput): SlackBody {
  const isSelect = input.actionId === 'break_snooze';
  const action = isSelect
    ? { type: 'static_select', action_id: input.actionId, block_id: 'b1', selected_option: { text: { type: 'plain_text', text: 'Snooze' }, value: input.value }, action_ts: '1' }
    : { type: 'button', action_id: input.actionId, block_id: 'b1', value: input.value, text: { type: 'plain_text', text: 'Done' }, action_ts: '1' };
  const payload = {
    type: 'block_actions',
    team: { id: input.teamId, domain: 'example' },
    user: { id: input.userId, username: input.userId.toLowerCase(), team_id: input.teamId },
    api_app_id: 'A0TEST',
    token: 'verification-token-unused',
    trigger_id: input.triggerId ?? newTriggerId(),
    container: { type: 'message', channel_id: input.channelId, message_ts: input.messageTs, is_ephemeral: false },
    channel: { id: input.channelId, name: 'directmessage' },
    message: { type: 'message', ts: input.messageTs, text: 'Time for a desk break' },
    response_url: input.responseUrl ?? 'http://127.0.0.1:9/unused',
    actions: [action],
  };
  return { form: { payload: JSON.stringify(payload) } };
}

export function homeActionBody(teamId: string, userId: string, actionId: string, value = 'x'): SlackBody {
  const payload = {
    type: 'block_actions',
    team: { id: teamId },
    user: { id: userId, team_id: teamId },
    api_app_id: 'A0TEST',
    trigger_id: newTriggerId(),
    container: { type: 'view', view_id: 'V1' },
    view: { id: 'V1', type: 'home' },
    actions: [{ type: 'button', action_id: actionId, block_id: 'home_controls', value, action_ts: '1' }],
  };
  return { form: { payload: JSON.stringify(payload) } };
}

export function viewSubmissionBody(teamId: string, userId: string, values: unknown, privateMetadata = ''): SlackBody {
  const payload = {
    type: 'view_submission',
    team: { id: teamId },
    user: { id: userId, team_id: teamId },
    api_app_id: 'A0TEST',
    trigger_id: newTriggerId(),
    view: { id: 'V2', type: 'modal', callback_id: 'break_settings', private_metadata: privateMetadata, state: { values } },
  };
  return { form: { payload: JSON.stringify(payload) } };
}

let eventSeq = 0;
export function eventBody(teamId: string, event: Record<string, unknown>): SlackBody {
  eventSeq += 1;
  return {
    json: {
      token: 'verification-token-unused',
      team_id: teamId,
      api_app_id: 'A0TEST',
      type: 'event_callback',
      event_id: `Ev${Date.now()}${eventSeq}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: teamId, user_id: 'UBOT', is_bot: true }],
      event,
    },
  };
}
