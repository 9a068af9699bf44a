// Block Kit for the read models: a team's leaderboard with its place among the workspace's teams, stats, the weekly digest.
import { arrivalText, formatDays, ordinal, type DigestView, type LeaderboardView, type MemberBoardRow, type StatsView, type TeamBoardRow, type WorkspaceBoardView, describeAvoid } from '../../../core/index.ts';
import { DateTime } from 'luxon';
import { context, divider, header, message, section, sectionsOfLines, type Block, type SlackMessage } from './kit.ts';
import { escapeMrkdwn } from './limits.ts';

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

function memberLine(row: MemberBoardRow): string {
  const name = escapeMrkdwn(row.displayName);
  return `${row.rank}. ${row.isViewer ? `*${name}* (you)` : name}: streak ${row.streak}, ${row.weekPoints} pt${row.weekPoints === 1 ? '' : 's'} this week`;
}

function teamLine(row: TeamBoardRow): string {
  const name = escapeMrkdwn(row.teamName);
  return `${row.rank}. ${row.isViewersTeam ? `*${name}*` : name}: team streak ${row.streak}, participation ${percent(row.participation)}`;
}

export function renderLeaderboard(view: LeaderboardView | null, workspace: WorkspaceBoardView, fallbackText: string): SlackMessage {
  const blocks: Block[] = [];
  if (view === null) {
    blocks.push(section(escapeMrkdwn(fallbackText)));
  } else {
    blocks.push(header(`Leaderboard: ${view.teamName}`));
    blocks.push(context(`Members by streak, then this week's points (${view.weekKey}).`));
    blocks.push(...(view.rows.length === 0 ? [section('Nobody on this team has started breaks yet.')] : sectionsOfLines(view.rows.map(memberLine))));
    if (view.teamRank !== null) {
      blocks.push(section(`*${escapeMrkdwn(view.teamName)}* is ${ordinal(view.teamRank.rank)} of ${view.teamCount} team${view.teamCount === 1 ? '' : 's'} in this workspace.`));
    }
  }
  if (workspace.rows.length > 0) {
    blocks.push(divider(), section('*Teams in this workspace* (by team streak, then participation)'), ...sectionsOfLines(workspace.rows.map(teamLine)));
  }
  const top = view?.rows.slice(0, 3).map((row) => `${row.rank}. ${row.displayName}`).join(', ');
  return message(view === null ? fallbackText : `Leaderboard for ${view.teamName}${top ? `: ${top}` : ''}`, blocks);
}

export function nextBreakLabel(at: number | null, timezone: string): string {
  if (at === null) return 'none scheduled';
  return DateTime.fromMillis(at, { zone: timezone }).toFormat("cccc d LLL 'at' HH:mm");
}

function statusLine(view: StatsView): string {
  if (!view.active) return 'Breaks are off.';
  if (view.pausedUntil !== null) return `Paused until ${nextBreakLabel(view.pausedUntil, view.schedule.timezone)}.`;
  return 'Breaks are on.';
}

export function statsLines(view: StatsView): string[] {
  const s = view.schedule;
  return [
    `*Streak:* ${view.streak} workday${view.streak === 1 ? '' : 's'}`,
    `*Today:* ${view.todayCount} · *This week:* ${view.weekPoints} point${view.weekPoints === 1 ? '' : 's'} · *All time:* ${view.totalPoints} points from ${view.totalCompletions} breaks`,
    `*Next break:* ${nextBreakLabel(view.nextPromptAt, s.timezone)} · your breaks arrive ${arrivalText(view.arrivesAfterSlotMs)}`,
    `*Schedule:* ${formatDays(s.workdays)}, ${s.start}-${s.end}, every ${s.intervalMinutes} min, ${s.timezone}${view.hasBand ? ', with a band' : ''}`,
    `*Avoiding:* ${view.avoidTags.length > 0 ? describeAvoid(view.avoidTags) : 'nothing (all challenges)'}`,
    `*In meetings:* ${view.meetings === 'hold' ? 'breaks wait until you are free' : 'breaks come anyway'} · *Public holidays:* ${view.holidays ?? 'none set'}`,
    `*Status:* ${statusLine(view)}`,
  ];
}

export function teamRankLines(view: StatsView): string[] {
  return view.teams.map((t) => `${escapeMrkdwn(t.teamName)}: ${ordinal(t.rank)} of ${t.of}`);
}

export function renderStats(view: StatsView): SlackMessage {
  const ranks = teamRankLines(view);
  const blocks: Block[] = [header('Your desk breaks'), ...sectionsOfLines(statsLines(view))];
  if (ranks.length > 0) blocks.push(section('*Team ranks*'), ...sectionsOfLines(ranks));
  return message(`Streak ${view.streak}, ${view.weekPoints} points this week, next break ${nextBreakLabel(view.nextPromptAt, view.schedule.timezone)}.`, blocks);
}

export function renderDigest(view: DigestView): SlackMessage {
  const lines = view.top.map(memberLine);
  return message(`Weekly digest for ${view.teamName}: team streak ${view.streak}, participation ${percent(view.participation)}.`, [
    header(`Week ${view.weekKey} for ${view.teamName}`),
    section(`Team streak: *${view.streak}* workday${view.streak === 1 ? '' : 's'} · participation ${percent(view.participation)}`),
    ...(lines.length > 0 ? [section('*Top of the board*'), ...sectionsOfLines(lines)] : [section('No breaks were completed this week. A fresh week starts today.')]),
  ]);
}

/** A plain reply (confirmation, error, help) with the same words as blocks and as fallback text. */
export function renderText(text: string): SlackMessage {
  return message(text, sectionsOfLines(escapeMrkdwn(text).split('\n')));
}
