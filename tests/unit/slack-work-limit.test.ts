// The post-ack work limit: never more than `limit` tasks at once, the rest in arrival order, failures free their place.
import { describe, expect, it } from 'vitest';
import { WorkLimit } from '../../src/adapters/slack/work-limit.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('WorkLimit', () => {
  it('runs at most `limit` tasks at once and the rest in the order they came', async () => {
    const limit = new WorkLimit(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        limit.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          order.push(i);
          await tick();
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(limit.waiting).toBe(0);
  });

  it('a failing task gives its place to the next one and its error to its caller', async () => {
    const limit = new WorkLimit(1);
    const failing = limit.run(async () => {
      throw new Error('boom');
    });
    const next = limit.run(async () => 'ran');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
