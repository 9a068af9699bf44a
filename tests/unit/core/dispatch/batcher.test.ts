// Grouped store calls: items added together go out in one call; items added while a call is out wait for the next.
import { describe, expect, it } from 'vitest';
import { Batcher } from '../../../../src/core/dispatch/batcher.ts';

function recordingBatcher() {
  const calls: number[][] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  const batcher = new Batcher<number, number>(async (items) => {
    calls.push(items);
    await gate;
    if (items.includes(13)) throw new Error('unlucky');
    return items.map((n) => n * 2);
  });
  return {
    calls,
    batcher,
    hold: () => (gate = new Promise<void>((resolve) => (release = resolve))),
    release: () => release(),
  };
}

describe('Batcher', () => {
  it('items added in one go make one call, each answered with its own result', async () => {
    const { calls, batcher } = recordingBatcher();
    expect(await Promise.all([1, 2, 3].map((n) => batcher.add(n)))).toEqual([2, 4, 6]);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('items added while a call is out go together in the next call', async () => {
    const { calls, batcher, hold, release } = recordingBatcher();
    hold();
    const first = batcher.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [batcher.add(2), batcher.add(3)];
    release();
    expect(await Promise.all([first, ...later])).toEqual([2, 4, 6]);
    expect(calls).toEqual([[1], [2, 3]]);
  });

  it('a failed call fails only the items of its group', async () => {
    const { calls, batcher } = recordingBatcher();
    const unlucky = Promise.allSettled([batcher.add(12), batcher.add(13)]);
    expect((await unlucky).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await batcher.add(14)).toBe(28);
    expect(calls).toEqual([[12, 13], [14]]);
  });
});
