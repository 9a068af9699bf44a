// Scheduled prompts and clicks: the proactive card, Done by Action.Execute and by the Action.Submit fallback,
// Done by someone else, repeated Done, and Snooze, over HTTP against a fake Bot Connector.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardProblems } from '../helpers/adaptive-card-check.ts';
import { actionsOf, cardOf, cardText, startTeamsHarness, teamsUser, type TeamsHarness } from './teams-harness.ts';

const ada = teamsUser('Ada');
const bob = teamsUser('Bob');

interface InvokeBody {
  statusCode: number;
  type: string;
  value: unknown;
}


/** The Swap button: an ActionSet in the card body (the card's own actions are full at five). */
function swapActionOf(card: unknown): Record<string, unknown> | undefined {
  const body = ((card as { body?: Array<Record<string, unknown>> } | null)?.body ?? []);
  const set = body.find((element) => element['type'] === 'ActionSet') as { actions?: Array<Record<string, unknown>> } | undefined;
  return set?.actions?.find((action) => action['verb'] === 'break_swap');
}

describe('Teams prompts and clicks', () => {
  let h: TeamsHarness;
  let promptId: string;
  let activityId: string;

  beforeEach(async () => {
    h = await startTeamsHarness();
    await h.post(h.install(ada));
    await h.post(h.install(bob));
    await h.post(h.message(ada, 'start'));
    h.connector.reset();
    // The first slot: 10:00 in Berlin.
    h.setTime('2026-03-02T09:00:05Z');
    await h.bot.scheduler.tickOnce();
    const sent = await h.connector.waitFor((call) => call.conversationId === ada.conversationId && cardOf(call.body) !== null);
    const done = actionsOf(cardOf(sent.body)).find((a) => a['verb'] === 'break_done');
    promptId = String((done?.['data'] as { promptId?: string } | undefined)?.promptId);
    activityId = (await h.bot.store.getPrompt(promptId))?.delivery['activityId'] ?? '';
    h.connector.reset();
  });
  afterEach(async () => {
    await h.close();
  });

  it('at a slot the scheduler sends a 1.5 card with Done, Snooze 10/30/60 and Skip as Action.Execute with Submit fallbacks', async () => {
    const prompt = await h.bot.store.getPrompt(promptId);
    expect(prompt).toMatchObject({ memberId: ada.memberId, status: 'open' });
    // The delivery is kept so the card can be updated in place.
    expect(prompt?.delivery).toMatchObject({ activityId: expect.stringMatching(/^activity-/), conversationId: ada.conversationId, serviceUrl: h.connector.serviceUrl });

    // The next slot: 11:00 in Berlin.
    h.setTime('2026-03-02T10:00:05Z');
    await h.bot.scheduler.tickOnce();
    const next = await h.connector.waitFor((call) => call.conversationId === ada.conversationId);
    expect(next.path).toBe(`/v3/conversations/${encodeURIComponent(ada.conversationId)}/activities`);
    const card = cardOf(next.body);
    expect(cardProblems(card)).toEqual([]);
    expect(card?.['version']).toBe('1.5');
    // No PUBLIC_URL here: the picture travels inline, with its alt text.
    const image = (card?.['body'] as Array<Record<string, unknown>>).find((e) => e['type'] === 'Image');
    expect(String(image?.['url'])).toMatch(/^data:image\/png;base64,/);
    expect(String(image?.['altText'])).toMatch(/^A .+\.$/);
    const actions = actionsOf(card);
    expect(actions.map((a) => [a['type'], a['verb'], a['title']])).toEqual([
      ['Action.Execute', 'break_done', 'Done'],
      ['Action.Execute', 'break_snooze', 'Snooze 10 min'],
      ['Action.Execute', 'break_snooze', 'Snooze 30 min'],
      ['Action.Execute', 'break_snooze', 'Snooze 60 min'],
      ['Action.Execute', 'break_skip', 'Skip'],
    ]);
    expect(swapActionOf(card)).toMatchObject({ type: 'Action.Execute', verb: 'break_swap', data: { promptId: (actions[0]?.['data'] as { promptId: string }).promptId } });
    const nextPromptId = (actions[0]?.['data'] as { promptId: string }).promptId;
    expect(actions[0]?.['fallback']).toEqual({ type: 'Action.Submit', title: 'Done', data: { verb: 'break_done', promptId: nextPromptId } });
    expect(actions[1]?.['fallback']).toMatchObject({ type: 'Action.Submit', data: { verb: 'break_snooze', promptId: nextPromptId, minutes: 10 } });
  });

  it('Done by Action.Execute answers with the refreshed card (done, streak) within 3 seconds', async () => {
    const response = await h.post(h.execute(ada, 'break_done', { promptId }));
    expect(response.status).toBe(200);
    expect(response.ms).toBeLessThan(3_000);
    const body = response.body as InvokeBody;
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(body.value)).toEqual([]);
    expect(cardText(body.value)).toMatch(/Break done/);
    expect(cardText(body.value)).toMatch(/Today\n1 break\n/);
    expect(cardText(body.value)).toMatch(/Streak\n1 workday$/m);
    expect(actionsOf(body.value)).toEqual([]);
    expect((await h.bot.store.getActivity(ada.memberId)).totalCompletions).toBe(1);
  });

  it('a repeated Execute Done counts once and says it was already counted', async () => {
    await h.post(h.execute(ada, 'break_done', { promptId }));
    const again = await h.post(h.execute(ada, 'break_done', { promptId }));
    expect(cardText((again.body as InvokeBody).value)).toMatch(/Already counted/);
    expect((await h.bot.store.getActivity(ada.memberId)).totalCompletions).toBe(1);
    expect((await h.bot.store.getActivity(ada.memberId)).totalPoints).toBe(1);
  });

  it('a Done by anyone but the recipient records nothing and tells them, leaving the card alone', async () => {
    const response = await h.post(h.execute(bob, 'break_done', { promptId }, ada.conversationId));
    const body = response.body as InvokeBody;
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(String(body.value)).toMatch(/belongs to someone else/);
    expect((await h.bot.store.getActivity(ada.memberId)).totalCompletions).toBe(0);
    expect(await h.bot.service.getMember(bob.memberId)).toBeNull();
    expect((await h.bot.store.getPrompt(promptId))?.status).toBe('open');
  });

  it('Done by the Submit fallback updates the original card in place', async () => {
    const response = await h.post(h.submit(ada, { verb: 'break_done', promptId }, activityId));
    expect(response.status).toBe(200);
    const update = await h.connector.waitFor((call) => call.method === 'PUT');
    expect(update.path).toBe(`/v3/conversations/${encodeURIComponent(ada.conversationId)}/activities/${activityId}`);
    expect(cardProblems(cardOf(update.body))).toEqual([]);
    expect(cardText(cardOf(update.body))).toMatch(/Break done/);
    expect((await h.bot.store.getActivity(ada.memberId)).totalCompletions).toBe(1);
  });

  it('a Submit Done by someone else gets a reply, and neither the card nor the points change', async () => {
    await h.post(h.submit(bob, { verb: 'break_done', promptId }, activityId, ada.conversationId));
    const reply = await h.connector.waitFor((call) => typeof call.body['text'] === 'string');
    expect(reply.body['text']).toMatch(/belongs to someone else/);
    expect(h.connector.calls.filter((call) => call.method === 'PUT')).toEqual([]);
    expect((await h.bot.store.getActivity(ada.memberId)).totalCompletions).toBe(0);
  });

  it('Snooze 30 answers with a card saying until when, and the break comes back then', async () => {
    const response = await h.post(h.execute(ada, 'break_snooze', { promptId, minutes: 30 }));
    expect(cardText((response.body as InvokeBody).value)).toMatch(/Snoozed until 10:30/);
    h.setTime('2026-03-02T09:30:10Z');
    await h.bot.scheduler.tickOnce();
    const again = await h.connector.waitFor((call) => call.conversationId === ada.conversationId && cardOf(call.body) !== null);
    expect(actionsOf(cardOf(again.body))[0]?.['data']).toEqual({ promptId });
  });

  it('Swap answers with the same break (same prompt id) showing another challenge; the fallback Submit carries { verb, promptId }', async () => {
    const before = (await h.bot.store.getPrompt(promptId))!.challengeId;
    const response = await h.post(h.execute(ada, 'break_swap', { promptId }));
    const card = (response.body as InvokeBody).value as Record<string, unknown>;
    expect(cardProblems(card)).toEqual([]);
    const after = (await h.bot.store.getPrompt(promptId))!;
    expect(after.challengeId).not.toBe(before);
    expect(after.status).toBe('open');
    const swapAction = swapActionOf(card);
    expect(swapAction?.['data']).toEqual({ promptId });
    expect(swapAction?.['fallback']).toEqual({ type: 'Action.Submit', title: 'Swap for another', data: { verb: 'break_swap', promptId } });
    expect(cardText(card)).toContain((await import('../../src/core/index.ts')).challengeById(after.challengeId)!.title);
  });

  it('Skip closes the break without a point', async () => {
    const response = await h.post(h.execute(ada, 'break_skip', { promptId }));
    expect(cardText((response.body as InvokeBody).value)).toMatch(/Skipped/);
    expect((await h.bot.store.getPrompt(promptId))?.status).toBe('skipped');
    expect((await h.bot.store.getActivity(ada.memberId)).totalPoints).toBe(0);
  });

  it('an Execute with an unknown verb or no prompt id is a 400 error response, not a crash', async () => {
    const unknown = await h.post(h.execute(ada, 'break_dance', { promptId }));
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    const missing = await h.post(h.execute(ada, 'break_done', {}));
    expect(missing.status).toBe(400);
  });
});
