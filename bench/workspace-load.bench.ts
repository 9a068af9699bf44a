// One big workspace: every prompt of a working day (default schedule 09:00-17:00 hourly, 7 slots) through the real
// core and scheduler on a fake clock and the memory store, no network. The fake messenger takes each send at the
// tenant's configured rate through the store's own send limiter, so a send's instant is when the platform would take
// it. Prints, side by side, the spread planned per tenant (SLACK_/TEAMS_SENDS_PER_SECOND) and the fixed 180 s spread
// it replaces: delay from slot to send (p50, p95, max), the longest wait at the limiter, and prompts not sent.
import { BreakService, type Delivery, type Member, type Messenger, type Platform, type PromptView } from '../src/core/index.ts';
import { MemoryStore } from '../src/adapters/memory/index.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import { spreadWindowMs } from '../src/core/schedule/load-plan.ts';
import { activeRosterId } from '../src/core/people/tenant-load.ts';
import { percentile } from './support.ts';

const DAY = '2026-11-25'; // a Wednesday
const SLOTS_A_DAY = 7; // 10:00 ... 16:00
const SPREAD_SECONDS = 180; // PROMPT_SPREAD_SECONDS default
const TICK_MS = 5_000; // SCHEDULER_TICK_SECONDS default
const LEASE_MS = 60_000; // SCHEDULER_LEASE_SECONDS default
const STALE_MS = 15 * 60_000;
/** The documented defaults (README): Slack per workspace, Teams per tenant. */
const RATES: Record<'slack' | 'teams', number> = { slack: 5, teams: 25 };
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

interface Scenario {
  name: string;
  platform: 'slack' | 'teams';
  tenants: number;
  membersPerTenant: number;
}

interface Outcome {
  window: string;
  sent: number;
  expected: number;
  p50: number;
  p95: number;
  max: number;
  maxWait: number;
  overLease: number;
  overStale: number;
  seconds: number;
}

/** Takes sends at the tenant's rate: the instant the store's limiter gives is when the platform gets it. */
class RatedMessenger implements Messenger {
  readonly delays: number[] = [];
  maxWait = 0;
  overLease = 0;
  overStale = 0;
  constructor(
    readonly platform: Platform,
    private readonly store: MemoryStore,
    private readonly now: () => number,
    private readonly perSecond: number,
  ) {}
  async sendPrompt(member: Member, view: PromptView): Promise<Delivery> {
    const now = this.now();
    const wait = await this.store.reserveSend(`${member.platform}:${member.tenantId}`, this.perSecond, now);
    const slot = Date.parse(`${DAY}T${view.localTime}:00Z`);
    this.delays.push(now + wait - slot);
    this.maxWait = Math.max(this.maxWait, wait);
    if (wait > LEASE_MS) this.overLease += 1;
    if (wait > STALE_MS) this.overStale += 1;
    return {};
  }
  sendTeamPrompt = async (): Promise<Delivery> => ({});
  sendDigest = async (): Promise<void> => undefined;
}

async function runDay(scenario: Scenario, planned: boolean): Promise<Outcome> {
  const began = performance.now();
  const clock = { t: Date.parse(`${DAY}T08:00:00Z`), now: () => clock.t };
  const store = new MemoryStore({ now: clock.now });
  const rate = RATES[scenario.platform];
  const messenger = new RatedMessenger(scenario.platform, store, clock.now, rate);
  const service = new BreakService({
    store,
    clock,
    logger: silent,
    messengers: { [scenario.platform]: messenger },
    spreadSeconds: SPREAD_SECONDS,
    ...(planned ? { sendsPerSecond: { [scenario.platform]: rate } } : {}),
  });
  const ids: string[] = [];
  for (let t = 0; t < scenario.tenants; t += 1) {
    for (let m = 0; m < scenario.membersPerTenant; m += 1) ids.push(`${scenario.platform}:T${t}:U${m.toString(36)}`);
  }
  // Steady state, as after the first day: the tenant's roster is full before anyone's due instant is planned.
  for (const id of ids) {
    const [platform, tenantId] = id.split(':') as [Platform, string];
    await store.addTeamMember(activeRosterId(platform, tenantId), id);
  }
  for (const id of ids) {
    await service.enrol({ memberId: id, displayName: id, timezone: 'UTC' });
    await service.start(id);
  }
  const scheduler = createScheduler(
    { store, clock, logger: silent, handleDueBatch: (jobs, concurrency) => service.handleDueBatch(jobs, concurrency) },
    { tickSeconds: TICK_MS / 1000, batchSize: 200, leaseMs: LEASE_MS, concurrency: 16 },
  );
  for (clock.t = Date.parse(`${DAY}T09:55:00Z`); clock.t <= Date.parse(`${DAY}T17:30:00Z`); clock.t += TICK_MS) await scheduler.tickOnce();
  const sorted = [...messenger.delays].sort((a, b) => a - b);
  const window = planned ? spreadWindowMs(SPREAD_SECONDS, { activeMembers: scenario.membersPerTenant, sendsPerSecond: rate }, 60) : SPREAD_SECONDS * 1000;
  return {
    window: `${Math.round(window / 1000)} s`,
    sent: sorted.length,
    expected: ids.length * SLOTS_A_DAY,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? 0,
    maxWait: messenger.maxWait,
    overLease: messenger.overLease,
    overStale: messenger.overStale,
    seconds: (performance.now() - began) / 1000,
  };
}

const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;

// Optional: a filter on scenario names ("|" between alternatives) and "planned" to skip the fixed-spread runs.
const only = process.argv[2]?.toLowerCase().split('|');
const plannedOnly = process.argv[3] === 'planned';
const allScenarios: Scenario[] = [
  { name: 'Slack, 1 workspace x 10,000', platform: 'slack', tenants: 1, membersPerTenant: 10_000 },
  { name: 'Slack, 1 workspace x 50,000', platform: 'slack', tenants: 1, membersPerTenant: 50_000 },
  { name: 'Teams, 1 tenant x 10,000', platform: 'teams', tenants: 1, membersPerTenant: 10_000 },
  { name: 'Teams, 1 tenant x 50,000', platform: 'teams', tenants: 1, membersPerTenant: 50_000 },
  { name: 'Slack, 1,000 workspaces x 10', platform: 'slack', tenants: 1_000, membersPerTenant: 10 },
];
const scenarios = allScenarios.filter((s) => !only || only.some((part) => s.name.toLowerCase().includes(part)));

console.log(`Default schedule 09:00-17:00 hourly (${SLOTS_A_DAY} slots), rates Slack ${RATES.slack}/s per workspace, Teams ${RATES.teams}/s per tenant, tick ${TICK_MS / 1000} s, lease ${LEASE_MS / 1000} s.`);
console.log('Delay = slot to the instant the platform takes the send; wait = time a send spends at the limiter.');
const rows: string[][] = [['scenario', 'spread', 'window', 'sent / expected', 'p50', 'p95', 'max', 'max wait', 'wait > lease', 'wait > 15 min', 'run']];
for (const scenario of scenarios) {
  for (const planned of plannedOnly ? [true] : [true, false]) {
    const o = await runDay(scenario, planned);
    rows.push([
      scenario.name,
      planned ? 'planned' : 'fixed 180 s',
      o.window,
      `${o.sent.toLocaleString('en')} / ${o.expected.toLocaleString('en')}`,
      minutes(o.p50),
      minutes(o.p95),
      minutes(o.max),
      minutes(o.maxWait),
      o.overLease.toLocaleString('en'),
      o.overStale.toLocaleString('en'),
      `${o.seconds.toFixed(0)} s`,
    ]);
    console.log(`  done: ${rows.at(-1)!.join(' | ')}`);
  }
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => (c === 0 || c === 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
