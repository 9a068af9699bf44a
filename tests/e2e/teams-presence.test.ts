// Teams presence before a slot (TEAMS_PRESENCE=true), against a loopback Graph and token endpoint and a fake Bot
// Connector: each presence value holds, skips or sends; 700 due members are read in two calls; a failed read sends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memberId } from '../../src/core/index.ts';
import { startFakeGraph, GRAPH_TOKEN, type FakeGraph } from '../helpers/fake-graph.ts';
import { cardOf, startTeamsHarness, teamsUser, TENANT, type TeamsHarness } from './teams-harness.ts';

const ada = teamsUser('Ada');
const SLOT = '2026-03-02T09:00:05Z'; // Monday 10:00 in Berlin, the first slot
let graph: FakeGraph;
let h: TeamsHarness;

async function startWorld(presence = 'true'): Promise<void> {
  graph = await startFakeGraph();
  h = await startTeamsHarness({
    env: {
      TEAMS_PRESENCE: presence,
      MICROSOFT_APP_ID: 'app-id',
      MICROSOFT_APP_PASSWORD: 'app-secret',
      GRAPH_API_URL: graph.graphUrl,
      MICROSOFT_LOGIN_URL: graph.loginUrl,
    },
  });
  await h.post(h.install(ada));
  await h.post(h.message(ada, 'start'));
  h.connector.reset();
}

afterEach(async () => {
  await h.close();
  await graph.close();
});

/** Runs the 10:00 slot through the scheduler; resolves with Ada's prompt cards sent (after a moment for any to arrive). */
async function runSlot(): Promise<number> {
  h.setTime(SLOT);
  await h.bot.scheduler.tickOnce();
  await new Promise((resolve) => setTimeout(resolve, 100));
  return adaCards();
}

const adaCards = () => h.connector.sent().filter((call) => call.conversationId === ada.conversationId && cardOf(call.body) !== null).length;

async function metric(name: string, reason: string): Promise<number> {
  const text = await (await fetch(`${h.baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes('platform="teams"') && l.includes(`reason="${reason}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('Teams presence', () => {
  beforeEach(async () => {
    await startWorld();
  });

  const HOLDING: Array<[string, string]> = [
    ['InAMeeting', 'meeting'],
    ['InACall', 'meeting'],
    ['InAConferenceCall', 'meeting'],
    ['Presenting', 'meeting'],
    ['DoNotDisturb', 'dnd'],
    ['Focusing', 'focus'],
    ['UrgentInterruptionsOnly', 'dnd'],
  ];

  for (const [activity, reason] of HOLDING) {
    it(`${activity} holds the prompt (reason ${reason}); it comes when the hold ends`, async () => {
      graph.presences.set(ada.aad, { activity });
      expect(await runSlot()).toBe(0);
      expect(await metric('wellness_prompts_held_total', reason)).toBe(1);
      const member = await h.bot.store.getMember(ada.memberId);
      expect(member?.snoozeUntil).toBe(Date.parse(SLOT) - 5000 + 30 * 60_000);
      graph.presences.delete(ada.aad);
      h.setTime('2026-03-02T09:30:05Z');
      await h.bot.scheduler.tickOnce();
      await h.connector.waitFor((call) => call.conversationId === ada.conversationId && cardOf(call.body) !== null);
    });
  }

  it('OutOfOffice skips the slot, is counted, and keeps the day as excused time', async () => {
    graph.presences.set(ada.aad, { activity: 'OutOfOffice', availability: 'Offline', isOutOfOffice: true });
    expect(await runSlot()).toBe(0);
    expect(await metric('wellness_prompts_skipped_total', 'out_of_office')).toBe(1);
    const member = await h.bot.store.getMember(ada.memberId);
    expect(member?.snoozedPromptId).toBeNull();
    expect(member?.inactiveSpans.at(-1)).toMatchObject({ reason: 'out_of_office' });
  });

  it('Available and Away send the prompt; the call carries the app-only token got with the app\'s own credentials', async () => {
    graph.presences.set(ada.aad, { activity: 'Away', availability: 'Away' });
    expect(await runSlot()).toBe(1);
    const [token] = graph.tokenCalls();
    expect(token?.path).toBe(`/login/${TENANT}/oauth2/v2.0/token`);
    expect(token?.body).toMatchObject({ grant_type: 'client_credentials', client_id: 'app-id', scope: `${new URL(graph.graphUrl).origin}/.default` });
    expect(graph.presenceCalls()[0]?.authorization).toBe(`Bearer ${GRAPH_TOKEN}`);
    expect(graph.presenceCalls()[0]?.body).toEqual({ ids: [ada.aad] });
  });

  for (const trouble of [429, 500] as const) {
    it(`a Graph ${trouble} still sends the prompt`, async () => {
      graph.presences.set(ada.aad, { activity: 'InAMeeting' });
      graph.troubleOnce(trouble);
      expect(await runSlot()).toBe(1);
    });
  }

  it('the token is asked for once and reused while it is valid', async () => {
    expect(await runSlot()).toBe(1);
    h.setTime('2026-03-02T10:00:05Z'); // the 11:00 slot
    await h.bot.scheduler.tickOnce();
    await h.connector.waitFor((call) => call.conversationId === ada.conversationId && cardOf(call.body) !== null && adaCards() === 2);
    expect(graph.presenceCalls()).toHaveLength(2);
    expect(graph.tokenCalls()).toHaveLength(1);
  });

  it('700 due members are read in exactly two presence calls (650 + 50)', async () => {
    const service = h.bot.service;
    const ids: string[] = [];
    for (let i = 0; i < 700; i += 1) {
      const id = memberId('teams', TENANT, `aad-many-${i}`);
      await service.enrol({ memberId: id, displayName: `P${i}`, timezone: 'Europe/Berlin' });
      await service.start(id);
      ids.push(id);
    }
    h.setTime(SLOT);
    const due = Date.parse('2026-03-02T09:00:00Z');
    await service.handleDueBatch(ids.map((jobId) => ({ jobId, dueAt: due })), 16);
    const calls = graph.presenceCalls();
    expect(calls.map((c) => (c.body['ids'] as string[]).length).sort((a, b) => a - b)).toEqual([50, 650]);
  }, 60_000);
});

describe('Teams presence is opt-in', () => {
  it('without TEAMS_PRESENCE Graph is never called and a meeting does not hold the prompt', async () => {
    await startWorld('false');
    graph.presences.set(ada.aad, { activity: 'InAMeeting' });
    expect(await runSlot()).toBe(1);
    expect(graph.calls).toHaveLength(0);
  });
});
