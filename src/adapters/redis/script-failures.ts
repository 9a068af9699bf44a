// Lua scripts return small negative codes for expected failures; this is the one place that names them.
const FAILURES = new Map<number, ScriptFailure>([
  [-1, 'stale-claim'],
  [-2, 'not-found'],
  [-3, 'closed'],
  [-4, 'changed'],
  [-5, 'limit'],
]);

/**
 * stale-claim: the job is not claimed with that token; not-found: the key does not exist; closed, changed, limit:
 * a swap found the prompt no longer open, showing another challenge, or swapped the most times allowed.
 */
export type ScriptFailure = 'stale-claim' | 'not-found' | 'closed' | 'changed' | 'limit';

/** The expected failure a script result stands for, or null when the script succeeded. */
export function scriptFailure(result: unknown): ScriptFailure | null {
  if (typeof result !== 'number' || result >= 0) return null;
  const failure = FAILURES.get(result);
  if (!failure) throw new Error(`a Lua script returned the unknown code ${result}`);
  return failure;
}
