// Soak: several bot processes under three times the expected load for a long while; every sample of Redis memory,
// heap, event-loop lag and open handles is printed, and a flat trend is the pass. Not part of CI.
//
// Expected load (what one deployment is sized for): 10,000 enrolled Slack members, each prompted once an hour
// (10,000 prompts/h, about 2.8/s), and half of all prompts clicked Done within half a minute (about 1.4 clicks/s).
// At the default 3x: 30,000 enrolled members and 30,000 prompts/h (8.3/s) with 4.2 Done clicks/s. So that a short
// run sees the steady state rather than one burst an hour, 7,500 of them are on a 15-minute cadence with window
// starts spread over the quarter hour (7,500 x 4 = 30,000 prompts/h, 500 every minute); the other 22,500 are
// enrolled and stopped (they hold Redis memory, not load). 100 workspaces with OAuth installs, one fake Slack.
//
// Run: npx tsx bench/soak.ts            (30 minutes)
//      SOAK_MINUTES=3 npx tsx bench/soak.ts
// Knobs: SOAK_MINUTES (30), SOAK_FACTOR (3), SOAK_PROCESSES (3), SOAK_SAMPLE_SECONDS (60).
import { randomBytes } from 'node:crypto';
import { RedisStore, createRedisClient } from '../src/adapters/redis/index.ts';
import { nextPromptAt, type Schedule } from '../src/core/index.ts';
import { spreadOffsetMs } from '../src/core/schedule/spread.ts';
import { FakeSlack, type RecordedCall } from '../tests/helpers/fake-slack.ts';
import { startRedisServer } from '../tests/helpers/redis-server.ts';
import { seriesValue, startBotProcesses, stopBotProcesses, type BotProcess } from '../tests/helpers/bot-process.ts';
import { blockActionBody, postSigned } from '../tests/helpers/slack-sign.ts';
import { SIGNING_SECRET, activeMember, fleetEnv, installWorkspaces, slackPopulation } from '../tests/multi/fleet.ts';

const MINUTES = Number(process.env['SOAK_MINUTES'] ?? 30);
const FACTOR = Number(process.env['SOAK_FACTOR'] ?? 3);
const PROCESSES = Number(process.env['SOAK_PROCESSES'] ?? 3);
const SAMPLE_SECONDS = Number(process.env['SOAK_SAMPLE_SECONDS'] ?? 60);

const EXPECTED_MEMBERS = 10_000;
const CLICK_SHARE = 0.5;
const CADENCE_MINUTES = 15;
const WORKSPACES = 100;
const SPREAD_SECONDS = 60;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC', 'Australia/Sydney', 'America/Los_Angeles', 'Asia/Kolkata'];

interface Sample {
  minute: number;
  redisBytes: number;
  redisKeys: number;
  heapMb: number[];
  rssMb: number[];
  lagP99Ms: number[];
  handles: number[];
  /** CPU used by each instance since the previous sample, % of one core. */
  cpuPercent: number[];
  prompts: number;
  completions: number;
  failed: number;
  clicksPosted: number;
  clickErrors: number;
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

function doneValueOf(call: RecordedCall): string | null {
  const find = (node: unknown): string | null => {
    if (Array.isArray(node)) {
      for (const item of node) {
        const found = find(item);
        if (found) return found;
      }
    } else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record['action_id'] === 'break_done' && typeof record['value'] === 'string') return record['value'];
      for (const value of Object.values(record)) {
        const found = find(value);
        if (found) return found;
      }
    }
    return null;
  };
  return find(JSON.parse(call.args['blocks'] ?? '[]'));
}

/** A schedule on a 15-minute cadence whose slots fall on minute `minuteOfQuarter` of each quarter hour, all week. */
function cadenceSchedule(i: number): Schedule {
  const minuteOfQuarter = i % CADENCE_MINUTES;
  return { timezone: ZONES[i % ZONES.length] ?? 'UTC', workdays: [1, 2, 3, 4, 5, 6, 7], start: `00:${String(minuteOfQuarter).padStart(2, '0')}`, end: '23:59', intervalMinutes: CADENCE_MINUTES };
}

async function main(): Promise<void> {
  const enrolled = EXPECTED_MEMBERS * FACTOR;
  const active = Math.round((enrolled * CADENCE_MINUTES) / 60);
  const perWorkspace = Math.ceil(enrolled / WORKSPACES);
  console.log(`soak: ${MINUTES} min at ${FACTOR}x expected load: ${enrolled} enrolled, ${active} active on a ${CADENCE_MINUTES}-min cadence ` +
    `(${Math.round((active * 60) / CADENCE_MINUTES)} prompts/h), ~${Math.round(CLICK_SHARE * 100)}% clicked Done; ${PROCESSES} processes, ${WORKSPACES} workspaces`);

  const redisServer = await startRedisServer({ args: ['--maxmemory-policy', 'noeviction'] });
  const prefix = `soak-${randomBytes(3).toString('hex')}:`;
  const redis = createRedisClient(redisServer.url);
  const store = new RedisStore(createRedisClient(redisServer.url), { prefix });
  const slack = new FakeSlack();
  await slack.start();
  let processes: BotProcess[] = [];
  try {
    const population = slackPopulation(WORKSPACES, perWorkspace);
    const ids = population.memberIds.slice(0, enrolled);
    await installWorkspaces(store, population.workspaceIds);
    const now = Date.now();
    const spreadMs = (id: string) => spreadOffsetMs(id, SPREAD_SECONDS);
    for (let i = 0; i < ids.length; i += 500) {
      await Promise.all(
        ids.slice(i, i + 500).map(async (id, j) => {
          const index = i + j;
          // Every (enrolled / active)-th member is active, so the load is spread over all workspaces.
          const member = { ...activeMember(id, cadenceSchedule(index), now), active: index % Math.round(enrolled / active) === 0 };
          await store.putMember(member);
          if (!member.active) return;
          const slot = nextPromptAt(member.schedule, new Date(now - spreadMs(id)));
          if (slot) await store.setDue(id, slot.getTime() + spreadMs(id));
        }),
      );
    }
    console.log(`seeded ${ids.length} members in ${Date.now() - now} ms`);

    processes = await startBotProcesses(PROCESSES, (name) =>
      fleetEnv({ redisUrl: redisServer.url, prefix, slackApiUrl: slack.apiUrl, spreadSeconds: SPREAD_SECONDS, extra: { SCHEDULER_TICK_SECONDS: '5', LOG_LEVEL: 'warn' } }),
    );

    // Clicks: half of the prompts get a Done within 30 s, posted to any instance as a load balancer would.
    let seen = 0;
    let clicksPosted = 0;
    let clickErrors = 0;
    const pending = new Set<Promise<void>>();
    const clickPump = setInterval(() => {
      const calls = slack.calls.splice(0);
      slack.responses.splice(0);
      for (const call of calls) {
        if (call.method !== 'chat.postMessage') continue;
        seen += 1;
        if (Math.random() >= CLICK_SHARE) continue;
        const promptId = doneValueOf(call);
        const user = (call.args['channel'] ?? '').replace(/^D/, '');
        const memberId = population.memberOfUser.get(user);
        if (!promptId || !memberId) continue;
        const teamId = memberId.split(':')[1] ?? '';
        const target = processes[Math.floor(Math.random() * processes.length)];
        if (!target) continue;
        const click = new Promise<void>((done) => setTimeout(done, Math.random() * 30_000))
          .then(() =>
            postSigned(`${target.baseUrl}/slack/events`, SIGNING_SECRET, blockActionBody({ teamId, userId: user, actionId: 'break_done', value: promptId, channelId: `D${user}`, messageTs: call.args['ts'] ?? '1.0', responseUrl: slack.responseUrl(user) })),
          )
          .then((res) => {
            clicksPosted += 1;
            if (res.status !== 200) clickErrors += 1;
          })
          .catch(() => {
            clickErrors += 1;
          })
          .finally(() => pending.delete(click));
        pending.add(click);
      }
    }, 250);

    const samples: Sample[] = [];
    const started = Date.now();
    // CPU is reported per interval; the baseline is taken now so start-up is not counted.
    let cpuBefore = (await Promise.all(processes.map((p) => p.metrics()))).map((t) => seriesValue(t, 'process_cpu_seconds_total'));
    let cpuAt = Date.now();
    const sample = async (): Promise<Sample> => {
      const texts = await Promise.all(processes.map((p) => p.metrics()));
      const cpuNow = texts.map((t) => seriesValue(t, 'process_cpu_seconds_total'));
      const elapsed = (Date.now() - cpuAt) / 1000;
      const cpuPercent = cpuNow.map((seconds, i) => Math.round(((seconds - (cpuBefore[i] ?? 0)) / Math.max(elapsed, 0.001)) * 100));
      cpuBefore = cpuNow;
      cpuAt = Date.now();
      const sum = (name: string, labels?: Record<string, string>) => texts.reduce((total, text) => total + seriesValue(text, name, labels), 0);
      const memory = await redis.info('memory');
      const s: Sample = {
        minute: Math.round((Date.now() - started) / 600) / 100,
        redisBytes: Number(/^used_memory:(\d+)/m.exec(memory)?.[1] ?? 0),
        redisKeys: await redis.dbsize(),
        heapMb: texts.map((t) => mb(seriesValue(t, 'nodejs_heap_size_used_bytes'))),
        rssMb: texts.map((t) => mb(seriesValue(t, 'process_resident_memory_bytes'))),
        lagP99Ms: texts.map((t) => Math.round(seriesValue(t, 'nodejs_eventloop_lag_p99_seconds') * 1000)),
        handles: texts.map((t) => seriesValue(t, 'nodejs_active_handles_total')),
        cpuPercent,
        prompts: sum('wellness_prompts_sent_total', { platform: 'slack' }),
        completions: sum('wellness_completions_total', { platform: 'slack' }),
        failed: sum('wellness_deliveries_failed_total', { platform: 'slack' }),
        clicksPosted,
        clickErrors,
      };
      // The first sample is the start line: lag and CPU over a few milliseconds mean nothing yet.
      const interval = samples.length > 0;
      samples.push(s);
      console.log(
        `t=${s.minute.toFixed(2)}m redis=${mb(s.redisBytes)}MB keys=${s.redisKeys} heap=${s.heapMb.join('/')}MB rss=${s.rssMb.join('/')}MB ` +
          `lagP99=${interval ? `${s.lagP99Ms.join('/')}ms` : '-'} handles=${s.handles.join('/')} cpu=${interval ? `${s.cpuPercent.join('/')}%` : '-'} prompts=${s.prompts} done=${s.completions} failed=${s.failed} clicks=${s.clicksPosted} clickErrors=${s.clickErrors}`,
      );
      return s;
    };

    await sample();
    const end = started + MINUTES * 60_000;
    while (Date.now() < end) {
      await new Promise((r) => setTimeout(r, Math.min(SAMPLE_SECONDS * 1000, Math.max(0, end - Date.now()))));
      await sample();
    }
    clearInterval(clickPump);
    await Promise.all(pending);
    verdict(samples, seen);
  } finally {
    await stopBotProcesses(processes);
    await slack.close();
    await store.close();
    redis.disconnect();
    await redisServer.stop();
  }
}

/** Flat means: the last third of the run is no higher than the first (after the first sample, which is start-up). */
function verdict(samples: Sample[], promptsSeen: number): void {
  const run = samples.slice(1);
  const third = Math.max(1, Math.floor(run.length / 3));
  const head = run.slice(0, third);
  const tail = run.slice(-third);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || run.length === 0) {
    console.log('soak: too short for a verdict');
    return;
  }
  const heapHead = mean(head.map((s) => mean(s.heapMb)));
  const heapTail = mean(tail.map((s) => mean(s.heapMb)));
  const handlesHead = mean(head.map((s) => mean(s.handles)));
  const handlesTail = mean(tail.map((s) => mean(s.handles)));
  const worstLag = Math.max(...run.flatMap((s) => s.lagP99Ms));
  // Prompts and markers are kept for days by design (TTL), so Redis grows with prompts sent: per prompt must stay flat.
  const perPrompt = (a: Sample, b: Sample) => (b.prompts > a.prompts ? (b.redisBytes - a.redisBytes) / (b.prompts - a.prompts) : 0);
  const middle = run[Math.floor(run.length / 2)] ?? last;
  const bytesPerPromptEarly = perPrompt(first, middle);
  const bytesPerPromptLate = perPrompt(middle, last);
  const checks = [
    { name: `heap (mean of instances) ${heapHead.toFixed(1)} -> ${heapTail.toFixed(1)} MB`, pass: heapTail <= heapHead * 1.25 + 5 },
    { name: `open handles ${handlesHead.toFixed(0)} -> ${handlesTail.toFixed(0)}`, pass: handlesTail <= handlesHead + 10 },
    { name: `event-loop lag p99, worst sample ${worstLag} ms`, pass: worstLag < 200 },
    {
      name: `Redis growth per prompt sent ${Math.round(bytesPerPromptEarly)} B early, ${Math.round(bytesPerPromptLate)} B late (kept by TTL, not leaked)`,
      pass: bytesPerPromptLate <= Math.max(bytesPerPromptEarly, 1) * 1.5 + 200,
    },
    { name: `failed deliveries ${last.failed}, click errors ${last.clickErrors}`, pass: last.failed === 0 && last.clickErrors === 0 },
  ];
  console.log(`\nsoak verdict after ${last.minute.toFixed(1)} min: ${last.prompts} prompts (${promptsSeen} seen by Slack), ${last.completions} completions`);
  for (const check of checks) console.log(`  ${check.pass ? 'ok  ' : 'FAIL'} ${check.name}`);
  if (checks.some((c) => !c.pass)) process.exitCode = 1;
}

await main();
