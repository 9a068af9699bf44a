// What a Done click needs to know of each of the member's teams (the team record, its roster size, who of the roster
// is away today), kept per service for TEAM_FACTS_MS so a busy team's clicks do not each read the whole roster. This
// instance forgets a team's facts the moment it changes the team, its roster or one of its members; a change made by
// another instance is seen within TEAM_FACTS_MS (docs/benchmarks.md, issue 15).
import type { CoreContext } from '../context.ts';
import type { Team } from '../model.ts';
import type { MemberStore, TeamStore } from '../ports/index.ts';
import { awayToday } from '../progress/member-days.ts';
import { localDay } from '../schedule/calendar.ts';

type Ctx = CoreContext<MemberStore & TeamStore>;

export const TEAM_FACTS_MS = 30_000;
/** Rosters up to this size are read member by member for the away check; a larger one counts whole (bounded cost). */
export const AWAY_CHECK_MAX_ROSTER = 500;
/** Teams remembered at most; past this the memory starts again (bounded, no per-entry bookkeeping). */
const MAX_TEAMS = 10_000;

export interface TeamFacts {
  team: Team;
  rosterSize: number;
  /** Roster members away on `day` (the team's local day), as progress/member-days.ts awayToday says. */
  awayIds: ReadonlySet<string>;
  day: string;
}

export class TeamFactsCache {
  private readonly facts = new Map<string, { facts: TeamFacts; until: number }>();

  /** The team's facts now; null when the team does not exist. */
  async get(ctx: Ctx, teamId: string, now: number): Promise<TeamFacts | null> {
    const known = this.facts.get(teamId);
    if (known && known.until > now && known.facts.day === localDay(now, known.facts.team.timezone)) return known.facts;
    const facts = await readTeamFacts(ctx, teamId, now);
    if (this.facts.size >= MAX_TEAMS) this.facts.clear();
    if (facts) this.facts.set(teamId, { facts, until: now + TEAM_FACTS_MS });
    return facts;
  }

  /** After a change to the team, its roster, or a member of it. */
  forget(teamIds: Iterable<string>): void {
    for (const teamId of teamIds) this.facts.delete(teamId);
  }
}

/** The team's facts now, from the service's short-lived memory when it has one (a context built without reads each time). */
export function teamFactsOf(ctx: Ctx, teamId: string, now: number): Promise<TeamFacts | null> {
  return ctx.teamFacts ? ctx.teamFacts.get(ctx, teamId, now) : readTeamFacts(ctx, teamId, now);
}

async function readTeamFacts(ctx: Ctx, teamId: string, now: number): Promise<TeamFacts | null> {
  const [team, rosterSize] = await Promise.all([ctx.store.getTeam(teamId), ctx.store.countTeamMembers(teamId)]);
  if (!team) return null;
  const day = localDay(now, team.timezone);
  if (rosterSize === 0 || rosterSize > AWAY_CHECK_MAX_ROSTER) return { team, rosterSize, awayIds: new Set(), day };
  const members = await ctx.store.getMembers(await ctx.store.teamMemberIds(teamId));
  const awayIds = new Set(members.flatMap((member) => (member !== null && awayToday(member, now) ? [member.id] : [])));
  return { team, rosterSize, awayIds, day };
}

/** The team day's denominator: roster size less roster members away today; whoever is completing is there. */
export function activeMembersOf(facts: TeamFacts, presentId: string): number {
  return facts.rosterSize - facts.awayIds.size + (facts.awayIds.has(presentId) ? 1 : 0);
}
