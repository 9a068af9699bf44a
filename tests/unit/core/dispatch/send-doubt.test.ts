// A send in doubt: an instance took the slot's marker and went on the wire, then died before the outcome was stored.
// The next instance to handle the slot counts it once, asks the platform where it can, and otherwise sends the same
// prompt again (same prompt id), so a click on either copy counts once.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../../src/adapters/memory/index.ts';
import { BreakService, noMetrics, type Delivery, type Member, type Messenger, type PromptView } from '../../../../src/core/index.ts';
import { TestClock } from '../../../helpers/core-fixture.ts';
import { handleOne } from '../../../helpers/handle-one.ts';

const SLOT = Date.parse('2026-11-25T10:00:00Z');
const MEMBER = 'web:local:ada';

/** A platform: `hang` never answers (the instance dies on the wire); `shows` answers findPrompt, when it can tell. */
class Platform implements Messenger {
  readonly platform = 'web' as const;
  readonly sent: string[] = [];
  findPrompt?: (member: Member, promptId: string) => Promise<Delivery | null>;

  constructor(private readonly hang = false) {}

  async sendPrompt(_member: Member, view: PromptView): Promise<Delivery> {
    this.sent.push(view.promptId);
    if (this.hang) return new Promise<Delivery>(() => undefined);
    return { message: `m${this.sent.length}` };
  }

  async sendTeamPrompt(): Promise<Delivery> {
    return {};
  }

  async sendDigest(): Promise<void> {}
}

async function diedOnTheWire() {
  const clock = new TestClock(Date.parse('2026-11-25T09:30:00Z'));
  const store = new MemoryStore({ now: clock.now });
  const dead = new Platform(true);
  const first = new BreakService({ store, clock, messengers: { web: dead }, spreadSeconds: 0 });
  await first.enrol({ memberId: MEMBER, displayName: 'Ada', timezone: 'UTC' });
  await first.start(MEMBER);
  clock.set('2026-11-25T10:00:02Z');
  // The first instance's send never comes back: it is on the wire when the instance dies.
  void first.handleDueBatch([{ jobId: MEMBER, dueAt: SLOT }], 1);
  await new Promise((r) => setTimeout(r, 20));
  expect(dead.sent).toHaveLength(1);
  const counts = { unknown: 0, resent: 0, sent: 0 };
  const metrics = { ...noMetrics, deliveryUnknown: () => void counts.unknown++, deliveryResent: () => void counts.resent++, promptSent: () => void counts.sent++ };
  const heir = new Platform();
  const next = new BreakService({ store, clock, metrics, messengers: { web: heir }, spreadSeconds: 0 });
  return { store, dead, heir, next, counts, onWire: dead.sent[0] as string };
}

describe('a send in doubt', () => {
  it('where the platform cannot tell, is sent again once with the same prompt id and counted in doubt and resent', async () => {
    const { store, heir, next, counts, onWire } = await diedOnTheWire();
    expect(await handleOne(next, MEMBER, SLOT)).toBe(SLOT + 3600_000);
    expect(heir.sent).toEqual([onWire]);
    expect(counts).toEqual({ unknown: 1, resent: 1, sent: 1 });
    expect((await store.getPrompt(onWire))?.delivery).toEqual({ message: 'm1' });
    // Settled now: another look at the slot sends and counts nothing more.
    await handleOne(next, MEMBER, SLOT);
    expect(heir.sent).toEqual([onWire]);
    expect(counts).toEqual({ unknown: 1, resent: 1, sent: 1 });
  });

  it('where the platform shows the prompt, is not sent again: counted in doubt, settled with what the platform has', async () => {
    const { store, heir, next, counts, onWire } = await diedOnTheWire();
    const asked: string[] = [];
    heir.findPrompt = async (_member, promptId) => (asked.push(promptId), { message: 'found' });
    await handleOne(next, MEMBER, SLOT);
    expect(asked).toEqual([onWire]);
    expect(heir.sent).toEqual([]);
    expect(counts).toEqual({ unknown: 1, resent: 0, sent: 0 });
    expect((await store.getPrompt(onWire))?.delivery).toEqual({ message: 'found' });
  });

  it('where the platform says it is missing, or the look-up fails, is sent again with the same prompt id', async () => {
    for (const answer of [async () => null, async () => Promise.reject(new Error('missing_scope'))]) {
      const { heir, next, counts, onWire } = await diedOnTheWire();
      heir.findPrompt = answer;
      await handleOne(next, MEMBER, SLOT);
      expect(heir.sent).toEqual([onWire]);
      expect(counts).toEqual({ unknown: 1, resent: 1, sent: 1 });
    }
  });
});
