// forget-me first says what it will delete and asks to confirm; only "forget-me confirm" (or the button) deletes.
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../../src/core/index.ts';
import { makeCore } from '../../../helpers/core-fixture.ts';

const ADA = 'web:local:ada';
const ctx = { memberId: ADA, displayName: 'Ada', timezone: 'Europe/Berlin', team: { teamId: 'web:local:design', name: 'Design' } };

async function startedWithABreak() {
  const core = makeCore('2026-11-25T10:05:00Z');
  await runCommand(core.service, ctx, 'join');
  await runCommand(core.service, ctx, 'start');
  const { prompt } = await core.service.promptNow(ADA);
  await core.service.click(prompt.id, ADA, { kind: 'done' });
  return core;
}

describe('forget-me asks first', () => {
  it('"forget-me" lists what would be deleted, offers the confirmation, and deletes nothing', async () => {
    const core = await startedWithABreak();
    const reply = await runCommand(core.service, ctx, 'forget-me');
    expect(reply.kind).toBe('forget-confirm');
    if (reply.kind !== 'forget-confirm') return;
    expect(reply.memberId).toBe(ADA);
    expect(reply.text).toMatch(/streak of 1 day/);
    expect(reply.text).toMatch(/1 point/);
    expect(reply.text).toMatch(/Design/);
    expect(reply.text).toMatch(/forget-me confirm/);
    const member = await core.store.getMember(ADA);
    expect(member?.active).toBe(true);
    expect((await core.store.getActivity(ADA)).totalCompletions).toBe(1);
    expect(await core.store.getDue(ADA)).not.toBeNull();
  });

  it('"forget" is the same word and also only asks', async () => {
    const core = await startedWithABreak();
    expect((await runCommand(core.service, ctx, 'forget')).kind).toBe('forget-confirm');
    expect(await core.store.getMember(ADA)).not.toBeNull();
  });

  it('"forget-me confirm" deletes at once', async () => {
    const core = await startedWithABreak();
    const reply = await runCommand(core.service, ctx, 'forget-me confirm');
    expect(reply).toMatchObject({ kind: 'text', text: expect.stringMatching(/deleted/) });
    expect(await core.store.getMember(ADA)).toBeNull();
    expect(await core.store.getDue(ADA)).toBeNull();
    expect((await core.store.getActivity(ADA)).totalCompletions).toBe(0);
  });

  it('"forget-me" from someone the bot never met says there is nothing to delete and creates nobody', async () => {
    const core = makeCore('2026-11-25T10:05:00Z');
    const reply = await runCommand(core.service, { memberId: 'web:local:zed', displayName: 'Zed' }, 'forget-me');
    expect(reply).toMatchObject({ kind: 'text', text: expect.stringMatching(/nothing to delete/) });
    expect(await core.store.getMember('web:local:zed')).toBeNull();
  });
});
