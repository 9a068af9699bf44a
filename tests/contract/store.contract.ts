// The behaviour every Store shares, run against each implementation (memory-store.test.ts, redis-store.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardQuery, BoardRow, Member, Store } from '../../src/core/index.ts';
import { jobId } from '../../src/core/index.ts';
import { commitOne } from '../helpers/commit-one.ts';
import {
  DAY,
  OTHER_TENANT,
  T0,
  TEAM_ID,
  TENANT,
  WEEK,
  makeBusyMember,
  makeCompletion,
  makeMember,
  makePrompt,
  makeTeam,
  makeTeamPrompt,
  memberIdOf,
  sleep,
  teamInput,
} from './fixtures.ts';

export interface StoreFixture {
  store: Store;
  cleanup(): Promise<void>;
}

const HOUR = 3600_000;
const DAY_MS = 24 * HOUR;
const LEASE = 30_000;

export function runStoreContract(name: string, factory: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('members', () => {
      it('a stored member reads back exactly, with every field filled or left at its default', async () => {
        const busy = makeBusyMember('U01BUSY');
        const plain = makeMember('U02PLAIN');
        const odd = makeMember('U03ODD', {
          teamIds: [`slack:${TENANT}:C01:thread`, `slack:${OTHER_TENANT}:C01`, `slack:${TENANT}:C02`],
          schedule: { ...plain.schedule, workdays: [] },
          inactiveSpans: [{ from: T0, to: T0 }],
          address: { 'odd key': 'value with "quotes" and ünïcode' },
        });
        for (const member of [busy, plain, odd]) await store.putMember(member);
        expect(await store.getMember(busy.id)).toEqual(busy);
        expect(await store.getMember(plain.id)).toEqual(plain);
        expect(await store.getMember(odd.id)).toEqual(odd);
      });

      it('a second put replaces the member', async () => {
        await store.putMember(makeMember('U01'));
        await store.putMember(makeMember('U01', { displayName: 'Renamed', active: true }));
        expect(await store.getMember(memberIdOf('U01'))).toMatchObject({ displayName: 'Renamed', active: true });
      });

      it('an unknown or malformed member id reads as null', async () => {
        expect(await store.getMember(memberIdOf('NOBODY'))).toBeNull();
        expect(await store.getMember('not-an-id')).toBeNull();
      });

      it('refuses a member whose id does not match its platform and tenant', async () => {
        await expect(store.putMember(makeMember('U01', { tenantId: OTHER_TENANT }))).rejects.toThrow();
        await expect(store.putMember(makeMember('U01', { id: 'garbage' }))).rejects.toThrow();
      });

      it('many members read in one call come back in order, from any tenant, null for unknown or malformed ids', async () => {
        const alice = makeBusyMember('UALICE');
        const other = makeMember('UOTHER', { id: memberIdOf('UOTHER', OTHER_TENANT), tenantId: OTHER_TENANT });
        await store.putMember(alice);
        await store.putMember(other);
        const ids = [other.id, memberIdOf('NOBODY'), alice.id, 'not-an-id', alice.id];
        expect(await store.getMembers(ids)).toEqual([other, null, alice, null, alice]);
        expect(await store.getMembers([])).toEqual([]);
      });

      it('changing a member the store returned does not change the stored member', async () => {
        await store.putMember(makeBusyMember('U01'));
        const copy = await store.getMember(memberIdOf('U01'));
        copy!.teamIds.push('slack:T01ACME:C99');
        copy!.schedule.workdays.push(6);
        copy!.address['channel'] = 'changed';
        expect(await store.getMember(memberIdOf('U01'))).toEqual(makeBusyMember('U01'));
      });
    });

    describe('enrolling members in bulk', () => {
      it('stores only members with no record yet, sets only their due entries, and answers which it stored, in order', async () => {
        const existing = makeBusyMember('UOLD');
        await store.putMember(existing);
        await store.setDue(existing.id, T0 + DAY_MS);
        const fresh = makeMember('UNEW', { active: true });
        const idle = makeMember('UIDLE');
        const foreign = makeMember('UFAR', { id: memberIdOf('UFAR', OTHER_TENANT), tenantId: OTHER_TENANT, active: true });
        const oddId = makeMember('U 12 é\nx:"y"', { displayName: 'Line\nbreak "quoted" ünïcode', active: true });
        const stored = await store.enrolMembers([
          { member: fresh, dueAt: T0 + HOUR },
          { member: { ...existing, displayName: 'Overwritten?' }, dueAt: T0 },
          { member: idle, dueAt: null },
          { member: foreign, dueAt: T0 + 2 * HOUR },
          { member: { ...fresh, displayName: 'Twice in one call' }, dueAt: T0 },
          // Any character may follow the tenant in an id; the store must not take it for a separator.
          { member: oddId, dueAt: T0 + 3 * HOUR },
        ]);
        expect(stored).toEqual([true, false, true, true, false, true]);
        expect(await store.getMember(oddId.id)).toEqual(oddId);
        expect(await store.getDue(oddId.id)).toBe(T0 + 3 * HOUR);
        expect(await store.getMembers([fresh.id, existing.id, idle.id, foreign.id])).toEqual([fresh, existing, idle, foreign]);
        expect(await store.getDue(fresh.id)).toBe(T0 + HOUR);
        expect(await store.getDue(existing.id)).toBe(T0 + DAY_MS);
        expect(await store.getDue(idle.id)).toBeNull();
        expect(await store.getDue(foreign.id)).toBe(T0 + 2 * HOUR);
        expect(await store.enrolMembers([])).toEqual([]);
      });

      it('spreads many members over every due shard, each claimable at its instant', async () => {
        const members = Array.from({ length: 60 }, (_, i) => makeMember(`U${String(i).padStart(3, '0')}`, { active: true }));
        expect(await store.enrolMembers(members.map((member, i) => ({ member, dueAt: T0 + i })))).toEqual(members.map(() => true));
        const claimed = await store.claimDue(T0 + 29, 100, LEASE, 'worker-a');
        expect(claimed.sort((a, b) => a.dueAt - b.dueAt)).toEqual(members.slice(0, 30).map((member, i) => ({ jobId: member.id, dueAt: T0 + i })));
      });

      it('a stored member\'s due entry drops a claim in flight, as setDue does', async () => {
        const id = memberIdOf('U01');
        await store.setDue(id, T0);
        await store.claimDue(T0, 10, LEASE, 'worker-a');
        expect(await store.enrolMembers([{ member: makeMember('U01', { active: true }), dueAt: T0 + 5 * HOUR }])).toEqual([true]);
        expect(await commitOne(store, id, 'worker-a', T0 + HOUR)).toBe(false);
        expect(await store.getDue(id)).toBe(T0 + 5 * HOUR);
      });

      it('refuses a batch holding a member outside its tenant or a bad instant, storing none of it', async () => {
        const good = makeMember('UGOOD');
        await expect(store.enrolMembers([{ member: good, dueAt: T0 }, { member: makeMember('UBAD', { tenantId: OTHER_TENANT }), dueAt: T0 }])).rejects.toThrow();
        await expect(store.enrolMembers([{ member: good, dueAt: T0 }, { member: makeMember('UNAN'), dueAt: Number.NaN }])).rejects.toThrow();
        expect(await store.getMember(good.id)).toBeNull();
        expect(await store.getDue(good.id)).toBeNull();
      });
    });

    describe('forgetting a member', () => {
      it('leaves nothing about the member readable, and other members untouched', async () => {
        const team = makeTeam('C01DESIGN');
        const alice = makeMember('UALICE', { active: true, teamIds: [team.id] });
        const bob = makeMember('UBOB', { active: true, teamIds: [team.id] });
        await store.putTeam(team);
        for (const m of [alice, bob]) {
          await store.putMember(m);
          await store.addTeamMember(team.id, m.id);
          await store.setDue(m.id, T0);
        }
        const personal = makePrompt(alice.id);
        const teamPrompt = makeTeamPrompt(team.id);
        await store.putPrompt(personal, HOUR);
        await store.putPrompt(teamPrompt, HOUR);
        await store.recordPromptSent(alice.id, [team.id], 'slack', TENANT);
        await store.recordCompletion(makeCompletion(personal.id, alice.id, { teams: [teamInput(team.id)] }));
        await store.recordCompletion(makeCompletion(teamPrompt.id, alice.id, { teamPromptId: teamPrompt.id, teams: [teamInput(team.id)] }));
        await store.recordCompletion(makeCompletion(teamPrompt.id, bob.id, { teamPromptId: teamPrompt.id, teams: [teamInput(team.id)] }));
        await store.claimDue(T0, 10, LEASE, 'worker-a');

        await store.forgetMember(alice.id);

        expect(await store.getMember(alice.id)).toBeNull();
        expect(await store.getDue(alice.id)).toBeNull();
        expect(await store.getActivity(alice.id)).toEqual({ days: {}, weekPoints: {}, totalPoints: 0, totalCompletions: 0, promptsSent: 0 });
        expect(await store.getPrompt(personal.id)).toBeNull();
        expect(await store.teamMemberIds(team.id)).toEqual([bob.id]);
        expect(await store.teamWeekBoard(team.id, WEEK)).toEqual([{ memberId: bob.id, points: 1 }]);
        expect(await commitOne(store, alice.id, 'worker-a', T0 + HOUR)).toBe(false);
        expect(await store.getDue(alice.id)).toBeNull();
        // The team prompt stays for the others; only Alice left its joiners.
        expect(await store.getPrompt(teamPrompt.id)).not.toBeNull();
        const carol = makeMember('UCAROL');
        const joined = await store.recordCompletion(makeCompletion(teamPrompt.id, carol.id, { teamPromptId: teamPrompt.id }));
        expect(joined.joinedCount).toBe(2);
        // Her done markers are gone too: the same completion counts as new.
        const again = await store.recordCompletion(makeCompletion(teamPrompt.id, alice.id, { teamPromptId: teamPrompt.id }));
        expect(again.counted).toBe(true);

        expect(await store.getMember(bob.id)).toEqual(bob);
        expect(await store.getDue(bob.id)).toBe(T0);
        expect((await store.getActivity(bob.id)).totalCompletions).toBe(1);
      });

      it('a member who started over after forget is counted as a new completer of the team day', async () => {
        const team = makeTeam('C01DESIGN');
        await store.putTeam(team);
        const alice = makeMember('UALICE', { teamIds: [team.id] });
        await store.putMember(alice);
        await store.addTeamMember(team.id, alice.id);
        await store.recordCompletion(makeCompletion(makePrompt(alice.id).id, alice.id, { teams: [teamInput(team.id, 4)] }));
        await store.forgetMember(alice.id);
        await store.putMember(alice);
        await store.addTeamMember(team.id, alice.id);
        await store.recordCompletion(makeCompletion(makePrompt(alice.id).id, alice.id, { teams: [teamInput(team.id, 4)] }));
        expect((await store.getTeamDays(team.id))[DAY]).toEqual({ completers: 2, activeMembers: 4 });
      });

      it('forgetting an unknown member is a no-op', async () => {
        await expect(store.forgetMember(memberIdOf('NOBODY'))).resolves.toBeUndefined();
        await expect(store.forgetMember('not-an-id')).resolves.toBeUndefined();
      });
    });

    describe('due index', () => {
      it('keeps one due instant per job, replaced by the latest setDue and removed by clearDue', async () => {
        const id = memberIdOf('U01');
        expect(await store.getDue(id)).toBeNull();
        await store.setDue(id, T0);
        await store.setDue(id, T0 + HOUR);
        expect(await store.getDue(id)).toBe(T0 + HOUR);
        await store.clearDue(id);
        expect(await store.getDue(id)).toBeNull();
      });

      it('claims only jobs that are due, each with its due instant, and never hands a claim out twice', async () => {
        await store.setDue(memberIdOf('U01'), T0 - 1000);
        await store.setDue(memberIdOf('U02'), T0);
        await store.setDue(memberIdOf('U03'), T0 + 1);
        const first = await store.claimDue(T0, 10, LEASE, 'worker-a');
        expect(first.sort((a, b) => a.dueAt - b.dueAt)).toEqual([
          { jobId: memberIdOf('U01'), dueAt: T0 - 1000 },
          { jobId: memberIdOf('U02'), dueAt: T0 },
        ]);
        expect(await store.claimDue(T0, 10, LEASE, 'worker-b')).toEqual([]);
        expect(await store.claimDue(T0 + 1, 10, LEASE, 'worker-b')).toEqual([{ jobId: memberIdOf('U03'), dueAt: T0 + 1 }]);
      });

      it('a claimed job still reports the due instant it was claimed at', async () => {
        await store.setDue(memberIdOf('U01'), T0);
        await store.claimDue(T0, 1, LEASE, 'worker-a');
        expect(await store.getDue(memberIdOf('U01'))).toBe(T0);
      });

      it('respects the limit across shards and hands out every due job exactly once', async () => {
        const ids = Array.from({ length: 40 }, (_, i) => memberIdOf(`U${String(i).padStart(3, '0')}`));
        for (const id of ids) await store.setDue(id, T0 - 5000);
        const batches: string[][] = [];
        for (let i = 0; i < 4; i += 1) batches.push((await store.claimDue(T0, 15, LEASE, 'worker-a')).map((c) => c.jobId));
        expect(batches.map((b) => b.length)).toEqual([15, 15, 10, 0]);
        const all = batches.flat();
        expect(new Set(all).size).toBe(40);
        expect(all.sort()).toEqual([...ids].sort());
      });

      it('claims nothing with a limit of zero', async () => {
        await store.setDue(memberIdOf('U01'), T0);
        expect(await store.claimDue(T0, 0, LEASE, 'worker-a')).toEqual([]);
      });

      it('a commit with the claim token schedules the next instant', async () => {
        const id = memberIdOf('U01');
        await store.setDue(id, T0);
        await store.claimDue(T0, 10, LEASE, 'worker-a');
        expect(await commitOne(store, id, 'worker-a', T0 + HOUR)).toBe(true);
        expect(await store.getDue(id)).toBe(T0 + HOUR);
        expect(await store.claimDue(T0 + HOUR - 1, 10, LEASE, 'worker-a')).toEqual([]);
        expect(await store.claimDue(T0 + HOUR, 10, LEASE, 'worker-a')).toEqual([{ jobId: id, dueAt: T0 + HOUR }]);
      });

      it('a commit with no next instant drops the job', async () => {
        const id = memberIdOf('U01');
        await store.setDue(id, T0);
        await store.claimDue(T0, 10, LEASE, 'worker-a');
        expect(await commitOne(store, id, 'worker-a', null)).toBe(true);
        expect(await store.getDue(id)).toBeNull();
        expect(await store.claimDue(T0 + 10 * HOUR, 10, LEASE, 'worker-a')).toEqual([]);
      });

      it('a commit with another token, or of an unclaimed job, is refused and changes nothing', async () => {
        const id = memberIdOf('U01');
        await store.setDue(id, T0);
        expect(await commitOne(store, id, 'worker-a', T0 + HOUR)).toBe(false);
        expect(await store.getDue(id)).toBe(T0);
        await store.claimDue(T0, 10, LEASE, 'worker-a');
        expect(await commitOne(store, id, 'worker-b', T0 + HOUR)).toBe(false);
        expect(await commitOne(store, id, 'worker-a', T0 + 2 * HOUR)).toBe(true);
        expect(await store.getDue(id)).toBe(T0 + 2 * HOUR);
      });

      it('the reaper returns expired leases at their old due instant, fencing out the late worker', async () => {
        const id = memberIdOf('U01');
        await store.setDue(id, T0);
        await store.claimDue(T0, 10, LEASE, 'worker-a');
        expect(await store.reapLeases(T0 + LEASE)).toBe(0);
        expect(await store.reapLeases(T0 + LEASE + 1)).toBe(1);
        expect(await store.getDue(id)).toBe(T0);
        expect(await commitOne(store, id, 'worker-a', T0 + HOUR)).toBe(false);
        expect(await store.getDue(id)).toBe(T0);
        const reclaimed = await store.claimDue(T0 + LEASE + 2, 10, LEASE, 'worker-b');
        expect(reclaimed).toEqual([{ jobId: id, dueAt: T0 }]);
        expect(await commitOne(store, id, 'worker-a', T0 + HOUR)).toBe(false);
        expect(await commitOne(store, id, 'worker-b', T0 + HOUR)).toBe(true);
        expect(await store.getDue(id)).toBe(T0 + HOUR);
      });

      it('extendLeases moves only the leases still claimed with the token, so an extended claim is not reaped', async () => {
        const kept = memberIdOf('U01');
        const other = memberIdOf('U02');
        await store.setDue(kept, T0);
        await store.setDue(other, T0);
        await store.claimDue(T0, 1, LEASE, 'worker-a');
        await store.claimDue(T0, 1, LEASE, 'worker-b');
        const [heldByA] = (await store.extendLeases('worker-a', [kept, other], T0 + 3 * LEASE)).map((ok, i) => (ok ? [kept, other][i] : null)).filter(Boolean);
        expect(heldByA).toBeDefined();
        const heldByB = heldByA === kept ? other : kept;
        expect(await store.extendLeases('worker-b', [heldByB], T0 + 3 * LEASE)).toEqual([true]);
        expect(await store.extendLeases('worker-c', [kept, other], T0 + 9 * LEASE)).toEqual([false, false]);
        expect(await store.reapLeases(T0 + 2 * LEASE)).toBe(0);
        expect(await store.reapLeases(T0 + 3 * LEASE + 1)).toBe(2);
        // A job no longer claimed is not extended (nor put back in flight).
        expect(await store.extendLeases('worker-a', [kept, other], T0 + 9 * LEASE)).toEqual([false, false]);
        expect(await store.getDue(kept)).toBe(T0);
      });

      it('setDue or clearDue during a claim wins over the worker that holds it', async () => {
        const rescheduled = memberIdOf('U01');
        const stopped = memberIdOf('U02');
        await store.setDue(rescheduled, T0);
        await store.setDue(stopped, T0);
        await store.claimDue(T0, 10, LEASE, 'worker-a');
        await store.setDue(rescheduled, T0 + 5 * HOUR);
        await store.clearDue(stopped);
        expect(await commitOne(store, rescheduled, 'worker-a', T0 + HOUR)).toBe(false);
        expect(await commitOne(store, stopped, 'worker-a', T0 + HOUR)).toBe(false);
        expect(await store.getDue(rescheduled)).toBe(T0 + 5 * HOUR);
        expect(await store.getDue(stopped)).toBeNull();
        expect(await store.reapLeases(T0 + 10 * LEASE)).toBe(0);
      });

      it('holds any job id, such as team challenges and digests', async () => {
        const ids = [`team|${TEAM_ID}`, `digest|${TEAM_ID}`, 'some-other-job'];
        for (const [i, id] of ids.entries()) await store.setDue(id, T0 + i);
        const claimed = await store.claimDue(T0 + 10, 10, LEASE, 'worker-a');
        expect(claimed.map((c) => c.jobId).sort()).toEqual([...ids].sort());
        for (const id of ids) expect(await commitOne(store, id, 'worker-a', null)).toBe(true);
      });

      it('refuses an empty job id', async () => {
        await expect(store.setDue('', T0)).rejects.toThrow();
      });

      it('commits several claims in one call, each as commitDue would, answering in order', async () => {
        const ids = Array.from({ length: 30 }, (_, i) => memberIdOf(`U${String(i).padStart(3, '0')}`));
        for (const id of ids) await store.setDue(id, T0);
        await store.claimDue(T0, 100, LEASE, 'worker-a');
        const [rescheduled, dropped, kept] = ids as [string, string, string];
        await store.setDue(rescheduled, T0 + 5 * HOUR);
        const commits = ids.map((jobId, i) => ({ jobId, nextDueAt: jobId === dropped ? null : T0 + HOUR + i }));
        const unclaimed = { jobId: memberIdOf('UNCLAIMED'), nextDueAt: T0 };
        const results = await store.commitDueMany('worker-a', [...commits, unclaimed]);
        expect(results).toEqual([false, ...ids.slice(1).map(() => true), false]);
        expect(await store.getDue(rescheduled)).toBe(T0 + 5 * HOUR);
        expect(await store.getDue(dropped)).toBeNull();
        expect(await store.getDue(kept)).toBe(T0 + HOUR + 2);
        expect(await store.getDue(unclaimed.jobId)).toBeNull();
        // Committed claims are over: the same commits again are refused.
        expect(await store.commitDueMany('worker-a', commits.slice(1, 3))).toEqual([false, false]);
        expect(await store.commitDueMany('worker-a', [])).toEqual([]);
      });

      it('a batch commit with another token changes nothing', async () => {
        const id = memberIdOf('U01');
        await store.setDue(id, T0);
        await store.claimDue(T0, 10, LEASE, 'worker-a');
        expect(await store.commitDueMany('worker-b', [{ jobId: id, nextDueAt: T0 + HOUR }])).toEqual([false]);
        expect(await store.commitDueMany('worker-a', [{ jobId: id, nextDueAt: T0 + HOUR }])).toEqual([true]);
        expect(await store.getDue(id)).toBe(T0 + HOUR);
      });
    });

    describe('send markers', () => {
      it('only the first caller gets a slot', async () => {
        const id = memberIdOf('U01');
        expect(await store.markSent(id, T0, HOUR)).toBe(true);
        expect(await store.markSent(id, T0, HOUR)).toBe(false);
        expect(await store.markSent(id, T0 + HOUR, HOUR)).toBe(true);
        expect(await store.markSent(memberIdOf('U02'), T0, HOUR)).toBe(true);
        expect(await store.markSent(`team|${TEAM_ID}`, T0, HOUR)).toBe(true);
        expect(await store.markSent(`team|${TEAM_ID}`, T0, HOUR)).toBe(false);
        expect(await store.markSent('odd-job', T0, HOUR)).toBe(true);
      });

      it('a marker is gone after its lifetime', async () => {
        expect(await store.markSent(memberIdOf('U01'), T0, 40)).toBe(true);
        await sleep(80);
        expect(await store.markSent(memberIdOf('U01'), T0, 40)).toBe(true);
      });
    });

    describe('recording a prompt send', () => {
      const recordOne = async (send: Parameters<Store['recordPromptSends']>[0][number]) => (await store.recordPromptSends([send]))[0];
      const sendOf = (member: Member, slotAt = T0) => ({
        prompt: makePrompt(member.id, { slotAt, sentAt: slotAt + 1000 }),
        promptTtlMs: HOUR,
        member,
        recentChallengeIds: ['glute-squeeze', ...member.recentChallengeIds],
        markerTtlMs: HOUR,
      });
      const withRecent = (member: Member, send: { recentChallengeIds: string[] }) => ({ ...member, recentChallengeIds: send.recentChallengeIds });

      it('the first send of a slot stores the prompt and the member and counts it for the member and each team', async () => {
        const ops = `slack:${TENANT}:C02OPS`;
        const alice = makeMember('UALICE', { active: true, teamIds: [TEAM_ID, ops], recentChallengeIds: ['chair-bridge'] });
        await store.putMember(alice);
        const send = sendOf(alice);
        expect(await recordOne(send)).toBe(true);
        expect(await store.getPrompt(send.prompt.id)).toEqual(send.prompt);
        expect(await store.getMember(alice.id)).toEqual(withRecent(alice, send));
        expect((await store.getActivity(alice.id)).promptsSent).toBe(1);
        expect(await store.getTeamTotals(TEAM_ID)).toEqual({ promptsSent: 1, completions: 0 });
        expect(await store.getTeamTotals(ops)).toEqual({ promptsSent: 1, completions: 0 });
      });

      it("the slot's send marker names the prompt it was taken for; markSent's names none", async () => {
        const alice = makeMember('UALICE', { teamIds: [TEAM_ID] });
        await store.putMember(alice);
        const send = sendOf(alice);
        expect(await store.sendMarkerOf(alice.id, T0)).toBeNull();
        expect(await recordOne(send)).toBe(true);
        expect(await store.sendMarkerOf(alice.id, T0)).toBe(send.prompt.id);
        expect(await recordOne(sendOf(alice))).toBe(false);
        expect(await store.sendMarkerOf(alice.id, T0)).toBe(send.prompt.id);
        expect(await store.markSent(alice.id, T0 + HOUR, HOUR)).toBe(true);
        expect(await store.sendMarkerOf(alice.id, T0 + HOUR)).toBe('');
      });

      it('a second send of the same slot changes nothing, while the next slot is recorded', async () => {
        const alice = makeMember('UALICE', { teamIds: [TEAM_ID] });
        await store.putMember(alice);
        const first = sendOf(alice);
        const again = sendOf({ ...alice, displayName: 'Changed' });
        expect(await recordOne(first)).toBe(true);
        expect(await recordOne(again)).toBe(false);
        expect(await store.getPrompt(again.prompt.id)).toBeNull();
        expect(await store.getMember(alice.id)).toEqual(withRecent(alice, first));
        expect((await store.getActivity(alice.id)).promptsSent).toBe(1);
        expect(await store.getTeamTotals(TEAM_ID)).toEqual({ promptsSent: 1, completions: 0 });
        expect(await recordOne(sendOf(alice, T0 + HOUR))).toBe(true);
        expect((await store.getActivity(alice.id)).promptsSent).toBe(2);
      });

      it('shares its marker with markSent: a slot marked either way is recorded by neither again', async () => {
        const alice = makeMember('UALICE');
        expect(await store.markSent(alice.id, T0, HOUR)).toBe(true);
        expect(await recordOne(sendOf(alice))).toBe(false);
        expect(await store.getMember(alice.id)).toBeNull();
        expect(await recordOne(sendOf(alice, T0 + HOUR))).toBe(true);
        expect(await store.markSent(alice.id, T0 + HOUR, HOUR)).toBe(false);
      });

      it('two senders racing for one slot: exactly one records it', async () => {
        const alice = makeMember('UALICE');
        const results = await Promise.all(Array.from({ length: 5 }, () => recordOne(sendOf(alice))));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await store.getActivity(alice.id)).promptsSent).toBe(1);
      });

      it('the prompt and the marker expire after their lifetimes, and forget finds the prompt', async () => {
        const alice = makeMember('UALICE');
        const short = { ...sendOf(alice), promptTtlMs: 40, markerTtlMs: 40 };
        expect(await recordOne(short)).toBe(true);
        const kept = sendOf(alice, T0 + HOUR);
        expect(await recordOne(kept)).toBe(true);
        await sleep(80);
        expect(await store.getPrompt(short.prompt.id)).toBeNull();
        expect(await recordOne(sendOf(alice))).toBe(true);
        await store.forgetMember(alice.id);
        expect(await store.getPrompt(kept.prompt.id)).toBeNull();
        expect(await store.getActivity(alice.id)).toEqual({ days: {}, weekPoints: {}, totalPoints: 0, totalCompletions: 0, promptsSent: 0 });
      });

      it('several sends in one call are each taken on their own, in order, across tenants', async () => {
        const alice = makeMember('UALICE', { teamIds: [TEAM_ID] });
        const bob = makeMember('UBOB');
        const otherId = memberIdOf('UOTHER', OTHER_TENANT);
        const other = makeMember('UOTHER', { id: otherId, tenantId: OTHER_TENANT });
        const otherSend = { ...sendOf(other), prompt: makePrompt(otherId, { id: `slack:${OTHER_TENANT}:pother`, tenantId: OTHER_TENANT }) };
        await store.putMember(other);
        expect(await store.markSent(bob.id, T0, HOUR)).toBe(true);
        const sends = [sendOf(alice), sendOf(bob), otherSend, sendOf(alice)];
        expect(await store.recordPromptSends(sends)).toEqual([true, false, true, false]);
        expect(await store.getPrompt(sends[0]!.prompt.id)).toEqual(sends[0]!.prompt);
        expect(await store.getPrompt(sends[1]!.prompt.id)).toBeNull();
        expect(await store.getPrompt(otherSend.prompt.id)).toEqual(otherSend.prompt);
        expect(await store.getMember(otherId)).toEqual(withRecent(other, otherSend));
        expect((await store.getActivity(alice.id)).promptsSent).toBe(1);
        expect(await store.getTeamTotals(TEAM_ID)).toEqual({ promptsSent: 1, completions: 0 });
        expect(await store.recordPromptSends([])).toEqual([]);
      });

      it('a batch holding one bad send is refused whole, taking no marker', async () => {
        const alice = makeMember('UALICE');
        const bob = makeMember('UBOB');
        await expect(store.recordPromptSends([sendOf(alice), { ...sendOf(bob), prompt: makePrompt(alice.id) }])).rejects.toThrow();
        expect(await store.markSent(alice.id, T0, HOUR)).toBe(true);
        expect(await store.markSent(bob.id, T0, HOUR)).toBe(true);
      });

      it('refuses a prompt for someone else or a team in another tenant, taking no marker', async () => {
        const alice = makeMember('UALICE');
        const bob = makeMember('UBOB');
        await expect(recordOne({ ...sendOf(alice), prompt: makePrompt(bob.id) })).rejects.toThrow();
        await expect(recordOne(sendOf({ ...alice, teamIds: [`slack:${OTHER_TENANT}:C01`] }))).rejects.toThrow();
        await expect(recordOne(sendOf({ ...alice, tenantId: OTHER_TENANT }))).rejects.toThrow();
        expect(await store.markSent(alice.id, T0, HOUR)).toBe(true);
        expect(await store.getMember(alice.id)).toBeNull();
      });
    });

    describe('settling a sent prompt', () => {
      const settled = (memberId: string) => `settled|${memberId}`;

      it('keeps the platform\'s delivery on the prompt without touching its status, and takes the settled marker', async () => {
        const alice = memberIdOf('UALICE');
        const prompt = makePrompt(alice);
        await store.putPrompt(prompt, HOUR);
        expect(await store.setPromptStatus(prompt.id, 'done')).toBe('done');
        const delivery = { channel: 'D01', ts: '1700000000.000100' };
        await store.settlePromptSends([{ prompt: { ...prompt, delivery }, markerId: settled(alice), markerTtlMs: HOUR }]);
        expect(await store.getPrompt(prompt.id)).toEqual({ ...prompt, status: 'done', delivery });
        expect(await store.markSent(settled(alice), prompt.slotAt, HOUR)).toBe(false);
        expect(await store.markSent(alice, prompt.slotAt, HOUR)).toBe(true);
      });

      it('without delivery data leaves the prompt as it is; a prompt that is gone is not made again', async () => {
        const alice = memberIdOf('UALICE');
        const bob = memberIdOf('UBOB');
        const kept = makePrompt(alice, { delivery: { channel: 'D01' } });
        const gone = makePrompt(bob);
        await store.putPrompt(kept, HOUR);
        await store.settlePromptSends([
          { prompt: { ...kept, delivery: {} }, markerId: settled(alice), markerTtlMs: HOUR },
          { prompt: { ...gone, delivery: { channel: 'D02' } }, markerId: settled(bob), markerTtlMs: HOUR },
        ]);
        expect(await store.getPrompt(kept.id)).toEqual(kept);
        expect(await store.getPrompt(gone.id)).toBeNull();
        expect(await store.markSent(settled(bob), gone.slotAt, HOUR)).toBe(false);
      });
    });

    describe('swapping a prompt\'s challenge', () => {
      it('puts the new challenge in place: same id, status, delivery and lifetime, one swap counted', async () => {
        const prompt = makePrompt(memberIdOf('U01'), { delivery: { channel: 'D01', ts: '1.2' } });
        await store.putPrompt(prompt, 200);
        expect(await store.swapPromptChallenge({ ...prompt, challengeId: 'seated-heel-press', swaps: 1 }, prompt.challengeId, 3)).toBe('swapped');
        expect(await store.getPrompt(prompt.id)).toEqual({ ...prompt, challengeId: 'seated-heel-press', swaps: 1 });
        await sleep(260);
        expect(await store.getPrompt(prompt.id)).toBeNull();
      });

      it('refuses when the prompt shows another challenge by now, so two swaps at once count once', async () => {
        const prompt = makePrompt(memberIdOf('U01'));
        await store.putPrompt(prompt, HOUR);
        const [first, second] = await Promise.all([
          store.swapPromptChallenge({ ...prompt, challengeId: 'brisk-walk', swaps: 1 }, prompt.challengeId, 3),
          store.swapPromptChallenge({ ...prompt, challengeId: 'hip-hinge', swaps: 1 }, prompt.challengeId, 3),
        ]);
        expect([first, second].sort()).toEqual(['changed', 'swapped']);
        expect((await store.getPrompt(prompt.id))?.swaps).toBe(1);
      });

      it('refuses at the limit, on a closed prompt and for an unknown one', async () => {
        const limited = makePrompt(memberIdOf('U01'), { swaps: 3 });
        await store.putPrompt(limited, HOUR);
        expect(await store.swapPromptChallenge({ ...limited, challengeId: 'hip-hinge', swaps: 4 }, limited.challengeId, 3)).toBe('limit');
        const done = makePrompt(memberIdOf('U01'));
        await store.putPrompt(done, HOUR);
        await store.setPromptStatus(done.id, 'done');
        expect(await store.swapPromptChallenge({ ...done, challengeId: 'hip-hinge', swaps: 1 }, done.challengeId, 3)).toBe('closed');
        expect((await store.getPrompt(done.id))?.challengeId).toBe(done.challengeId);
        expect(await store.swapPromptChallenge(makePrompt(memberIdOf('U01')), 'glute-squeeze', 3)).toBe('not-found');
      });
    });

    describe('prompts', () => {
      it('a personal and a team prompt read back exactly', async () => {
        const personal = makePrompt(memberIdOf('U01'), { delivery: { channel: 'D01', ts: '1.2' }, status: 'snoozed' });
        const teamPrompt = makeTeamPrompt();
        await store.putPrompt(personal, HOUR);
        await store.putPrompt(teamPrompt, HOUR);
        expect(await store.getPrompt(personal.id)).toEqual(personal);
        expect(await store.getPrompt(teamPrompt.id)).toEqual(teamPrompt);
        const onDemand = makePrompt(memberIdOf('U01'), { onDemand: true });
        await store.putPrompt(onDemand, HOUR);
        expect(await store.getPrompt(onDemand.id)).toEqual(onDemand);
        expect(await store.getPrompt(`slack:${TENANT}:pUNKNOWN`)).toBeNull();
        expect(await store.getPrompt('junk')).toBeNull();
      });

      it('a prompt is gone after its lifetime', async () => {
        const prompt = makePrompt(memberIdOf('U01'));
        await store.putPrompt(prompt, 40);
        await sleep(80);
        expect(await store.getPrompt(prompt.id)).toBeNull();
      });

      it('refuses a prompt whose id is not in its tenant', async () => {
        await expect(store.putPrompt(makePrompt(memberIdOf('U01'), { tenantId: OTHER_TENANT }), HOUR)).rejects.toThrow();
      });

      it('open and snoozed prompts change status; done and skipped are final', async () => {
        const prompt = makePrompt(memberIdOf('U01'));
        await store.putPrompt(prompt, HOUR);
        expect(await store.setPromptStatus(prompt.id, 'snoozed')).toBe('snoozed');
        expect(await store.setPromptStatus(prompt.id, 'open')).toBe('open');
        expect(await store.setPromptStatus(prompt.id, 'done')).toBe('done');
        expect(await store.setPromptStatus(prompt.id, 'skipped')).toBe('done');
        expect(await store.setPromptStatus(prompt.id, 'open')).toBe('done');
        expect((await store.getPrompt(prompt.id))?.status).toBe('done');

        const skipped = makePrompt(memberIdOf('U01'));
        await store.putPrompt(skipped, HOUR);
        expect(await store.setPromptStatus(skipped.id, 'skipped')).toBe('skipped');
        expect(await store.setPromptStatus(skipped.id, 'done')).toBe('skipped');
        expect((await store.getPrompt(skipped.id))?.status).toBe('skipped');
      });

      it('setting the status of an unknown prompt returns null', async () => {
        expect(await store.setPromptStatus(`slack:${TENANT}:pUNKNOWN`, 'done')).toBeNull();
        expect(await store.setPromptStatus('junk', 'done')).toBeNull();
      });

      it('delivery data is replaced without touching the status', async () => {
        const prompt = makePrompt(memberIdOf('U01'));
        await store.putPrompt(prompt, HOUR);
        await store.setPromptStatus(prompt.id, 'snoozed');
        await store.setPromptDelivery(prompt.id, { channel: 'D01', ts: '99.1' });
        expect(await store.getPrompt(prompt.id)).toEqual({ ...prompt, status: 'snoozed', delivery: { channel: 'D01', ts: '99.1' } });
      });

      it('delivery data for an unknown prompt does not create it', async () => {
        const id = `slack:${TENANT}:pGHOST`;
        await store.setPromptDelivery(id, { channel: 'D01' });
        expect(await store.getPrompt(id)).toBeNull();
      });

      it('a prompt keeps its lifetime when its status or delivery changes', async () => {
        const prompt = makePrompt(memberIdOf('U01'));
        await store.putPrompt(prompt, 60);
        await store.setPromptStatus(prompt.id, 'skipped');
        await store.setPromptDelivery(prompt.id, { channel: 'D01' });
        await sleep(110);
        expect(await store.getPrompt(prompt.id)).toBeNull();
      });

      it('changing a prompt the store returned does not change the stored prompt', async () => {
        const prompt = makePrompt(memberIdOf('U01'), { delivery: { channel: 'D01' } });
        await store.putPrompt(prompt, HOUR);
        const copy = await store.getPrompt(prompt.id);
        copy!.delivery['channel'] = 'changed';
        copy!.status = 'done';
        expect(await store.getPrompt(prompt.id)).toEqual(prompt);
      });
    });

    describe('completions', () => {
      it('a completion counts once: a repeat adds nothing and reports the current count', async () => {
        const id = memberIdOf('U01');
        const prompt = makePrompt(id);
        const activity = { days: { [DAY]: 1 }, weekPoints: { [WEEK]: 1 }, totalPoints: 1, totalCompletions: 1, promptsSent: 0 };
        const first = await store.recordCompletion(makeCompletion(prompt.id, id));
        expect(first).toEqual({ counted: true, pointAwarded: true, todayCount: 1, joinedCount: 0, activity });
        const repeat = await store.recordCompletion(makeCompletion(prompt.id, id));
        expect(repeat).toEqual({ counted: false, pointAwarded: false, todayCount: 1, joinedCount: 0, activity });
        expect(await store.getActivity(id)).toEqual(activity);
      });

      it('closePrompt makes an open or snoozed prompt done in the same step, and leaves a skipped one as it is', async () => {
        const id = memberIdOf('U01');
        const [open, snoozed, skipped, kept] = [makePrompt(id), makePrompt(id), makePrompt(id), makePrompt(id)];
        for (const prompt of [open, snoozed, skipped, kept]) await store.putPrompt(prompt, HOUR);
        await store.setPromptStatus(snoozed.id, 'snoozed');
        await store.setPromptStatus(skipped.id, 'skipped');
        for (const prompt of [open, snoozed, skipped]) await store.recordCompletion(makeCompletion(prompt.id, id, { closePrompt: true }));
        await store.recordCompletion(makeCompletion(kept.id, id));
        expect((await store.getPrompt(open.id))?.status).toBe('done');
        expect((await store.getPrompt(snoozed.id))?.status).toBe('done');
        expect((await store.getPrompt(skipped.id))?.status).toBe('skipped');
        expect((await store.getPrompt(kept.id))?.status).toBe('open');
      });

      it('the daily cap stops points at 8 while completions are still counted', async () => {
        const id = memberIdOf('U01');
        await store.putTeam(makeTeam('C01DESIGN'));
        const results = [];
        for (let i = 0; i < 10; i += 1) {
          results.push(await store.recordCompletion(makeCompletion(makePrompt(id).id, id, { teams: [teamInput()] })));
        }
        expect(results.map((r) => r.pointAwarded)).toEqual([true, true, true, true, true, true, true, true, false, false]);
        expect(results.map((r) => r.todayCount)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(await store.getActivity(id)).toEqual({ days: { [DAY]: 10 }, weekPoints: { [WEEK]: 8 }, totalPoints: 8, totalCompletions: 10, promptsSent: 0 });
        expect(await store.teamWeekBoard(TEAM_ID, WEEK)).toEqual([{ memberId: id, points: 8 }]);
        expect((await store.getTeamTotals(TEAM_ID)).completions).toBe(10);
      });

      it('on-demand breaks earn points only up to their own cap, and never push the day past the daily cap (issue 11)', async () => {
        const id = memberIdOf('U01');
        const onDemand = { onDemandCap: 2 };
        const results = [];
        // Five "now" breaks: two points, the rest count for the day only.
        for (let i = 0; i < 5; i += 1) results.push(await store.recordCompletion(makeCompletion(makePrompt(id).id, id, onDemand)));
        expect(results.map((r) => r.pointAwarded)).toEqual([true, true, false, false, false]);
        // Scheduled breaks still earn until the day's points reach 8, however many completions came before.
        for (let i = 0; i < 7; i += 1) results.push(await store.recordCompletion(makeCompletion(makePrompt(id).id, id)));
        expect(results.slice(5).map((r) => r.pointAwarded)).toEqual([true, true, true, true, true, true, false]);
        expect(results.map((r) => r.todayCount)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        expect(await store.getActivity(id)).toEqual({ days: { [DAY]: 12 }, weekPoints: { [WEEK]: 8 }, totalPoints: 8, totalCompletions: 12, promptsSent: 0 });
        // The next day starts both caps over.
        const nextDay = await store.recordCompletion(makeCompletion(makePrompt(id).id, id, { ...onDemand, day: '2026-11-26' }));
        expect(nextDay.pointAwarded).toBe(true);
      });

      it('many on-demand breaks at once still earn at most the on-demand cap', async () => {
        const id = memberIdOf('U01');
        const results = await Promise.all(
          Array.from({ length: 12 }, () => store.recordCompletion(makeCompletion(makePrompt(id).id, id, { onDemandCap: 2 }))),
        );
        expect(results.filter((r) => r.pointAwarded)).toHaveLength(2);
        expect((await store.getActivity(id)).totalPoints).toBe(2);
      });

      it('the cap is per local day', async () => {
        const id = memberIdOf('U01');
        for (let i = 0; i < 9; i += 1) await store.recordCompletion(makeCompletion(makePrompt(id).id, id));
        const nextDay = await store.recordCompletion(makeCompletion(makePrompt(id).id, id, { day: '2026-11-26' }));
        expect(nextDay).toMatchObject({ counted: true, pointAwarded: true, todayCount: 1 });
        expect((await store.getActivity(id)).days).toEqual({ [DAY]: 9, '2026-11-26': 1 });
      });

      it('records each distinct completer of a team day and the active member count', async () => {
        const [a, b] = [memberIdOf('UA'), memberIdOf('UB')];
        for (const id of [a, b]) await store.addTeamMember(TEAM_ID, id);
        await store.recordCompletion(makeCompletion(makePrompt(a).id, a, { teams: [teamInput(TEAM_ID, 3)] }));
        await store.recordCompletion(makeCompletion(makePrompt(a).id, a, { teams: [teamInput(TEAM_ID, 3)] }));
        await store.recordCompletion(makeCompletion(makePrompt(b).id, b, { teams: [teamInput(TEAM_ID, 4)] }));
        await store.recordCompletion(makeCompletion(makePrompt(b).id, b, { teams: [teamInput(TEAM_ID, 4, '2026-11-26', WEEK)] }));
        expect(await store.getTeamDays(TEAM_ID)).toEqual({
          [DAY]: { completers: 2, activeMembers: 4 },
          '2026-11-26': { completers: 1, activeMembers: 4 },
        });
        expect(await store.getTeamTotals(TEAM_ID)).toEqual({ promptsSent: 0, completions: 4 });
      });

      it('a repeated completion changes no team record', async () => {
        const a = memberIdOf('UA');
        await store.addTeamMember(TEAM_ID, a);
        const prompt = makePrompt(a);
        await store.recordCompletion(makeCompletion(prompt.id, a, { teams: [teamInput(TEAM_ID, 3)] }));
        await store.recordCompletion(makeCompletion(prompt.id, a, { teams: [teamInput(TEAM_ID, 9)] }));
        expect(await store.getTeamDays(TEAM_ID)).toEqual({ [DAY]: { completers: 1, activeMembers: 3 } });
        expect(await store.getTeamTotals(TEAM_ID)).toEqual({ promptsSent: 0, completions: 1 });
        expect(await store.teamWeekBoard(TEAM_ID, WEEK)).toEqual([{ memberId: a, points: 1 }]);
      });

      it('updates every team of the member', async () => {
        const a = memberIdOf('UA');
        const ops = `slack:${TENANT}:C02OPS`;
        for (const teamId of [TEAM_ID, ops]) await store.addTeamMember(teamId, a);
        await store.recordCompletion(makeCompletion(makePrompt(a).id, a, { teams: [teamInput(TEAM_ID, 3), teamInput(ops, 5, '2026-11-24', '2026-W48')] }));
        expect(await store.getTeamDays(ops)).toEqual({ '2026-11-24': { completers: 1, activeMembers: 5 } });
        expect(await store.teamWeekBoard(ops, WEEK)).toEqual([{ memberId: a, points: 1 }]);
        expect(await store.teamWeekBoard(TEAM_ID, WEEK)).toEqual([{ memberId: a, points: 1 }]);
      });

      it('week boards list points highest first, ties by member id, one board per week', async () => {
        const points: Array<[string, number]> = [['UA', 3], ['UB', 1], ['UC', 2], ['UD', 2]];
        for (const [user, count] of points) {
          const id = memberIdOf(user);
          for (let i = 0; i < count; i += 1) await store.recordCompletion(makeCompletion(makePrompt(id).id, id, { teams: [teamInput()] }));
        }
        await store.recordCompletion(makeCompletion(makePrompt(memberIdOf('UB')).id, memberIdOf('UB'), { teams: [teamInput(TEAM_ID, 3, '2026-12-01', '2026-W49')] }));
        expect(await store.teamWeekBoard(TEAM_ID, WEEK)).toEqual([
          { memberId: memberIdOf('UA'), points: 3 },
          { memberId: memberIdOf('UC'), points: 2 },
          { memberId: memberIdOf('UD'), points: 2 },
          { memberId: memberIdOf('UB'), points: 1 },
        ]);
        expect(await store.teamWeekBoard(TEAM_ID, '2026-W49')).toEqual([{ memberId: memberIdOf('UB'), points: 1 }]);
        expect(await store.teamWeekBoard(TEAM_ID, '2026-W47')).toEqual([]);
      });

      it('a team prompt counts how many distinct members joined', async () => {
        const prompt = makeTeamPrompt();
        await store.putPrompt(prompt, HOUR);
        const [a, b] = [memberIdOf('UA'), memberIdOf('UB')];
        const withTeam = { teamPromptId: prompt.id, teams: [teamInput()] };
        expect((await store.recordCompletion(makeCompletion(prompt.id, a, withTeam))).joinedCount).toBe(1);
        expect(await store.recordCompletion(makeCompletion(prompt.id, b, withTeam))).toMatchObject({ counted: true, joinedCount: 2 });
        expect(await store.recordCompletion(makeCompletion(prompt.id, a, withTeam))).toMatchObject({ counted: false, pointAwarded: false, todayCount: 1, joinedCount: 2 });
      });

      it('refuses a completion that mixes tenants', async () => {
        const a = memberIdOf('UA');
        const foreignTeam = `slack:${OTHER_TENANT}:C01`;
        await expect(store.recordCompletion(makeCompletion(makePrompt(a).id, a, { teams: [teamInput(foreignTeam)] }))).rejects.toThrow();
        await expect(store.recordCompletion(makeCompletion(makePrompt(a).id, memberIdOf('UX', OTHER_TENANT)))).rejects.toThrow();
        expect((await store.getActivity(a)).totalCompletions).toBe(0);
      });

      it('counts prompts sent to the member and to each of the teams', async () => {
        const a = memberIdOf('UA');
        const ops = `slack:${TENANT}:C02OPS`;
        await store.recordPromptSent(a, [TEAM_ID, ops], 'slack', TENANT);
        await store.recordPromptSent(a, [TEAM_ID], 'slack', TENANT);
        expect((await store.getActivity(a)).promptsSent).toBe(2);
        expect(await store.getTeamTotals(TEAM_ID)).toEqual({ promptsSent: 2, completions: 0 });
        expect(await store.getTeamTotals(ops)).toEqual({ promptsSent: 1, completions: 0 });
      });

      it('an unknown member has empty activity and an unknown team empty records', async () => {
        expect(await store.getActivity(memberIdOf('NOBODY'))).toEqual({ days: {}, weekPoints: {}, totalPoints: 0, totalCompletions: 0, promptsSent: 0 });
        expect(await store.getTeamDays(`slack:${TENANT}:CNONE`)).toEqual({});
        expect(await store.getTeamTotals(`slack:${TENANT}:CNONE`)).toEqual({ promptsSent: 0, completions: 0 });
        expect(await store.teamWeekBoard(`slack:${TENANT}:CNONE`, WEEK)).toEqual([]);
      });
    });

    describe('teams', () => {
      it('stores teams and lists those of one tenant, by id', async () => {
        const design = makeTeam('C01DESIGN');
        const ops = makeTeam('C00OPS', { challengeTime: null, address: {} });
        const foreign = makeTeam('C01', { id: `slack:${OTHER_TENANT}:C01`, tenantId: OTHER_TENANT });
        for (const team of [design, ops, foreign]) await store.putTeam(team);
        expect(await store.getTeam(design.id)).toEqual(design);
        expect(await store.getTeam(`slack:${TENANT}:CNONE`)).toBeNull();
        expect(await store.listTeams('slack', TENANT)).toEqual([ops, design]);
        expect(await store.listTeams('teams', TENANT)).toEqual([]);
        await store.putTeam({ ...design, name: 'renamed' });
        expect((await store.listTeams('slack', TENANT)).map((t) => t.name)).toEqual(['c00ops', 'renamed']);
      });

      it('keeps a roster of distinct members', async () => {
        const [a, b] = [memberIdOf('UB'), memberIdOf('UA')];
        await store.addTeamMember(TEAM_ID, a);
        await store.addTeamMember(TEAM_ID, b);
        await store.addTeamMember(TEAM_ID, a);
        expect(await store.teamMemberIds(TEAM_ID)).toEqual([b, a]);
        expect(await store.countTeamMembers(TEAM_ID)).toBe(2);
        await store.removeTeamMember(TEAM_ID, a);
        expect(await store.teamMemberIds(TEAM_ID)).toEqual([b]);
        expect(await store.countTeamMembers(TEAM_ID)).toBe(1);
        expect(await store.teamMemberIds(`slack:${TENANT}:CNONE`)).toEqual([]);
        expect(await store.countTeamMembers(`slack:${TENANT}:CNONE`)).toBe(0);
      });

      it('adds many members to many rosters in one call, keeping each distinct, and refuses members of another tenant', async () => {
        const [a, b, c] = [memberIdOf('UA'), memberIdOf('UB'), memberIdOf('UC')];
        const ops = `slack:${TENANT}:C02OPS`;
        const far = `slack:${OTHER_TENANT}:C01`;
        const farMember = memberIdOf('UFAR', OTHER_TENANT);
        await store.addTeamMember(TEAM_ID, a);
        await store.addTeamMembers([{ teamId: TEAM_ID, memberIds: [b, a, c, b] }, { teamId: ops, memberIds: [c] }, { teamId: far, memberIds: [farMember] }, { teamId: ops, memberIds: [] }]);
        await store.addTeamMembers([]);
        expect(await store.teamMemberIds(TEAM_ID)).toEqual([a, b, c]);
        expect(await store.countTeamMembers(TEAM_ID)).toBe(3);
        expect(await store.teamMemberIds(ops)).toEqual([c]);
        expect(await store.teamMemberIds(far)).toEqual([farMember]);
        await expect(store.addTeamMembers([{ teamId: ops, memberIds: [b] }, { teamId: TEAM_ID, memberIds: [memberIdOf('UD'), farMember] }])).rejects.toThrow();
        expect(await store.countTeamMembers(TEAM_ID)).toBe(3);
        expect(await store.teamMemberIds(ops)).toEqual([c]);
      });

      it('only roster members count toward a team day; anyone else still adds to its totals (issue 11)', async () => {
        const [onRoster, passerBy] = [memberIdOf('UA'), memberIdOf('UB')];
        await store.addTeamMember(TEAM_ID, onRoster);
        const prompt = makeTeamPrompt();
        await store.putPrompt(prompt, HOUR);
        const withTeam = { teamPromptId: prompt.id, teams: [teamInput(TEAM_ID, 1)] };
        await store.recordCompletion(makeCompletion(prompt.id, passerBy, withTeam));
        expect((await store.getTeamDays(TEAM_ID))[DAY]).toEqual({ completers: 0, activeMembers: 1 });
        const joined = await store.recordCompletion(makeCompletion(prompt.id, onRoster, withTeam));
        expect(joined.joinedCount).toBe(2);
        expect((await store.getTeamDays(TEAM_ID))[DAY]).toEqual({ completers: 1, activeMembers: 1 });
        expect(await store.getTeamTotals(TEAM_ID)).toEqual({ promptsSent: 0, completions: 2 });
      });

      it('refuses a member from another tenant on a roster', async () => {
        await expect(store.addTeamMember(TEAM_ID, memberIdOf('UX', OTHER_TENANT))).rejects.toThrow();
      });
    });

    describe('forgetting a team', () => {
      it('leaves nothing about the team readable, and another team of the tenant untouched', async () => {
        const design = makeTeam('C01DESIGN');
        const ops = makeTeam('C02OPS');
        const alice = makeMember('UALICE', { active: true, teamIds: [design.id, ops.id] });
        const bob = makeMember('UBOB', { active: true, teamIds: [design.id] });
        for (const team of [design, ops]) await store.putTeam(team);
        for (const m of [alice, bob]) {
          await store.putMember(m);
          for (const teamId of m.teamIds) await store.addTeamMember(teamId, m.id);
        }
        const teamPrompt = makeTeamPrompt(design.id);
        await store.putPrompt(teamPrompt, HOUR);
        await store.recordPromptSent(alice.id, alice.teamIds, 'slack', TENANT);
        await store.recordCompletion(makeCompletion(teamPrompt.id, alice.id, { teamPromptId: teamPrompt.id, teams: [teamInput(design.id), teamInput(ops.id)] }));
        await store.recordCompletion(makeCompletion(makePrompt(bob.id).id, bob.id, { day: '2026-12-01', weekKey: '2026-W49', teams: [teamInput(design.id, 2, '2026-12-01', '2026-W49')] }));
        for (const team of [design, ops]) {
          await store.putBoardEntry(team.id, alice.id, { streak: 2, aliveUntil: T0 + DAY_MS, weekKey: WEEK });
          await store.setDue(jobId({ kind: 'team', teamId: team.id }), T0);
          await store.setDue(jobId({ kind: 'digest', teamId: team.id }), T0);
        }
        await store.claimDue(T0, 10, LEASE, 'worker-a');
        expect(Object.keys(await store.getTeamDays(design.id))).toEqual([DAY, '2026-12-01']);

        await store.forgetTeam(design.id);

        expect(await store.getTeam(design.id)).toBeNull();
        expect(await store.listTeams('slack', TENANT)).toEqual([ops]);
        expect(await store.teamMemberIds(design.id)).toEqual([]);
        expect(await store.countTeamMembers(design.id)).toBe(0);
        expect(await store.getTeamDays(design.id)).toEqual({});
        expect(await store.getTeamTotals(design.id)).toEqual({ promptsSent: 0, completions: 0 });
        expect(await store.teamWeekBoard(design.id, WEEK)).toEqual([]);
        expect(await store.teamWeekBoard(design.id, '2026-W49')).toEqual([]);
        const emptyBoard = { top: [], viewer: null, total: 0, rosterSize: 0 };
        expect(await store.readBoard(design.id, { weekKey: WEEK, now: T0, viewerId: alice.id, limit: null })).toEqual(emptyBoard);
        for (const kind of ['team', 'digest'] as const) {
          const job = jobId({ kind, teamId: design.id });
          expect(await store.getDue(job)).toBeNull();
          // A worker still holding the claim cannot bring the job back.
          expect(await commitOne(store, job, 'worker-a', T0 + DAY_MS)).toBe(false);
          expect(await store.getDue(job)).toBeNull();
        }
        // A member who joins again and completes is counted as the team day's first completer.
        await store.addTeamMember(design.id, alice.id);
        await store.recordCompletion(makeCompletion(makePrompt(alice.id).id, alice.id, { teams: [teamInput(design.id, 1)] }));
        expect(await store.getTeamDays(design.id)).toEqual({ [DAY]: { completers: 1, activeMembers: 1 } });

        expect(await store.getTeam(ops.id)).toEqual(ops);
        expect(await store.teamMemberIds(ops.id)).toEqual([alice.id]);
        expect(await store.getTeamDays(ops.id)).toEqual({ [DAY]: { completers: 1, activeMembers: 3 } });
        expect(await store.getTeamTotals(ops.id)).toEqual({ promptsSent: 1, completions: 1 });
        expect(await store.teamWeekBoard(ops.id, WEEK)).toEqual([{ memberId: alice.id, points: 1 }]);
        const opsBoard = await store.readBoard(ops.id, { weekKey: WEEK, now: T0, viewerId: null, limit: null });
        expect(opsBoard.top).toEqual([{ memberId: alice.id, streak: 2, weekPoints: 1, rank: 1 }]);
        expect(await store.getDue(jobId({ kind: 'team', teamId: ops.id }))).toBe(T0);
        expect(await store.getDue(jobId({ kind: 'digest', teamId: ops.id }))).toBe(T0);
        expect(await store.getMember(alice.id)).toEqual(alice);
      });

      it('forgetting an unknown team is a no-op', async () => {
        await expect(store.forgetTeam(`slack:${TENANT}:CNONE`)).resolves.toBeUndefined();
        await expect(store.forgetTeam('not-an-id')).resolves.toBeUndefined();
      });
    });

    describe('team boards', () => {
      const NEXT_WEEK = '2026-W49';
      const later = (ms: number) => T0 + ms;

      /** `count` point-earning completions by the member in TEAM_ID's week `week`. */
      async function givePoints(user: string, count: number, week = WEEK, day = DAY): Promise<void> {
        const id = memberIdOf(user);
        for (let i = 0; i < count; i += 1) {
          await store.recordCompletion(makeCompletion(makePrompt(id).id, id, { day, weekKey: week, teams: [teamInput(TEAM_ID, 3, day, week)] }));
        }
      }

      async function put(user: string, streak: number, aliveUntil: number | null = streak > 0 ? later(DAY_MS) : null, weekKey = WEEK) {
        await store.addTeamMember(TEAM_ID, memberIdOf(user));
        await store.putBoardEntry(TEAM_ID, memberIdOf(user), { streak, aliveUntil, weekKey });
      }

      function read(query: Partial<BoardQuery> = {}) {
        return store.readBoard(TEAM_ID, { weekKey: WEEK, now: T0, viewerId: null, limit: null, ...query });
      }

      const figures = (rows: BoardRow[]) => rows.map((row) => [row.memberId.split(':')[2], row.streak, row.weekPoints, row.rank]);

      it('lists members best first: streak, then the week\'s points from the team week board; ties by member id share a rank', async () => {
        await givePoints('UA', 3);
        await givePoints('UC', 2);
        await givePoints('UD', 2);
        await givePoints('UE', 5, NEXT_WEEK, '2026-12-01');
        for (const [user, streak] of [['UE', 0], ['UD', 1], ['UC', 1], ['UB', 4], ['UA', 1]] as const) await put(user, streak);
        const page = await read();
        expect(figures(page.top)).toEqual([
          ['UB', 4, 0, 1],
          ['UA', 1, 3, 2],
          ['UC', 1, 2, 3],
          ['UD', 1, 2, 3],
          ['UE', 0, 0, 5],
        ]);
        expect(page).toMatchObject({ total: 5, rosterSize: 5 });
      });

      it('a put reads the points as they are then, so the latest completion shows after the next put', async () => {
        await put('UA', 1);
        await givePoints('UA', 2);
        expect(figures((await read()).top)).toEqual([['UA', 1, 0, 1]]);
        await put('UA', 2);
        expect(figures((await read()).top)).toEqual([['UA', 2, 2, 1]]);
      });

      it('returns the top rows up to the limit and the viewer\'s own row with its rank wherever it is', async () => {
        for (let i = 0; i < 12; i += 1) await put(`U${String(i).padStart(2, '0')}`, 12 - i);
        await put('UTIE', 3);
        const page = await read({ limit: 3, viewerId: memberIdOf('U10') });
        expect(figures(page.top)).toEqual([
          ['U00', 12, 0, 1],
          ['U01', 11, 0, 2],
          ['U02', 10, 0, 3],
        ]);
        expect(page.viewer).toEqual({ memberId: memberIdOf('U10'), streak: 2, weekPoints: 0, rank: 12 });
        expect((await read({ limit: 0, viewerId: memberIdOf('UTIE') })).viewer?.rank).toBe(10);
        expect((await read({ limit: 0, viewerId: memberIdOf('U09') })).viewer?.rank).toBe(10);
        const onlyViewer = await read({ limit: 0, viewerId: memberIdOf('NOBODY') });
        expect(onlyViewer).toEqual({ top: [], viewer: null, total: 13, rosterSize: 13 });
      });

      it('a streak reads as 0 from its aliveUntil on, and the member keeps the points', async () => {
        await givePoints('UA', 2);
        await put('UA', 3, later(HOUR));
        await put('UB', 1, later(2 * HOUR));
        expect(figures((await read({ now: later(HOUR) - 1 })).top)).toEqual([
          ['UA', 3, 2, 1],
          ['UB', 1, 0, 2],
        ]);
        expect(figures((await read({ now: later(HOUR) })).top)).toEqual([
          ['UB', 1, 0, 1],
          ['UA', 0, 2, 2],
        ]);
        // A new completion puts the streak back with a new lapse instant.
        await put('UA', 1, later(5 * HOUR));
        expect(figures((await read({ now: later(3 * HOUR) })).top)).toEqual([
          ['UA', 1, 2, 1],
          ['UB', 0, 0, 2],
        ]);
      });

      it('a newer week starts the points over from that week\'s board, keeping streaks; an older week changes nothing', async () => {
        await givePoints('UA', 4);
        await givePoints('UB', 1);
        await givePoints('UB', 2, NEXT_WEEK, '2026-12-01');
        await put('UA', 2);
        await put('UB', 2);
        expect(figures((await read()).top)).toEqual([
          ['UA', 2, 4, 1],
          ['UB', 2, 1, 2],
        ]);
        const nextWeek = [
          ['UB', 2, 2, 1],
          ['UA', 2, 0, 2],
        ];
        expect(figures((await read({ weekKey: NEXT_WEEK })).top)).toEqual(nextWeek);
        expect(figures((await read({ weekKey: WEEK })).top)).toEqual(nextWeek);
      });

      it('a put in a newer week moves the whole board to it; a put still in an older week keeps the member\'s points', async () => {
        await givePoints('UA', 4);
        await givePoints('UB', 3);
        await put('UA', 1);
        await put('UB', 1);
        await givePoints('UA', 1, NEXT_WEEK, '2026-12-01');
        await put('UA', 2, later(DAY_MS), NEXT_WEEK);
        expect(figures((await read({ weekKey: NEXT_WEEK })).top)).toEqual([
          ['UA', 2, 1, 1],
          ['UB', 1, 0, 2],
        ]);
        await put('UA', 3, later(DAY_MS), WEEK);
        expect(figures((await read({ weekKey: NEXT_WEEK })).top)).toEqual([
          ['UA', 3, 1, 1],
          ['UB', 1, 0, 2],
        ]);
      });

      it('a member comes off the board when removed or forgotten; the roster size is reported beside it', async () => {
        const team = makeTeam('C01DESIGN');
        await store.putTeam(team);
        for (const user of ['UA', 'UB', 'UC']) {
          await store.putMember(makeMember(user, { active: true, teamIds: [team.id] }));
          await put(user, 1);
        }
        await store.removeBoardEntry(TEAM_ID, memberIdOf('UA'));
        expect(await read({ limit: 0 })).toEqual({ top: [], viewer: null, total: 2, rosterSize: 3 });
        await store.forgetMember(memberIdOf('UB'));
        expect(figures((await read()).top)).toEqual([['UC', 1, 0, 1]]);
        expect((await read()).rosterSize).toBe(2);
        // A lapse instant left behind by a removed member changes nothing later.
        expect(figures((await read({ now: later(2 * DAY_MS) })).top)).toEqual([['UC', 0, 0, 1]]);
      });

      it('an unknown team has an empty board, and a member of another tenant is refused', async () => {
        expect(await store.readBoard(`slack:${TENANT}:CNONE`, { weekKey: WEEK, now: T0, viewerId: memberIdOf('UA'), limit: 10 })).toEqual({
          top: [],
          viewer: null,
          total: 0,
          rosterSize: 0,
        });
        await expect(store.putBoardEntry(TEAM_ID, memberIdOf('UX', OTHER_TENANT), { streak: 1, aliveUntil: later(HOUR), weekKey: WEEK })).rejects.toThrow();
      });
    });

    describe('records', () => {
      it('stores opaque values by kind and id until deleted', async () => {
        const value = '{"token":"enc:abc=="}';
        await store.putRecord('installation', 'T01', value);
        await store.putRecord('conversation', 'T01', 'other');
        expect(await store.getRecord('installation', 'T01')).toBe(value);
        expect(await store.getRecord('installation', 'T02')).toBeNull();
        await store.putRecord('installation', 'T01', 'replaced');
        expect(await store.getRecord('installation', 'T01')).toBe('replaced');
        await store.deleteRecord('installation', 'T01');
        expect(await store.getRecord('installation', 'T01')).toBeNull();
        expect(await store.getRecord('conversation', 'T01')).toBe('other');
      });

      it('only the first of several callers puts a record if absent, and it can be put again once gone', async () => {
        const results = await Promise.all(['a', 'b', 'c'].map((value) => store.putRecordIfAbsent('welcomed', 'T01:U01', value, 40)));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(['a', 'b', 'c']).toContain(await store.getRecord('welcomed', 'T01:U01'));
        expect(await store.putRecordIfAbsent('welcomed', 'T01:U02', 'x', HOUR)).toBe(true);
        await sleep(80);
        expect(await store.getRecord('welcomed', 'T01:U01')).toBeNull();
        expect(await store.putRecordIfAbsent('welcomed', 'T01:U01', 'again', HOUR)).toBe(true);
        expect(await store.putRecordIfAbsent('welcomed', 'T01:U02', 'y', HOUR)).toBe(false);
        expect(await store.getRecord('welcomed', 'T01:U02')).toBe('x');
      });

      it('a record with a lifetime is gone after it', async () => {
        await store.putRecord('oauth-state', 's1', 'x', 40);
        await store.putRecord('oauth-state', 's2', 'y', HOUR);
        expect(await store.getRecord('oauth-state', 's1')).toBe('x');
        await sleep(80);
        expect(await store.getRecord('oauth-state', 's1')).toBeNull();
        expect(await store.getRecord('oauth-state', 's2')).toBe('y');
      });
    });

    describe('read-modify-write (updateMember, updateTeam, updateRecord)', () => {
      it('updateMember applies the change to the stored member and returns it; null stores nothing; absent reads as null', async () => {
        const alice = makeMember('UALICE', { active: true });
        expect(await store.updateMember(alice.id, (member) => member ?? alice)).toEqual(alice);
        const changed = await store.updateMember(alice.id, (member) => member && { ...member, hasBand: true });
        expect(changed).toEqual({ ...alice, hasBand: true });
        expect(await store.getMember(alice.id)).toEqual({ ...alice, hasBand: true });
        expect(await store.updateMember(alice.id, () => null)).toEqual({ ...alice, hasBand: true });
        expect(await store.updateMember(memberIdOf('UNOBODY'), () => null)).toBeNull();
        expect(await store.getMember(memberIdOf('UNOBODY'))).toBeNull();
      });

      it('a write landing between the read and the write is not lost: the change runs again on the newer member', async () => {
        const alice = makeMember('UALICE', { active: true });
        await store.putMember(alice);
        const seen: string[] = [];
        const result = await store.updateMember(alice.id, (member) => {
          if (!member) return null;
          seen.push(member.displayName);
          // Another writer (a settings command on another instance) lands while this change is being made.
          if (seen.length === 1) void store.putMember({ ...member, displayName: 'Renamed meanwhile' });
          return { ...member, schedule: { ...member.schedule, intervalMinutes: 15 } };
        });
        expect(seen).toEqual([alice.displayName, 'Renamed meanwhile']);
        const both = { ...alice, displayName: 'Renamed meanwhile', schedule: { ...alice.schedule, intervalMinutes: 15 } };
        expect(result).toEqual(both);
        expect(await store.getMember(alice.id)).toEqual(both);
      });

      it('many changes of one member at once: every one is kept', async () => {
        const alice = makeMember('UALICE');
        await store.putMember(alice);
        const teams = Array.from({ length: 8 }, (_, i) => `slack:${TENANT}:C0${i}`);
        await Promise.all(teams.map((teamId) => store.updateMember(alice.id, (member) => member && { ...member, teamIds: [...member.teamIds, teamId] })));
        expect(((await store.getMember(alice.id)) as Member).teamIds.sort()).toEqual(teams);
      });

      it('a record that keeps changing under the update ends in a "try again" conflict that writes nothing', async () => {
        const alice = makeMember('UALICE');
        await store.putMember(alice);
        let round = 0;
        const update = store.updateMember(alice.id, (member) => {
          round += 1;
          if (member) void store.putMember({ ...member, displayName: `writer ${round}` });
          return member && { ...member, hasBand: true };
        });
        await expect(update).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/try again/i) });
        const stored = (await store.getMember(alice.id)) as Member;
        expect(stored.hasBand).toBe(false);
        expect(stored.displayName).toBe(`writer ${round}`);
      });

      it('a change that throws writes nothing and the error reaches the caller', async () => {
        const alice = makeMember('UALICE');
        await store.putMember(alice);
        await expect(store.updateMember(alice.id, () => { throw new Error('refused'); })).rejects.toThrow('refused');
        await expect(store.updateMember(alice.id, (member) => member && { ...member, id: memberIdOf('UBOB') })).rejects.toThrow();
        expect(await store.getMember(alice.id)).toEqual(alice);
        expect(await store.getMember(memberIdOf('UBOB'))).toBeNull();
      });

      it('a prompt send recorded with a member read before a settings change keeps that change', async () => {
        const alice = makeMember('UALICE', { active: true, recentChallengeIds: ['chair-bridge'] });
        await store.putMember(alice);
        const read = (await store.getMember(alice.id)) as Member;
        const changed = await store.updateMember(alice.id, (member) => member && { ...member, hasBand: true, schedule: { ...member.schedule, intervalMinutes: 15 } });
        const send = { prompt: makePrompt(alice.id), promptTtlMs: HOUR, member: read, recentChallengeIds: ['glute-squeeze', 'chair-bridge'], markerTtlMs: HOUR };
        expect(await store.recordPromptSends([send])).toEqual([true]);
        expect(await store.getMember(alice.id)).toEqual({ ...changed, recentChallengeIds: ['glute-squeeze', 'chair-bridge'] });
      });

      it('updateTeam creates a team only while absent (it then joins listTeams) and keeps a change landing meanwhile', async () => {
        const design = makeTeam('C01DESIGN');
        expect(await store.updateTeam(design.id, (team) => team ?? design)).toEqual(design);
        expect(await store.updateTeam(design.id, (team) => (team ? null : { ...design, name: 'Second create' }))).toEqual(design);
        expect((await store.listTeams('slack', TENANT)).map((team) => team.id)).toEqual([design.id]);
        // Another change of the team (a rename) starts while this one is being made: whichever lands first, both stay.
        let rename: Promise<unknown> = Promise.resolve();
        await store.updateTeam(design.id, (team) => {
          if (team && team.name !== 'Renamed meanwhile') rename = store.updateTeam(design.id, (t) => t && { ...t, name: 'Renamed meanwhile' });
          return team && { ...team, challengeTime: '11:30' };
        });
        await rename;
        expect(await store.getTeam(design.id)).toEqual({ ...design, name: 'Renamed meanwhile', challengeTime: '11:30' });
      });

      it('updateRecord changes a record by its value, keeps a write landing meanwhile, and keeps its lifetime', async () => {
        expect(await store.updateRecord('installation', 'T01', (value) => value ?? 'v1')).toBe('v1');
        let calls = 0;
        const result = await store.updateRecord('installation', 'T01', (value) => {
          calls += 1;
          if (calls === 1) void store.putRecord('installation', 'T01', `${value}+other`);
          return `${value}+mine`;
        });
        expect(result).toBe('v1+other+mine');
        expect(await store.getRecord('installation', 'T01')).toBe('v1+other+mine');
        expect(await store.updateRecord('installation', 'T02', () => null)).toBeNull();
        await store.putRecord('oauth-state', 's1', 'x', 60);
        expect(await store.updateRecord('oauth-state', 's1', (value) => `${value}y`)).toBe('xy');
        await sleep(120);
        expect(await store.getRecord('oauth-state', 's1')).toBeNull();
      });
    });

    describe('send limiter', () => {
      it('lets a second’s worth of sends go at once, then spaces the rest', async () => {
        const waits = [];
        for (let i = 0; i < 7; i += 1) waits.push(await store.reserveSend('slack:T01', 5, T0));
        expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
        expect(waits[5]).toBeGreaterThanOrEqual(200);
        expect(waits[5]).toBeLessThanOrEqual(201);
        expect(waits[6]).toBeGreaterThanOrEqual(400);
        expect(waits[6]).toBeLessThanOrEqual(401);
      });

      it('keys are independent and the bucket refills with time', async () => {
        for (let i = 0; i < 5; i += 1) await store.reserveSend('slack:T01', 5, T0);
        expect(await store.reserveSend('slack:T02', 5, T0)).toBe(0);
        expect(await store.reserveSend('slack:T01', 5, T0 + 2000)).toBe(0);
      });

      it('a hold (Retry-After) makes every later reservation wait until it ends, then spacing resumes', async () => {
        expect(await store.reserveSend('slack:T03', 5, T0)).toBe(0);
        await store.holdSends('slack:T03', 5, T0, T0 + 3000);
        expect(await store.reserveSend('slack:T03', 5, T0 + 100)).toBe(2900);
        expect(await store.reserveSend('slack:T03', 5, T0 + 100)).toBe(3100);
        expect(await store.reserveSend('slack:T04', 5, T0 + 100)).toBe(0);
        // A hold that ends before the slots already reserved changes nothing.
        await store.holdSends('slack:T03', 5, T0 + 100, T0 + 1000);
        expect(await store.reserveSend('slack:T03', 5, T0 + 100)).toBe(3300);
      });

      it('one send a second makes the second caller wait a second', async () => {
        expect(await store.reserveSend('channel:C01', 1, T0)).toBe(0);
        expect(await store.reserveSend('channel:C01', 1, T0)).toBe(1000);
        expect(await store.reserveSend('channel:C01', 1, T0 + 500)).toBe(1500);
      });
    });
  });
}
