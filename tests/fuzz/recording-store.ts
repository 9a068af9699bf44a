// A Store that records every call with the fuzz case that caused it, so a test can say "this request wrote nothing".
import type { Store } from '../../src/core/index.ts';
import { caseInScope } from './case-attribution.ts';

/** Calls that change state. readBoard counts too: it zeroes lapsed streaks and moves a board to a new week. */
export const MUTATING_CALLS: ReadonlySet<string> = new Set([
  'putMember', 'enrolMembers', 'forgetMember', 'setDue', 'clearDue', 'claimDue', 'commitDueMany', 'reapLeases', 'markSent',
  'putPrompt', 'setPromptStatus', 'setPromptDelivery', 'recordCompletion', 'recordPromptSent',
  'putTeam', 'addTeamMember', 'addTeamMembers', 'removeTeamMember', 'forgetTeam', 'putBoardEntry', 'removeBoardEntry', 'readBoard',
  'reserveSend', 'holdSends', 'putRecord', 'putRecordIfAbsent', 'deleteRecord', 'recordPromptSends', 'settlePromptSends', 'commitDueMany',
]);

/** Read-modify-writes: mutating when their change returns a value to store. */
const UPDATE_CALLS: ReadonlySet<string> = new Set(['updateMember', 'updateTeam', 'updateRecord']);

export interface StoreCall {
  method: string;
  /** The first argument when it is a string (an id), so a test can see what was touched. */
  subject: string;
  /** The second argument when it is a string (a record's id after its kind). */
  second: string;
  caseId: string;
  mutating: boolean;
}

export interface RecordingStore {
  store: Store;
  calls: StoreCall[];
  /** Calls caused by one case. */
  callsOf(caseId: string): StoreCall[];
}

export function recordingStore(inner: Store): RecordingStore {
  const calls: StoreCall[] = [];
  const byCase = new Map<string, StoreCall[]>();
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        const call = { method: property, subject: typeof args[0] === 'string' ? args[0] : '', second: typeof args[1] === 'string' ? args[1] : '', caseId: caseInScope(), mutating: MUTATING_CALLS.has(property) };
        // A read-modify-write writes only when its change asks for a new value.
        const change = UPDATE_CALLS.has(property) ? args[args.length - 1] : undefined;
        if (typeof change === 'function') {
          args[args.length - 1] = (current: unknown) => {
            const next: unknown = change(current);
            if (next !== null) call.mutating = true;
            return next;
          };
        }
        calls.push(call);
        const list = byCase.get(call.caseId) ?? [];
        list.push(call);
        byCase.set(call.caseId, list);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, calls, callsOf: (caseId) => byCase.get(caseId) ?? [] };
}
