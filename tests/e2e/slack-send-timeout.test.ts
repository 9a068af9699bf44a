// A scheduled prompt whose chat.postMessage gets no answer, or whose connection is cut after Slack read it, is posted
// again: a lost prompt is worse than the same prompt shown twice, and both copies carry one prompt id, so a click on
// either counts once. Calls that are safe to repeat (conversations.open) and answers that say Slack did nothing (503)
// are retried as well. The real SlackApi, messenger and core run against the loopback fake Slack, with a short client
// timeout so a hang costs a fraction of a second.
import { handleOne } from '../helpers/handle-one.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BreakService, type Logger } from '../../src/core/index.ts';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { createSlackMessenger } from '../../src/adapters/slack/messenger.ts';
import { createDmChannels } from '../../src/adapters/slack/dm-channels.ts';
import { SlackApi } from '../../src/adapters/slack/slack-api.ts';
import { slackMemberId } from '../../src/adapters/slack/ids.ts';
import { createMetrics, type AppMetrics } from '../../src/http/metrics.ts';
import { FakeSlack, type Trouble } from '../helpers/fake-slack.ts';
import { TestClock } from '../helpers/core-fixture.ts';

const WORKSPACE = 'T0TEST';
const ADA = slackMemberId(WORKSPACE, 'UADA');
const TIMEOUT_MS = 300;
const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let slack: FakeSlack;
let clock: TestClock;
let store: MemoryStore;
let metrics: AppMetrics;
let service: BreakService;

beforeEach(async () => {
  slack = new FakeSlack();
  await slack.start();
  clock = new TestClock(Date.parse('2026-11-25T09:05:00Z')); // Wednesday 10:05 Berlin
  store = new MemoryStore({ now: clock.now });
  metrics = createMetrics({ defaultMetrics: false });
  // Short backoff: a retry, if one were made, would come well inside the test.
  const api = new SlackApi({ store, apiUrl: slack.apiUrl, tokenFor: async () => 'xoxb-test-token', logger: silent, timeoutMs: TIMEOUT_MS, retry: { baseDelayMs: 20, maxDelayMs: 50 } });
  service = new BreakService({ store, clock, metrics, messengers: { slack: createSlackMessenger(api, silent, createDmChannels(store)) }, spreadSeconds: 0 });
  await service.enrol({ memberId: ADA, displayName: 'Ada', timezone: 'Europe/Berlin' });
  await service.start(ADA);
});
afterEach(async () => {
  await slack.close();
});

/** Runs Ada's due slot the way the scheduler does; resolves once the send has succeeded or been given up. */
async function runDue(): Promise<void> {
  const dueAt = await store.getDue(ADA);
  if (dueAt === null) throw new Error('nothing due');
  clock.set(new Date(dueAt).toISOString());
  await handleOne(service, ADA, dueAt);
}

async function counter(name: string): Promise<number> {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes('platform="slack"'));
  return line ? Number(line.split(' ').pop()) : 0;
}

const adaPosts = () => slack.callsOf('chat.postMessage').filter((c) => c.args['channel'] === 'DUADA');

describe('Slack: a prompt post whose fate is unknown is tried again, as the same prompt', () => {
  it.each<[string, Trouble]>([
    ['gets no answer within the timeout', 'hang'],
    ['loses its connection after Slack read it', 'drop'],
  ])('a prompt post that %s is posted again with the same prompt, counted as sent once', async (_, trouble) => {
    slack.troubleOnce('chat.postMessage', trouble);
    const started = Date.now();
    await runDue();
    if (trouble === 'hang') expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    // Nothing is lost: the member gets the prompt, at worst twice, and both copies carry one prompt id.
    const posts = adaPosts();
    expect(posts).toHaveLength(2);
    expect(JSON.stringify(posts[1]!.args['blocks'])).toBe(JSON.stringify(posts[0]!.args['blocks']));
    expect(await counter('wellness_prompts_sent_total')).toBe(1);
    expect(await counter('wellness_deliveries_failed_total')).toBe(0);
    // The same slot again (a late or restarted instance) posts nothing more.
    await handleOne(service, ADA, Date.parse('2026-11-25T10:00:00Z'));
    expect(adaPosts()).toHaveLength(2);
  });

  it('a conversations.open that gets no answer is retried, and the prompt arrives once', async () => {
    slack.troubleOnce('conversations.open', 'hang');
    await runDue();
    expect(slack.callsOf('conversations.open')).toHaveLength(2);
    expect(adaPosts()).toHaveLength(1);
    expect(await counter('wellness_prompts_sent_total')).toBe(1);
    expect(await counter('wellness_deliveries_failed_total')).toBe(0);
  });

  it('a prompt post answered 503 (Slack did nothing) is retried and arrives once', async () => {
    slack.troubleOnce('chat.postMessage', 'unavailable');
    await runDue();
    expect(adaPosts()).toHaveLength(2);
    expect(await counter('wellness_prompts_sent_total')).toBe(1);
    expect(await counter('wellness_deliveries_failed_total')).toBe(0);
  });

  it('a prompt post answered 429 is retried after Retry-After and arrives once', async () => {
    slack.rateLimitOnce('chat.postMessage', 1);
    await runDue();
    const attempts = adaPosts();
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(await counter('wellness_prompts_sent_total')).toBe(1);
    expect(await counter('wellness_deliveries_failed_total')).toBe(0);
  });
});
