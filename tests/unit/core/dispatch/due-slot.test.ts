// A member's slot coming due: one store call takes the slot and records the prompt before the platform is called.
import { handleOne } from '../../../helpers/handle-one.ts';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../../src/adapters/memory/index.ts';
import { BreakService, noMetrics, type Delivery, type Member, type Messenger, type PromptView } from '../../../../src/core/index.ts';
import { TestClock } from '../../../helpers/core-fixture.ts';

const SLOT = Date.parse('2026-11-25T10:00:00Z');
const MEMBER = 'web:local:ada';

/** A messenger that looks at the store while the platform call is under way, and can fail it. */
class ProbingMessenger implements Messenger {
  readonly platform = 'web' as const;
  readonly seen: Array<{ promptStored: boolean; slotTaken: boolean; promptsSent: number; recent: string[] }> = [];
  fail = false;

  constructor(private readonly store: MemoryStore) {}

  async sendPrompt(member: Member, view: PromptView): Promise<Delivery> {
    this.seen.push({
      promptStored: (await this.store.getPrompt(view.promptId)) !== null,
      slotTaken: !(await this.store.markSent(member.id, SLOT, 60_000)),
      promptsSent: (await this.store.getActivity(member.id)).promptsSent,
      recent: (await this.store.getMember(member.id))?.recentChallengeIds ?? [],
    });
    if (this.fail) throw new Error('platform down');
    return { message: 'm1' };
  }

  async sendTeamPrompt(): Promise<Delivery> {
    return {};
  }

  async sendDigest(): Promise<void> {}
}

async function setUp(options: { messenger: boolean } = { messenger: true }) {
  const clock = new TestClock(Date.parse('2026-11-25T09:30:00Z'));
  const store = new MemoryStore({ now: clock.now });
  const messenger = new ProbingMessenger(store);
  const failures: string[] = [];
  const metrics = { ...noMetrics, promptSent: () => undefined, completion: () => undefined, deliveryFailed: (platform: string) => void failures.push(platform), deliveryUnknown: () => undefined, promptHeld: () => undefined, promptSkipped: () => undefined };
  const service = new BreakService({ store, clock, metrics, messengers: options.messenger ? { web: messenger } : {}, spreadSeconds: 0 });
  await service.enrol({ memberId: MEMBER, displayName: 'Ada', timezone: 'UTC' });
  await service.start(MEMBER);
  clock.set('2026-11-25T10:00:02Z');
  return { clock, store, messenger, failures, service };
}

describe('a due slot', () => {
  it('is taken, its prompt stored and counted and the member updated before the platform call, so a quick click finds it', async () => {
    const { store, messenger, service } = await setUp();
    expect(await handleOne(service, MEMBER, SLOT)).toBe(SLOT + 3600_000);
    expect(messenger.seen).toHaveLength(1);
    const [during] = messenger.seen;
    expect(during).toMatchObject({ promptStored: true, slotTaken: true, promptsSent: 1 });
    expect(during?.recent).toHaveLength(1);
    const member = await store.getMember(MEMBER);
    expect(member?.recentChallengeIds).toEqual(during?.recent);
  });

  it('handled a second time (a lease that ran out) sends nothing and counts nothing more', async () => {
    const { store, messenger, service } = await setUp();
    await handleOne(service, MEMBER, SLOT);
    expect(await handleOne(service, MEMBER, SLOT)).toBe(SLOT + 3600_000);
    expect(messenger.seen).toHaveLength(1);
    expect((await store.getActivity(MEMBER)).promptsSent).toBe(1);
  });

  it('whose platform call fails is counted as failed and not sent again, and the schedule moves on', async () => {
    const { store, messenger, failures, service } = await setUp();
    messenger.fail = true;
    expect(await handleOne(service, MEMBER, SLOT)).toBe(SLOT + 3600_000);
    messenger.fail = false;
    await handleOne(service, MEMBER, SLOT);
    expect(messenger.seen).toHaveLength(1);
    expect(failures).toEqual(['web']);
    expect((await store.getActivity(MEMBER)).promptsSent).toBe(1);
  });

  it('of a member whose platform is not connected records nothing and is counted as failed', async () => {
    const { store, failures, service } = await setUp({ messenger: false });
    expect(await handleOne(service, MEMBER, SLOT)).toBe(SLOT + 3600_000);
    expect(failures).toEqual(['web']);
    expect((await store.getActivity(MEMBER)).promptsSent).toBe(0);
    expect(await store.markSent(MEMBER, SLOT, 60_000)).toBe(true);
  });
});
