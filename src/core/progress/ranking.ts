// Pure: the teams board's ranking and ordinals (never markup). Ties share a rank, competition style: 1, 1, 3.
// Member boards are ranked by the store's readBoard, to the rule in board-entry.ts (rankBoard).
import type { TeamBoardRow } from '../views.ts';

export interface TeamBoardEntry {
  teamId: string;
  teamName: string;
  streak: number;
  promptsSent: number;
  completions: number;
}

/** Code-point order, case folded first: the same result on every server whatever its locale. */
function compareNames(a: string, b: string): number {
  const foldedA = a.toLowerCase();
  const foldedB = b.toLowerCase();
  if (foldedA !== foldedB) return foldedA < foldedB ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Rank numbers for rows already in board order: a row tied with the one above shares its rank. */
function competitionRanks<T>(sorted: readonly T[], tied: (a: T, b: T) => boolean): number[] {
  const ranks: number[] = [];
  sorted.forEach((row, index) => {
    const above = sorted[index - 1];
    const aboveRank = ranks[index - 1];
    ranks.push(above !== undefined && aboveRank !== undefined && tied(above, row) ? aboveRank : index + 1);
  });
  return ranks;
}

/** Completions per prompt sent, 0..1; 0 when nothing was sent (team prompts can add completions beyond sends). */
export function participationRate(completions: number, promptsSent: number): number {
  if (promptsSent <= 0) return 0;
  return Math.min(1, Math.max(0, completions / promptsSent));
}

/** Teams by team streak, then participation rate (so size does not count), then name; equal both share a rank. */
export function rankTeams(entries: readonly TeamBoardEntry[], viewerTeamId: string | null): TeamBoardRow[] {
  const rows = entries.map((entry) => ({ entry, participation: participationRate(entry.completions, entry.promptsSent) }));
  rows.sort(
    (a, b) =>
      b.entry.streak - a.entry.streak ||
      b.participation - a.participation ||
      compareNames(a.entry.teamName, b.entry.teamName) ||
      compareNames(a.entry.teamId, b.entry.teamId),
  );
  const ranks = competitionRanks(rows, (a, b) => a.entry.streak === b.entry.streak && a.participation === b.participation);
  return rows.map(({ entry, participation }, index) => ({
    rank: ranks[index] ?? index + 1,
    teamId: entry.teamId,
    teamName: entry.teamName,
    streak: entry.streak,
    participation,
    isViewersTeam: entry.teamId === viewerTeamId,
  }));
}

/** English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st. */
export function ordinal(n: number): string {
  const lastTwo = Math.abs(n) % 100;
  const last = Math.abs(n) % 10;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  if (last === 1) return `${n}st`;
  if (last === 2) return `${n}nd`;
  if (last === 3) return `${n}rd`;
  return `${n}th`;
}
