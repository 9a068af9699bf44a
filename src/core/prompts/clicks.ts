// Done / Snooze / Skip on a prompt. A prompt belongs to its recipient; Done counts once; late clicks say expired.
import type { CoreContext } from '../context.ts';
import { DAILY_POINT_CAP, ON_DEMAND_POINT_CAP, SNOOZE_MINUTES } from '../context.ts';
import { isoWeekKey, localDay } from '../schedule/calendar.ts';
import { challengeById } from '../content/pick.ts';
import type { ClickOutcome, ClickResultView, StatsView } from '../views.ts';
import type { Member, Prompt, Team } from '../model.ts';
import type { TeamCompletionInput } from '../ports/index.ts';
import { teamRankOf } from '../boards/views.ts';
import { putStanding, standingOf } from '../boards/upkeep.ts';
import type { MemberStanding } from '../progress/standings.ts';
import { ordinal } from '../progress/ranking.ts';
import { joinTeam } from '../people/teams.ts';
import { activeMembersOf, teamFactsOf } from '../people/team-facts.ts';
import { changeMember, reschedule } from '../people/members.ts';
import { ValidationError } from '../errors.ts';
import { swap } from './swap.ts';
import { result } from './click-result.ts';
import type { BoardStore, DueIndex, MemberStore, PromptStore, TeamStore } from '../ports/index.ts';

/** The store roles these use cases touch, their own and those of the use cases they call. */
type Ctx = CoreContext<MemberStore & DueIndex & PromptStore & TeamStore & BoardStore>;

export type ClickAction = { kind: 'done' } | { kind: 'snooze'; minutes: number } | { kind: 'skip' } | { kind: 'swap' };

/** The prompt and the clicker as a caller already read them (with its own first reads, in the same round trip). */
export interface ClickReads {
  prompt: Prompt | null;
  actor: Member | null;
}

export async function click(ctx: Ctx, promptId: string, actorId: string, action: ClickAction, read?: ClickReads): Promise<ClickResultView> {
  // Both reads go out together: a click waits for one round trip, not two.
  const { prompt, actor } = read ?? (await readClick(ctx, promptId, actorId));
  if (!prompt) return result('not-found', promptId);
  const title = challengeById(prompt.challengeId)?.title ?? null;
  if (prompt.kind === 'personal' && prompt.memberId !== actorId) return result('not-yours', promptId, { challengeTitle: title });
  if (ctx.clock.now() >= prompt.expiresAt) return result('expired', promptId, { challengeTitle: title });
  if (!actor) return result('not-yours', promptId, { challengeTitle: title });
  switch (action.kind) {
    case 'done':
      return done(ctx, prompt, actor, title);
    case 'snooze':
      return snooze(ctx, prompt, actor, action.minutes, title);
    case 'skip':
      return skip(ctx, prompt, title);
    case 'swap':
      return swap(ctx, prompt, actor, title);
  }
}

export async function readClick(ctx: CoreContext<MemberStore & PromptStore>, promptId: string, actorId: string): Promise<ClickReads> {
  const [prompt, actor] = await Promise.all([ctx.store.getPrompt(promptId), ctx.store.getMember(actorId)]);
  return { prompt, actor };
}

async function done(ctx: Ctx, prompt: Prompt, actor: Member, title: string | null): Promise<ClickResultView> {
  const now = ctx.clock.now();
  let member = actor;
  // A team prompt puts whoever joins in on the team's board.
  if (prompt.kind === 'team' && prompt.teamId && !member.teamIds.includes(prompt.teamId)) {
    member = await joinTeam(ctx, member.id, prompt.teamId);
  }
  const teams = member.teamIds.length > 0 ? await completionTeams(ctx, member.id, member.teamIds, now) : [];
  // One script: the completion, everything it moves, the prompt closed, and the activity the answer needs.
  const completion = await ctx.store.recordCompletion({
    promptId: prompt.id,
    memberId: member.id,
    platform: member.platform,
    tenantId: member.tenantId,
    day: localDay(now, member.schedule.timezone),
    weekKey: isoWeekKey(now, member.schedule.timezone),
    dailyCap: DAILY_POINT_CAP,
    ...(prompt.onDemand === true ? { onDemandCap: ON_DEMAND_POINT_CAP } : {}),
    teamPromptId: prompt.kind === 'team' ? prompt.id : null,
    teams: teams.map((team) => team.input),
    now,
    closePrompt: prompt.kind === 'personal',
  });
  const standing = standingOf(member, completion.activity, now);
  if (completion.counted) {
    ctx.metrics.completion(member.platform);
    ctx.logger.info({ memberId: member.id, promptId: prompt.id }, 'break completed');
  }
  // Boards hold the roster (active members only); the team week key of each completion is its board's week.
  const ranks = await putStandingAndRank(ctx, member, standing, teams, completion.counted && member.active);
  const first = ranks[0];
  return result(completion.counted ? 'done' : 'already-done', prompt.id, {
    challengeTitle: title,
    todayCount: completion.todayCount,
    streak: standing.streak,
    pointAwarded: completion.pointAwarded,
    teamRank: first ? `${ordinal(first.rank)} of ${first.of} in ${first.teamName}` : null,
    joinedCount: prompt.kind === 'team' ? completion.joinedCount : null,
  });
}

/** The member's teams as a completion counts them: each team's own day and week, and who counts that day (team-facts.ts). */
async function completionTeams(ctx: Ctx, memberId: string, teamIds: string[], now: number): Promise<Array<{ team: Team; input: TeamCompletionInput }>> {
  const found = await Promise.all(
    teamIds.map(async (teamId) => {
      const facts = await teamFactsOf(ctx, teamId, now);
      if (!facts) return null;
      const team = facts.team;
      return { team, input: { teamId, day: facts.day, weekKey: isoWeekKey(now, team.timezone), activeMembers: activeMembersOf(facts, memberId) } };
    }),
  );
  return found.filter((entry) => entry !== null);
}

/** Per team: the member's board entry written (when `onBoard`), then their rank read; all teams together, one round trip. */
async function putStandingAndRank(ctx: Ctx, member: Member, standing: MemberStanding, teams: Array<{ team: Team; input: TeamCompletionInput }>, onBoard: boolean): Promise<StatsView['teams']> {
  const ranks = await Promise.all(
    teams.map(async ({ team, input }) => {
      // Issued in this order on one connection (the team's keys share a slot), the read sees the entry just written.
      const [, rank] = await Promise.all([onBoard ? putStanding(ctx, member.id, standing, [input]) : null, teamRankOf(ctx, team, member.id)]);
      return rank;
    }),
  );
  return ranks.filter((rank) => rank !== null);
}

async function snooze(ctx: Ctx, prompt: Prompt, member: Member, minutes: number, title: string | null): Promise<ClickResultView> {
  if (!(SNOOZE_MINUTES as readonly number[]).includes(minutes)) {
    throw new ValidationError(`Snooze for ${SNOOZE_MINUTES.join(', ')} minutes.`);
  }
  if (prompt.kind === 'team') return result('already-closed', prompt.id, { challengeTitle: title, message: 'Team challenges cannot be snoozed: join in any time today.' });
  if (prompt.status === 'done' || prompt.status === 'skipped') return closed(prompt.id, prompt.status, title);
  const status = await ctx.store.setPromptStatus(prompt.id, 'snoozed');
  if (status !== 'snoozed') return closed(prompt.id, status, title);
  const until = ctx.clock.now() + minutes * 60_000;
  // The member's own snooze: it comes back at its time, with no look at their status. Field-level on the member as
  // stored, so a settings change made meanwhile is kept.
  const snoozed = await changeMember(ctx, member.id, (stored) => {
    const { heldFor: _held, ...asked } = stored;
    return { ...asked, snoozedPromptId: prompt.id, snoozeUntil: until };
  });
  if (snoozed.active) await reschedule(ctx, snoozed);
  else await ctx.store.setDue(member.id, until);
  return result('snoozed', prompt.id, { challengeTitle: title, snoozedUntil: until, message: `Snoozed for ${minutes} minutes.` });
}

async function skip(ctx: Ctx, prompt: Prompt, title: string | null): Promise<ClickResultView> {
  if (prompt.kind === 'team') return result('skipped', prompt.id, { challengeTitle: title, message: 'No problem, maybe next time.' });
  if (prompt.status === 'done' || prompt.status === 'skipped') return closed(prompt.id, prompt.status, title);
  const status = await ctx.store.setPromptStatus(prompt.id, 'skipped');
  if (status !== 'skipped') return closed(prompt.id, status, title);
  return result('skipped', prompt.id, { challengeTitle: title });
}

function closed(promptId: string, status: string | null, title: string | null): ClickResultView {
  return result(status === 'done' ? 'already-done' : 'already-closed', promptId, { challengeTitle: title });
}
