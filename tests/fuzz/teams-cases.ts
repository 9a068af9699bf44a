// Generated requests for POST /api/messages: messages, card submissions, Action.Execute invokes, install and
// conversation updates and junk, as JSON activities; sent in anonymous mode, or with forged Bot Framework tokens.
import fc from 'fast-check';
import { deepNesting, hostileString, hugeStringArbitrary, JsonObject, junkJson, mutateJson, mutations, obj, toJsonText, type Json } from './hostile-values.ts';
import type { HttpCase } from './send-cases.ts';

/** express.json's limit on /api/messages. */
export const TEAMS_BODY_LIMIT = 256 * 1024;
export const FUZZ_BOT = { id: '28:fuzz-bot', name: 'Desk breaks' };

export interface TeamsFuzzTargets {
  tenants: string[];
  /** Entra object ids the fuzz reuses. */
  users: string[];
  promptIds: string[];
  /** serviceUrls the bot may call: the fake connector's, and a closed loopback port. */
  serviceUrls: string[];
}

const WORDS = [
  'help', 'start', 'stop', 'pause 30m', 'pause 1d', 'pause until 2026-12-24', 'resume', 'now', 'settings', 'hours 08:00-16:00',
  'hours 25:00-26:00', 'every 15', 'every 0', 'days mon-fri', 'days nonsense', 'timezone Europe/Berlin', 'timezone Nowhere/Land',
  'band on', 'join', 'leave', 'team-time 10:00', 'leaderboard', 'stats', 'forget-me', '',
];

const text = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.constantFrom(...WORDS).map((w) => `<at>${FUZZ_BOT.name}</at> ${w}`) },
  { weight: 2, arbitrary: hostileString },
);

function clickFields(t: TeamsFuzzTargets) {
  return fc.record({
    verb: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('break_done', 'break_snooze', 'break_skip') }, { weight: 1, arbitrary: hostileString }),
    promptId: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...t.promptIds) }, { weight: 1, arbitrary: hostileString }),
    minutes: fc.constantFrom<Json>(10, 30, 60, 0, -5, '30', 'x', null, 1e9),
  });
}

function submitValue(t: TeamsFuzzTargets): fc.Arbitrary<Json> {
  return fc.oneof(
    clickFields(t).map((fields) => obj(fields)),
    fc.record({ start: fc.constantFrom('09:00', '25:00', ''), interval: fc.constantFrom<Json>('60', 15, 'x', null), days: fc.constantFrom('1,2,3', '', '8,9', 'x'), timezone: fc.constantFrom('Europe/Berlin', 'Nowhere/Land'), band: fc.constantFrom<Json>(true, 'true', 'no', 5) }).map((v) => obj({ verb: 'settings_save', end: '17:00', ...v })),
    fc.constantFrom(...WORDS).map((command) => obj({ verb: 'command', command })),
    junkJson,
  );
}

type Where = { personal: true } | { personal: false; channel: string };

function activity(t: TeamsFuzzTargets): fc.Arbitrary<Json> {
  const where: fc.Arbitrary<Where> = fc.oneof({ weight: 3, arbitrary: fc.constant({ personal: true as const }) }, { weight: 1, arbitrary: fc.constantFrom('general', 'fuzz').map((channel) => ({ personal: false as const, channel })) });
  const kind = fc.oneof(
    { weight: 5, arbitrary: text.map((words): Record<string, Json> => ({ type: 'message', text: words })) },
    { weight: 3, arbitrary: submitValue(t).map((value): Record<string, Json> => ({ type: 'message', value, replyToId: 'activity-1' })) },
    {
      weight: 5,
      arbitrary: fc.tuple(clickFields(t), fc.constantFrom('Action.Execute', 'Action.Execute', 'Action.Submit', 'x')).map(([{ verb, promptId, minutes }, type]): Record<string, Json> => ({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: obj({ action: obj({ type, verb, data: obj({ promptId, minutes }) }), trigger: 'manual' }),
      })),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('composeExtension/query', 'task/fetch', 'signin/verifyState', 'config/fetch', 'message/submitAction'), junkJson).map(([name, value]): Record<string, Json> => ({ type: 'invoke', name, value })) },
    { weight: 2, arbitrary: fc.constantFrom('add', 'remove', 'add-upgrade', 'x').map((action): Record<string, Json> => ({ type: 'installationUpdate', action })) },
    { weight: 2, arbitrary: fc.constantFrom('added', 'removed', 'teamDeleted').map((how): Record<string, Json> => (how === 'teamDeleted' ? { type: 'conversationUpdate', channelData: obj({ eventType: 'teamDeleted' }) } : { type: 'conversationUpdate', [how === 'added' ? 'membersAdded' : 'membersRemoved']: [obj({ id: FUZZ_BOT.id })] })) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom('typing', 'messageReaction', 'event', 'endOfConversation', 'messageUpdate', 'deleteUserData'), hostileString).map((type): Record<string, Json> => ({ type })) },
  );
  return fc
    .record({ where, kind, tenant: fc.constantFrom(...t.tenants), user: fc.constantFrom(...t.users), name: fc.oneof(fc.constant('Ada'), hostileString), serviceUrl: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...t.serviceUrls) }, { weight: 1, arbitrary: hostileString }), zone: fc.constantFrom<Json>('Europe/Berlin', 'America/New_York', 'Nowhere/Land', '', null, 5), id: fc.uuid(), timestamp: fc.constantFrom<Json>('2026-11-25T09:05:00.000Z', 'not a date', '', 0, null) })
    .map(({ where, kind, tenant, user, name, serviceUrl, zone, id, timestamp }) => {
      const conversation = where.personal
        ? obj({ id: `a:personal-${user}`, conversationType: 'personal', tenantId: tenant })
        : obj({ id: `19:${where.channel}@thread.tacv2;messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: tenant });
      const channelData = where.personal ? obj({ tenant: obj({ id: tenant }) }) : obj({ tenant: obj({ id: tenant }), team: obj({ id: `19:${where.channel}@thread.tacv2`, name: where.channel }), channel: obj({ id: `19:${where.channel}@thread.tacv2` }) });
      return obj({
        id,
        channelId: 'msteams',
        serviceUrl,
        timestamp,
        localTimezone: zone,
        from: obj({ id: `29:${user}`, aadObjectId: user, name }),
        recipient: obj(FUZZ_BOT),
        conversation,
        channelData,
        entities: where.personal ? [] : [obj({ type: 'mention', mentioned: obj(FUZZ_BOT), text: `<at>${FUZZ_BOT.name}</at>` })],
        ...kind,
      });
    });
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', ''];
const contentType = fc.oneof({ weight: 12, arbitrary: fc.constant('application/json') }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) });
const encoding = fc.oneof({ weight: 30, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'x-junk', 'identity') });

/** "message", "invoke:adaptiveCard/action", ...: what an activity was generated as. */
function labelOf(json: Json): string {
  if (!(json instanceof JsonObject)) return 'junk';
  const field = (key: string) => json.entries.find(([k]) => k === key)?.[1];
  const name = field('name');
  return `${String(field('type'))}${typeof name === 'string' ? `:${name}` : ''}`;
}

type Body = { label: string; text: string; contentType: string; encoding: string | null };

export function teamsBody(t: TeamsFuzzTargets): fc.Arbitrary<Body> {
  const structured = fc.tuple(activity(t), mutations, contentType, encoding).map(([json, list, type, enc]) => ({
    label: `${labelOf(json)}${list.length > 0 ? '~' : ''}`,
    text: toJsonText(mutateJson(json, list)),
    contentType: type,
    encoding: enc,
  }));
  const raw = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 300 }), contentType).map(([bytes, type]) => ({ label: 'raw-bytes', text: Buffer.from(bytes).toString('latin1'), contentType: type, encoding: null })) },
    { weight: 3, arbitrary: junkJson.map((json) => ({ label: 'junk-json', text: toJsonText(json), contentType: 'application/json', encoding: null })) },
    { weight: 2, arbitrary: deepNesting.map((text) => ({ label: 'deep-nesting', text, contentType: 'application/json', encoding: null })) },
    { weight: 1, arbitrary: fc.tuple(hugeStringArbitrary(TEAMS_BODY_LIMIT), activity(t)).map(([huge, json]) => ({ label: 'huge', text: toJsonText(mutateJson(json, [{ kind: 'add', at: 0, key: 'text', value: huge }])), contentType: 'application/json', encoding: null })) },
  );
  const truncated = fc.tuple(structured, fc.double({ min: 0, max: 0.999, noNaN: true })).map(([body, cut]) => ({ ...body, label: 'truncated', text: body.text.slice(0, Math.floor(body.text.length * cut)) }));
  return fc.oneof({ weight: 14, arbitrary: structured }, { weight: 2, arbitrary: raw }, { weight: 2, arbitrary: truncated });
}

function headersOf(body: Body, authorization: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (body.contentType !== '') out['content-type'] = body.contentType;
  if (body.encoding !== null) out['content-encoding'] = body.encoding;
  if (authorization !== null) out['authorization'] = authorization;
  return out;
}

/** A case for the anonymous bot (TEAMS_ALLOW_ANONYMOUS): every well-formed activity is let in. */
export function anonymousCase(t: TeamsFuzzTargets): fc.Arbitrary<Omit<HttpCase, 'id'>> {
  return teamsBody(t).map((body) => ({ label: body.label, body: Buffer.from(body.text, body.label === 'raw-bytes' ? 'latin1' : 'utf8'), headers: headersOf(body, null), forged: false }));
}

/** A case for the bot with an app id: the same bodies with a missing or forged Authorization header. */
export function forgedCase(t: TeamsFuzzTargets, forgedAuthorization: fc.Arbitrary<{ label: string; header: string | null }>): fc.Arbitrary<Omit<HttpCase, 'id'>> {
  return fc.tuple(teamsBody(t), forgedAuthorization).map(([body, auth]) => ({ label: `forged:${auth.label}`, body: Buffer.from(body.text, body.label === 'raw-bytes' ? 'latin1' : 'utf8'), headers: headersOf(body, auth.header), forged: true }));
}

/** The activity types this bot does something for; any other accepted activity must write nothing. */
export function teamsCaseActs(fuzzCase: HttpCase): boolean {
  try {
    const parsed = JSON.parse(fuzzCase.body.toString('utf8')) as { type?: unknown };
    return ['message', 'invoke', 'conversationUpdate', 'installationUpdate'].includes(String(parsed.type));
  } catch {
    return false;
  }
}
