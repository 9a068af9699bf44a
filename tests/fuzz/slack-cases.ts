// Generated requests for POST /slack/events: slash commands, interactivity (`payload=` JSON), Events API JSON and raw
// junk, each signed as Slack signs (HMAC over the exact bytes sent) or unsigned / forged in one of many ways.
import fc from 'fast-check';
import { slackSignature } from '../helpers/slack-sign.ts';
import { brokenFormText, formEncode, formMutations, formText, mutateForm, type FormEntries } from './form-encoding.ts';
import { deepNesting, hostileString, hugeStringArbitrary, junkJson, mutateJson, mutations, obj, toJsonText, type Json } from './hostile-values.ts';
import type { HttpCase } from './send-cases.ts';

/** express.raw's limit on /slack/events. */
export const SLACK_BODY_LIMIT = 1024 * 1024;

export interface SlackFuzzTargets {
  signingSecret: string;
  /** Workspaces and users the fuzz reuses, so commands and clicks meet existing members and prompts. */
  teams: string[];
  users: string[];
  /** Prompt ids that exist in the store before the run. */
  promptIds: string[];
  /** response_url values the bot may post to: the fake Slack's, and a closed loopback port. */
  responseUrls: string[];
}

type Body = { label: string; text: string; contentType: string };

const COMMAND_WORDS = [
  'help', 'start', 'stop', 'pause 30m', 'pause 2h', 'pause 1d', 'pause until 2026-12-24', 'pause 99999d', 'pause -1h', 'resume', 'now',
  'settings', 'hours 08:00-16:00', 'hours 23:00-01:00', 'hours 25:00-26:00', 'every 15', 'every 240', 'every 0', 'every -5', 'every 1e9',
  'days mon-fri', 'days sat,sun', 'days nonsense', 'timezone Europe/Berlin', 'timezone America/New_York', 'timezone Nowhere/Land',
  'band on', 'band off', 'join', 'leave', 'team-time 10:00', 'leaderboard', 'stats', 'forget-me', '',
];
const OUR_ACTIONS = ['break_done', 'break_snooze', 'break_skip', 'home_start', 'home_stop', 'home_pause_1h', 'home_settings'];

const commandText = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...COMMAND_WORDS) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...COMMAND_WORDS), hostileString).map(([w, s]) => `${w} ${s}`) },
  { weight: 2, arbitrary: hostileString },
);

const channelId = (t: SlackFuzzTargets) => fc.oneof(fc.constantFrom('C0FUZZ1', 'C0FUZZ2', 'G0PRIVATE'), fc.constantFrom(...t.users).map((u) => `D${u}`), hostileString);
const ts = fc.constantFrom('1700000000.000100', '1700000000.000200', '0', '-1', '1e99');

function commandEntries(t: SlackFuzzTargets): fc.Arbitrary<FormEntries> {
  return fc
    .record({ team: fc.constantFrom(...t.teams), user: fc.constantFrom(...t.users), channel: channelId(t), text: commandText, url: fc.constantFrom(...t.responseUrls), trigger: fc.uuid() })
    .map(({ team, user, channel, text, url, trigger }) => [
      ['token', 'unused'], ['team_id', team], ['team_domain', 'fuzz'], ['channel_id', channel], ['channel_name', 'directmessage'],
      ['user_id', user], ['user_name', user.toLowerCase()], ['command', '/breaks'], ['text', text], ['api_app_id', 'A0FUZZ'],
      ['response_url', url], ['trigger_id', trigger],
    ]);
}

function actionValue(t: SlackFuzzTargets): fc.Arbitrary<string> {
  const prompt = fc.constantFrom(...t.promptIds);
  return fc.oneof(
    { weight: 4, arbitrary: prompt },
    { weight: 2, arbitrary: fc.tuple(prompt, fc.constantFrom('10', '30', '60', '0', '-5', '1e9', 'x', '')).map(([p, m]) => `${p}|${m}`) },
    { weight: 2, arbitrary: hostileString },
  );
}

function blockActions(t: SlackFuzzTargets): fc.Arbitrary<Json> {
  return fc
    .record({ team: fc.constantFrom(...t.teams), user: fc.constantFrom(...t.users), trigger: fc.uuid(), action: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...OUR_ACTIONS) }, { weight: 1, arbitrary: hostileString }), value: actionValue(t), select: fc.boolean(), channel: channelId(t), ts, url: fc.constantFrom(...t.responseUrls) })
    .map(({ team, user, trigger, action, value, select, channel, ts: messageTs, url }) =>
      obj({
        type: 'block_actions',
        team: obj({ id: team, domain: 'fuzz' }),
        user: obj({ id: user, username: user.toLowerCase(), team_id: team }),
        api_app_id: 'A0FUZZ',
        token: 'unused',
        trigger_id: trigger,
        container: obj({ type: 'message', channel_id: channel, message_ts: messageTs, is_ephemeral: false }),
        channel: obj({ id: channel, name: 'directmessage' }),
        message: obj({ type: 'message', ts: messageTs, text: 'Time for a desk break' }),
        response_url: url,
        actions: [
          select
            ? obj({ type: 'static_select', action_id: action, block_id: 'b1', selected_option: obj({ value, text: obj({ type: 'plain_text', text: 'Snooze' }) }), action_ts: '1' })
            : obj({ type: 'button', action_id: action, block_id: 'b1', value, action_ts: '1' }),
        ],
      }),
    );
}

const field = (inner: Record<string, Json>) => obj({ value: obj(inner) });
const option = (value: Json) => obj({ value, text: obj({ type: 'plain_text', text: 'x' }) });

function viewSubmission(t: SlackFuzzTargets): fc.Arbitrary<Json> {
  return fc
    .record({ team: fc.constantFrom(...t.teams), user: fc.constantFrom(...t.users), callback: fc.oneof({ weight: 5, arbitrary: fc.constant('break_settings') }, { weight: 1, arbitrary: hostileString }), tz: fc.constantFrom('Europe/Berlin', 'Nowhere/Land', ''), start: fc.constantFrom('09:00', '25:61', ''), interval: fc.constantFrom('60', '15', '5', 'x'), days: fc.subarray(['1', '2', '3', '4', '5', '6', '7', '8', '0']), metadata: fc.oneof(fc.constant('{"channelId":"C0FUZZ1"}'), hostileString) })
    .map(({ team, user, callback, tz, start, interval, days, metadata }) =>
      obj({
        type: 'view_submission',
        team: obj({ id: team }),
        user: obj({ id: user, team_id: team }),
        api_app_id: 'A0FUZZ',
        trigger_id: 'trigger',
        view: obj({
          id: 'V1',
          type: 'modal',
          callback_id: callback,
          private_metadata: metadata,
          state: obj({
            values: obj({
              tz: field({ type: 'plain_text_input', value: tz }),
              start: field({ type: 'timepicker', selected_time: start }),
              end: field({ type: 'timepicker', selected_time: '17:00' }),
              interval: field({ type: 'static_select', selected_option: option(interval) }),
              days: field({ type: 'checkboxes', selected_options: days.map(option) }),
              band: field({ type: 'checkboxes', selected_options: [option('band')] }),
            }),
          }),
        }),
      }),
    );
}

function eventCallback(t: SlackFuzzTargets): fc.Arbitrary<Json> {
  return fc
    .record({ team: fc.constantFrom(...t.teams), user: fc.oneof(fc.constantFrom(...t.users), hostileString), id: fc.uuid(), type: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('app_home_opened', 'app_uninstalled', 'tokens_revoked', 'message', 'app_mention', 'member_joined_channel') }, { weight: 1, arbitrary: hostileString }), tab: fc.constantFrom('home', 'messages', 'about') })
    .map(({ team, user, id, type, tab }) =>
      obj({
        token: 'unused',
        team_id: team,
        api_app_id: 'A0FUZZ',
        type: 'event_callback',
        event_id: `Ev${id}`,
        event_time: 1_700_000_000,
        authorizations: [obj({ team_id: team, user_id: 'UBOT', is_bot: true })],
        event: obj({ type, user, tab, channel: `D${user}`, tokens: obj({ bot: ['UBOT'] }) }),
      }),
    );
}

const urlVerification = fc.record({ challenge: fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), hostileString) }).map(({ challenge }) => obj({ token: 'unused', challenge, type: 'url_verification' }));

function otherJson(t: SlackFuzzTargets): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.constantFrom(...t.teams).map((team) => obj({ token: 'unused', team_id: team, minute_rate_limited: 1_700_000_000, api_app_id: 'A0FUZZ', type: 'app_rate_limited' })),
    junkJson,
  );
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/x-www-form-urlencoded', 'text/plain', ''];
const FORM_TYPES = ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/json', 'multipart/form-data; boundary=x', ''];

/** Mostly the right content type, sometimes a variant Slack never sends. */
const contentType = (types: string[]) => fc.oneof({ weight: 8, arbitrary: fc.constant(types[0] ?? '') }, { weight: 2, arbitrary: fc.constantFrom(...types) });

const jsonBody = (label: string, template: fc.Arbitrary<Json>): fc.Arbitrary<Body> =>
  fc.tuple(template, mutations, contentType(JSON_TYPES)).map(([json, list, type]) => ({ label: list.length > 0 ? `${label}~` : label, text: toJsonText(mutateJson(json, list)), contentType: type }));

const interactionBody = (label: string, template: fc.Arbitrary<Json>): fc.Arbitrary<Body> =>
  fc.tuple(template, mutations, formMutations, contentType(FORM_TYPES)).map(([json, list, formList, type]) => ({
    label: list.length + formList.length > 0 ? `${label}~` : label,
    text: formText(mutateForm([['payload', toJsonText(mutateJson(json, list))]], formList)),
    contentType: type,
  }));

function slackBody(t: SlackFuzzTargets): fc.Arbitrary<Body> {
  const command = fc.tuple(commandEntries(t), formMutations, contentType(FORM_TYPES)).map(([entries, list, type]) => ({ label: list.length > 0 ? 'command~' : 'command', text: formText(mutateForm(entries, list)), contentType: type }));
  const raw = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(...JSON_TYPES, ...FORM_TYPES)).map(([bytes, type]) => ({ label: 'raw-bytes', text: Buffer.from(bytes).toString('latin1'), contentType: type })) },
    { weight: 3, arbitrary: fc.tuple(brokenFormText, fc.constantFrom(...FORM_TYPES)).map(([text, type]) => ({ label: 'broken-form', text, contentType: type })) },
    { weight: 2, arbitrary: fc.tuple(deepNesting, fc.constantFrom('application/json', 'application/x-www-form-urlencoded')).map(([text, type]) => ({ label: 'deep-nesting', text: type === 'application/json' ? text : `payload=${encodeURIComponent(text)}`, contentType: type })) },
    { weight: 1, arbitrary: hugeStringArbitrary(SLACK_BODY_LIMIT).map((huge) => ({ label: 'huge', text: toJsonText(obj({ type: 'url_verification', challenge: 'c', padding: huge })), contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.tuple(hugeStringArbitrary(SLACK_BODY_LIMIT, (unit) => formEncode(unit).length), commandEntries(t)).map(([huge, entries]) => ({ label: 'huge-command', text: formText([...entries, ['text', huge]]), contentType: 'application/x-www-form-urlencoded' })) },
  );
  const truncated = fc
    .tuple(fc.oneof(command, interactionBody('click', blockActions(t)), jsonBody('event', eventCallback(t))), fc.double({ min: 0, max: 0.999, noNaN: true }))
    .map(([body, cut]) => ({ label: 'truncated', text: body.text.slice(0, Math.floor(body.text.length * cut)), contentType: body.contentType }));
  return fc.oneof(
    { weight: 6, arbitrary: command },
    { weight: 6, arbitrary: interactionBody('click', blockActions(t)) },
    { weight: 2, arbitrary: interactionBody('view', viewSubmission(t)) },
    { weight: 3, arbitrary: jsonBody('event', eventCallback(t)) },
    { weight: 1, arbitrary: jsonBody('url_verification', urlVerification) },
    { weight: 1, arbitrary: jsonBody('other-json', otherJson(t)) },
    { weight: 1, arbitrary: fc.constant({ label: 'ssl_check', text: 'ssl_check=1&token=unused', contentType: 'application/x-www-form-urlencoded' }) },
    { weight: 2, arbitrary: raw },
    { weight: 2, arbitrary: truncated },
  );
}

function headers(contentType: string, timestamp: string | null, signature: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (contentType !== '') out['content-type'] = contentType;
  if (timestamp !== null) out['x-slack-request-timestamp'] = timestamp;
  if (signature !== null) out['x-slack-signature'] = signature;
  return out;
}

type Forgery = 'none' | 'timestamp-only' | 'signature-only' | 'other-secret' | 'stale' | 'other-body' | 'junk-timestamp' | 'junk-signature' | 'uppercase' | 'v1';

const forgery: fc.Arbitrary<Forgery> = fc.constantFrom('none', 'timestamp-only', 'signature-only', 'other-secret', 'stale', 'other-body', 'junk-timestamp', 'junk-signature', 'uppercase', 'v1');

/** `nowSec` is read when the case is made; cases are sent within a couple of minutes, inside Slack's 5-minute window. */
function sign(t: SlackFuzzTargets, body: Body, forged: Forgery | null, nowSec: number, age: number, junk: string): Omit<HttpCase, 'id'> {
  const bytes = Buffer.from(body.text, body.label === 'raw-bytes' ? 'latin1' : 'utf8');
  const text = bytes.toString('utf8');
  const stamp = nowSec - age;
  const good = slackSignature(t.signingSecret, stamp, text);
  const label = forged === null ? body.label : `forged:${forged}`;
  const make = (ts: string | null, sig: string | null) => ({ label, body: bytes, headers: headers(body.contentType, ts, sig), forged: forged !== null });
  switch (forged) {
    case null:
      return make(String(stamp), good);
    case 'none':
      return make(null, null);
    case 'timestamp-only':
      return make(String(stamp), null);
    case 'signature-only':
      return make(null, good);
    case 'other-secret':
      return make(String(stamp), slackSignature(`${t.signingSecret}-not`, stamp, text));
    case 'stale': {
      const old = nowSec - 301 - age * 100;
      return make(String(old), slackSignature(t.signingSecret, old, text));
    }
    case 'other-body':
      return make(String(stamp), slackSignature(t.signingSecret, stamp, `${text} `));
    case 'junk-timestamp':
      return make(`${stamp}${junk.replace(/[^\x21-\x7e]/g, '') || 'x'}`, good);
    case 'junk-signature':
      return make(String(stamp), `v0=${Buffer.from(junk).toString('hex').padEnd(64, '0').slice(0, 64)}`);
    case 'uppercase':
      return make(String(stamp), good.toUpperCase());
    case 'v1':
      return make(String(stamp), good.replace(/^v0=/, 'v1='));
  }
}

export function slackCase(t: SlackFuzzTargets, forged: boolean): fc.Arbitrary<Omit<HttpCase, 'id'>> {
  return fc
    .tuple(slackBody(t), forged ? forgery : fc.constant(null), fc.integer({ min: 0, max: 30 }), fc.string({ minLength: 1, maxLength: 8 }))
    .map(([body, how, age, junk]) => sign(t, body, how, Math.floor(Date.now() / 1000), age, junk));
}

/** What Bolt will act on, read the way Bolt reads it (first action only); anything else must write nothing. */
export function slackCaseActs(fuzzCase: HttpCase): boolean {
  const text = fuzzCase.body.toString('utf8');
  const type = (fuzzCase.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  try {
    if (type === 'application/x-www-form-urlencoded') {
      const form = new URLSearchParams(text);
      const payload = form.get('payload');
      if (payload === null) return form.has('command');
      const parsed = JSON.parse(payload) as { type?: unknown; actions?: Array<{ action_id?: unknown }>; view?: { callback_id?: unknown } };
      if (parsed.type === 'block_actions') return OUR_ACTIONS.includes(String(parsed.actions?.[0]?.action_id));
      return parsed.type === 'view_submission' && parsed.view?.callback_id === 'break_settings';
    }
    const parsed = JSON.parse(text) as { type?: unknown; event?: { type?: unknown } };
    return parsed.type === 'event_callback' && ['app_home_opened', 'app_uninstalled', 'tokens_revoked'].includes(String(parsed.event?.type));
  } catch {
    return false;
  }
}

