// A core wired to the memory store, a clock the test moves, and a messenger that records what it was asked to send.
import { BreakService, type Delivery, type DigestView, type Member, type Messenger, type Platform, type PromptView, type Store, type Team, type TeamPromptView } from '../../src/core/index.ts';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { sendPersonalPrompt } from '../../src/core/prompts/issue.ts';

export interface SentPrompt {
  to: string;
  view: PromptView;
  at: number;
}

export class RecordingMessenger implements Messenger {
  readonly prompts: SentPrompt[] = [];
  readonly teamPrompts: Array<{ team: string; view: TeamPromptView }> = [];
  readonly digests: Array<{ team: string; view: DigestView }> = [];
  failNext = false;

  constructor(
    readonly platform: Messenger['platform'],
    private readonly now: () => number,
  ) {}

  async sendPrompt(member: Member, view: PromptView): Promise<Delivery> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('platform unavailable');
    }
    this.prompts.push({ to: member.id, view, at: this.now() });
    return { channel: `dm-${member.id}`, ts: String(this.prompts.length) };
  }

  async sendTeamPrompt(team: Team, view: TeamPromptView): Promise<Delivery> {
    this.teamPrompts.push({ team: team.id, view });
    return { channel: team.id };
  }

  async sendDigest(team: Team, view: DigestView): Promise<void> {
    this.digests.push({ team: team.id, view });
  }
}

export class TestClock {
  constructor(public t: number) {}
  now = (): number => this.t;
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export function makeCore(startIso: string, options: { store?: Store; spreadSeconds?: number; defaultTimezone?: string; sendsPerSecond?: Partial<Record<Platform, number>> } = {}) {
  const clock = new TestClock(Date.parse(startIso));
  const store = options.store ?? new MemoryStore({ now: clock.now });
  const messenger = new RecordingMessenger('web', clock.now);
  const service = new BreakService({
    store,
    clock,
    messengers: { web: messenger },
    spreadSeconds: options.spreadSeconds ?? 0,
    ...(options.defaultTimezone ? { defaultTimezone: options.defaultTimezone } : {}),
    ...(options.sendsPerSecond ? { sendsPerSecond: options.sendsPerSecond } : {}),
  });
  return { clock, store, messenger, service };
}

/**
 * A schedule slot's prompt for the member, sent now as the scheduler sends one (not an on-demand "now" break, whose
 * points are capped lower): for tests about points and boards that need more than a couple of breaks a day.
 */
export async function sendSlotPrompt(core: { service: BreakService }, memberId: string) {
  const member = await core.service.ctx.store.getMember(memberId);
  if (!member) throw new Error(`no member ${memberId}`);
  return sendPersonalPrompt(core.service.ctx, member, core.service.ctx.clock.now());
}
