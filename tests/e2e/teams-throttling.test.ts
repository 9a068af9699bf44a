// Teams throttling: a 429 is retried after its Retry-After, 502 once is retried, a refusal is not, and a send that
// keeps failing is counted as a failed delivery rather than lost silently. Each attempt is one request: the SDK's
// own retries are off, so the tenant's shared limiter sees every attempt.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../helpers/fake-connector.ts';
import { startTeamsHarness, teamsUser, type TeamsHarness } from './teams-harness.ts';

const ada = teamsUser('Ada');

describe('Teams sends under throttling', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
    await h.post(h.install(ada));
    await h.post(h.message(ada, 'start'));
    h.connector.reset();
    h.setTime('2026-03-02T09:00:05Z');
  });
  afterEach(async () => {
    await h.close();
  });

  const attempts = (): ConnectorCall[] => h.connector.calls.filter((call) => call.conversationId === ada.conversationId);

  async function failedDeliveries(): Promise<number> {
    const text = await (await fetch(`${h.baseUrl}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('wellness_deliveries_failed_total{platform="teams"}'));
    return Number(line?.split(' ')[1] ?? 0);
  }

  it('a 429 with Retry-After is retried once that time has passed, and the prompt is delivered', async () => {
    h.connector.failNext({ status: 429, retryAfter: '1' });
    await h.bot.scheduler.tickOnce();
    const [throttled, delivered] = attempts();
    expect([throttled?.status, delivered?.status]).toEqual([429, 200]);
    expect((delivered?.at ?? 0) - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect((await h.bot.store.getActivity(ada.memberId)).promptsSent).toBe(1);
  });

  it('a 502 once is retried and delivered', async () => {
    h.connector.failNext({ status: 502 });
    await h.bot.scheduler.tickOnce();
    expect(attempts().map((call) => call.status)).toEqual([502, 200]);
    expect(await failedDeliveries()).toBe(0);
  });

  it('a refusal (403) is not retried; the failed delivery is counted', async () => {
    h.connector.failNext({ status: 403 });
    await h.bot.scheduler.tickOnce();
    expect(attempts().map((call) => call.status)).toEqual([403]);
    expect(await failedDeliveries()).toBe(1);
  });

  it('a send that keeps failing stops after a bounded number of attempts and is counted, not lost silently', async () => {
    h.connector.failNext({ status: 504 }, { status: 412 }, { status: 502 }, { status: 504 });
    await h.bot.scheduler.tickOnce();
    expect(attempts().map((call) => call.status)).toEqual([504, 412, 502, 504]);
    expect(await failedDeliveries()).toBe(1);
    expect(h.logs).toContainEqual(expect.objectContaining({ memberId: ada.memberId, msg: 'prompt delivery failed; slot not resent' }));
  });

  it('a reply to a message is retried on 429 as well', async () => {
    h.connector.failNext({ status: 429, retryAfter: '0' });
    await h.post(h.message(ada, 'stats'));
    expect(attempts().map((call) => call.status)).toEqual([429, 200]);
  });
});
