// The team challenge's live count: a burst of Done clicks becomes few card updates, the last showing the highest count.
import { describe, expect, it } from 'vitest';
import { createLiveCount } from '../../src/adapters/teams/live-count.ts';
import type { Outbox } from '../../src/adapters/teams/outbox.ts';
import { card, text } from '../../src/adapters/teams/cards/card-kit.ts';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const delivery = { activityId: 'a1', conversationId: '19:c', serviceUrl: 'http://127.0.0.1:1/' };
const render = (count: number) => card([text(`${count} joined`)]);

function recordingOutbox(options: { failFirst?: boolean } = {}) {
  const shown: string[] = [];
  let release: () => void = () => undefined;
  let calls = 0;
  const outbox: Outbox = {
    limited: (_tenant, send) => send(),
    post: async () => delivery,
    async replace(_delivery, _tenant, activity) {
      calls += 1;
      // The first update hangs until released, as a slow connector would.
      if (calls === 1) await new Promise<void>((resolve) => (release = resolve));
      if (calls === 1 && options.failFirst) throw new Error('502');
      const content = (activity.attachments?.[0]?.content ?? {}) as { body: Array<{ text: string }> };
      shown.push(content.body[0]?.text ?? '');
    },
  };
  return { outbox, shown, release: () => release() };
}

describe('Teams live count', () => {
  it('clicks during an update fold into one more update with the highest count', async () => {
    const { outbox, shown, release } = recordingOutbox();
    const live = createLiveCount(outbox, silent);
    const first = live.show('p1', delivery, 't', 1, render);
    await Promise.resolve();
    const during = [live.show('p1', delivery, 't', 3, render), live.show('p1', delivery, 't', 2, render)];
    release();
    await Promise.all([first, ...during]);
    expect(shown).toEqual(['1 joined', '3 joined']);
  });

  it('a failed update is logged and the next one still goes out', async () => {
    const { outbox, shown, release } = recordingOutbox({ failFirst: true });
    const live = createLiveCount(outbox, silent);
    const first = live.show('p1', delivery, 't', 1, render);
    await Promise.resolve();
    const second = live.show('p1', delivery, 't', 2, render);
    release();
    await expect(Promise.all([first, second])).resolves.toBeDefined();
    expect(shown).toEqual(['2 joined']);
  });
});
