// The hostile pieces every fuzzed payload is built from: odd strings, prototype-pollution keys, nested junk, huge
// strings and deep nesting. JSON is kept as an entry list (not a JS object) so that keys such as "__proto__" and
// duplicate keys reach the wire exactly as generated.
import fc from 'fast-check';

export class JsonObject {
  constructor(readonly entries: Array<[string, Json]>) {}
}
export type Json = null | boolean | number | string | Json[] | JsonObject;

export function obj(record: Record<string, Json>): JsonObject {
  return new JsonObject(Object.entries(record));
}

export function toJsonText(value: Json): string {
  if (value instanceof JsonObject) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  // NaN and Infinity become null, as JSON.stringify writes them.
  return JSON.stringify(value) ?? 'null';
}

export function cloneJson(value: Json): Json {
  if (value instanceof JsonObject) return new JsonObject(value.entries.map(([k, v]) => [k, cloneJson(v)]));
  if (Array.isArray(value)) return value.map(cloneJson);
  return value;
}

export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
/** What a pollution payload tries to plant; the test checks no object has it afterwards. */
export const POLLUTED = 'polluted';

/** `{"__proto__":{"polluted":"yes"}}`-style values for a pollution key. */
export function pollutionValue(key: (typeof POLLUTION_KEYS)[number]): Json {
  const plant = obj({ [POLLUTED]: 'yes', toString: 'planted', isAdmin: true });
  return key === 'constructor' ? obj({ prototype: plant }) : plant;
}

const SPECIAL_STRINGS = [
  '', ' ', '\u0000', '\uFEFF', '\u202E', '\r\n', '\t', 'null', 'undefined', 'NaN', 'true', '-1', '0', '1e309', '0x10', '[]', '{}',
  '<script>alert(1)</script>', "' OR 1=1 --", '../../etc/passwd', '%00', '%', '%zz', '&', '=', '+', '${7*7}', '{{7*7}}',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '💥', '👩‍👩‍👧‍👦', 'ǅ', 'İ', 'ß',
  '\uD800', '\uDFFF', 'a\u0301', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗͕', 'Europe/Berlin', 'Mars/Olympus', 'Etc/GMT+14', '29:', 'T0', 'slack:T0:U0',
  'teams:t:a', 'break_done', 'break_snooze', 'break_skip', 'http://127.0.0.1:1/', 'javascript:alert(1)', 'file:///etc/passwd',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'é', '💥', '\u0000', '"', '\\', '%'), fc.integer({ min: 300, max: 20_000 })).map(([unit, n]) => unit.repeat(n)) },
);

export const junkKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...POLLUTION_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom('type', 'id', 'user', 'team', 'value', 'actions', 'payload', 'text', 'from', 'conversation', 'channelData', 'action', 'data', 'verb', 'promptId') },
  { weight: 2, arbitrary: hostileString },
);

const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 1e308),
  hostileString,
);

/** Any JSON value, nested a few levels, with pollution keys among the object keys. */
export const junkJson: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    { weight: 4, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 2, arbitrary: fc.array(fc.tuple(junkKey, tie('value')), { maxLength: 4 }).map((entries) => new JsonObject(entries)) },
  ),
})).value;

/**
 * A string about `limitBytes / 4` to `limitBytes * 1.05` long once encoded: for "up to the body limit" and "just
 * over it". `encodedBytes` says what one character costs on the wire (UTF-8 by default).
 */
export function hugeStringArbitrary(limitBytes: number, encodedBytes: (unit: string) => number = (unit) => Buffer.byteLength(unit)): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom('x', 'é', '💥', ' '), fc.integer({ min: Math.floor(limitBytes / 4), max: Math.floor(limitBytes * 1.05) }))
    .map(([unit, bytes]) => unit.repeat(Math.max(1, Math.floor(bytes / encodedBytes(unit)))));
}

/** `[[[[...]]]]` or `{"a":{"a":...}}` thousands deep, the shape that blows recursive code's stack. */
export const deepNesting: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.integer({ min: 1_000, max: 40_000 }))
  .map(([arrays, depth]) => (arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

// ---------------------------------------------------------------------------------------------------------------
// Mutations: a valid template with a few things broken, so the fuzz reaches the checks behind the first one.

export type Mutation =
  | { kind: 'drop'; at: number }
  | { kind: 'replace'; at: number; with: Json }
  | { kind: 'add'; at: number; key: string; value: Json }
  | { kind: 'pollute'; at: number; key: (typeof POLLUTION_KEYS)[number] }
  | { kind: 'duplicate'; at: number; with: Json };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: junkJson }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: junkKey, value: junkJson }),
  fc.record({ kind: fc.constant('pollute' as const), at: fc.nat(), key: fc.constantFrom(...POLLUTION_KEYS) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), with: junkJson }),
);

/** 0-3 mutations, none half of the time, so about half of the templates stay valid. */
export const mutations: fc.Arbitrary<Mutation[]> = fc.oneof(fc.constant<Mutation[]>([]), fc.array(mutation, { minLength: 1, maxLength: 3 }));

type Slot = { parent: JsonObject; index: number } | { parent: Json[]; index: number };

function slotsOf(value: Json, into: Slot[] = []): Slot[] {
  if (value instanceof JsonObject) {
    value.entries.forEach((entry, index) => {
      into.push({ parent: value, index });
      slotsOf(entry[1], into);
    });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      into.push({ parent: value, index });
      slotsOf(item, into);
    });
  }
  return into;
}

function objectsOf(value: Json, into: JsonObject[] = []): JsonObject[] {
  if (value instanceof JsonObject) {
    into.push(value);
    for (const [, v] of value.entries) objectsOf(v, into);
  } else if (Array.isArray(value)) for (const v of value) objectsOf(v, into);
  return into;
}

/** Applies the mutations to a copy of `template`; a mutation's `at` picks its target among the current nodes. */
export function mutateJson(template: Json, list: Mutation[]): Json {
  const root = cloneJson(template);
  for (const m of list) {
    if (m.kind === 'add' || m.kind === 'pollute') {
      const objects = objectsOf(root);
      const target = objects[m.at % Math.max(1, objects.length)];
      if (!target) continue;
      target.entries.push(m.kind === 'add' ? [m.key, m.value] : [m.key, pollutionValue(m.key)]);
      continue;
    }
    const slots = slotsOf(root);
    const slot = slots[m.at % Math.max(1, slots.length)];
    if (!slot) continue;
    if (slot.parent instanceof JsonObject) {
      const entry = slot.parent.entries[slot.index];
      if (!entry) continue;
      if (m.kind === 'drop') slot.parent.entries.splice(slot.index, 1);
      else if (m.kind === 'replace') entry[1] = m.with;
      else slot.parent.entries.push([entry[0], m.with]);
    } else if (m.kind === 'drop') slot.parent.splice(slot.index, 1);
    else if (m.kind === 'replace') slot.parent[slot.index] = m.with;
    else slot.parent.push(m.with);
  }
  return root;
}
