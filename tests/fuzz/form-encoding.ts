// application/x-www-form-urlencoded built by hand, so pollution keys, duplicate keys and broken escapes reach the wire.
import fc from 'fast-check';
import { hostileString, POLLUTED } from './hostile-values.ts';

export type FormEntries = Array<[string, string]>;

/** Percent-encodes the UTF-8 bytes; a lone surrogate becomes U+FFFD first, as a browser would send it. */
export function formEncode(text: string): string {
  const wellFormed = text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return encodeURIComponent(wellFormed).replace(/%20/g, '+');
}

export function formText(entries: FormEntries): string {
  return entries.map(([k, v]) => `${formEncode(k)}=${formEncode(v)}`).join('&');
}

/** Keys that try qs-style nesting into prototypes, should anything parse them that way. */
const FORM_POLLUTION_KEYS = ['__proto__', `__proto__[${POLLUTED}]`, `constructor[prototype][${POLLUTED}]`, 'constructor', 'prototype', `__proto__.${POLLUTED}`, 'toString', 'hasOwnProperty'];

export type FormMutation =
  | { kind: 'drop'; at: number }
  | { kind: 'replace'; at: number; with: string }
  | { kind: 'add'; key: string; value: string }
  | { kind: 'duplicate'; at: number; with: string };

export const formMutation: fc.Arbitrary<FormMutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: hostileString }),
  fc.record({ kind: fc.constant('add' as const), key: fc.oneof(fc.constantFrom(...FORM_POLLUTION_KEYS), hostileString), value: fc.oneof(fc.constant('yes'), hostileString) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), with: hostileString }),
);

export const formMutations: fc.Arbitrary<FormMutation[]> = fc.oneof(fc.constant<FormMutation[]>([]), fc.array(formMutation, { minLength: 1, maxLength: 3 }));

export function mutateForm(template: FormEntries, list: FormMutation[]): FormEntries {
  const entries = template.map(([k, v]): [string, string] => [k, v]);
  for (const m of list) {
    if (m.kind === 'add') {
      entries.push([m.key, m.value]);
      continue;
    }
    const index = m.at % Math.max(1, entries.length);
    const entry = entries[index];
    if (!entry) continue;
    if (m.kind === 'drop') entries.splice(index, 1);
    else if (m.kind === 'replace') entry[1] = m.with;
    else entries.push([entry[0], m.with]);
  }
  return entries;
}

/** Bytes that are not a well-formed form at all. */
export const brokenFormText: fc.Arbitrary<string> = fc.constantFrom('a=%', '=&&=', '%zz=1', 'payload=%7B', 'payload', '&&&', '==', 'payload=%E0%A4%A', `__proto__[${POLLUTED}]=yes&payload=x`, 'a=1;b=2', 'text=%00%00');
