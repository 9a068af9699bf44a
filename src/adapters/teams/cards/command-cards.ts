// Cards for command replies: welcome, help, stats, leaderboards and the weekly digest.
import { DateTime } from 'luxon';
import { arrivalText, formatDays, ordinal, describeAvoid } from '../../../core/index.ts';
import type { DigestView, LeaderboardView, MemberBoardRow, StatsView, TeamBoardRow, WorkspaceBoardView } from '../../../core/index.ts';
import { card, facts, heading, plain, text, type AdaptiveCard, type CardAction, type CardElement } from './card-kit.ts';

/** A button that runs a command word, as if the person had typed it. */
export function commandAction(title: string, command: string): CardAction {
  return { type: 'Action.Submit', title, data: { verb: 'command', command } };
}

export function welcomeCard(): AdaptiveCard {
  return card(
    [
      heading('Desk breaks'),
      text('Short glute and hip exercises for people who sit all day, at sensible times in your own working day.'),
      text('Once you start, a break comes every hour from 09:00 to 17:00 on weekdays in your time zone. Click Done, Snooze or Skip on each one; done breaks build your streak.'),
      text('Change the hours, days or interval any time with "settings". Nothing is sent until you start.', { subtle: true }),
    ],
    [commandAction('Start breaks', 'start'), commandAction('Settings', 'settings'), commandAction('Help', 'help')],
  );
}

export function teamWelcomeCard(): AdaptiveCard {
  return card([
    heading('Desk breaks for this team'),
    text('Mention me with a word: "join" puts you on this team\'s board, "team-time 11:30" posts a daily team challenge here, "leaderboard" shows the board.'),
    text('Personal breaks come in a chat with me: open the app for yourself and say "start".', { subtle: true }),
  ]);
}

export function helpCard(helpText: string, unknown: string | null): AdaptiveCard {
  const lines = helpText.split('\n').filter((line) => line.trim() !== '');
  const [intro = '', ...rest] = lines;
  return card(
    [
      ...(unknown ? [text(`I did not understand "${plain(unknown)}". Here is what I know:`, { color: 'attention' })] : []),
      heading('Desk breaks: what you can say'),
      text(intro),
      ...rest.map((line) => text(line, { spacing: 'none' })),
      text('In a team channel, mention me first, e.g. "@Desk breaks join".', { subtle: true }),
    ],
    [commandAction('Start breaks', 'start'), commandAction('Settings', 'settings'), commandAction('My stats', 'stats')],
  );
}

function when(at: number, timezone: string): string {
  return DateTime.fromMillis(at, { zone: timezone }).toFormat("ccc d LLL 'at' HH:mm");
}

function breaksState(view: StatsView): string {
  if (!view.active) return 'off';
  if (view.pausedUntil !== null) return `paused until ${when(view.pausedUntil, view.schedule.timezone)}`;
  return 'on';
}

export function statsCard(view: StatsView): AdaptiveCard {
  const s = view.schedule;
  const rows: Array<readonly [string, string]> = [
    ['Breaks', breaksState(view)],
    ['Schedule', `${formatDays(s.workdays)}, ${s.start}-${s.end}, every ${s.intervalMinutes} min`],
    ['Time zone', s.timezone],
    ['Resistance band', view.hasBand ? 'yes' : 'no'],
    ['Avoiding', describeAvoid(view.avoidTags)],
    ['Streak', `${view.streak} workday${view.streak === 1 ? '' : 's'}`],
    ['Today', String(view.todayCount)],
    ['This week', `${view.weekPoints} point${view.weekPoints === 1 ? '' : 's'}`],
    ['All time', `${view.totalPoints} points, ${view.totalCompletions} of ${view.promptsSent} breaks done`],
    ['Next break', view.nextPromptAt === null ? 'none planned' : when(view.nextPromptAt, s.timezone)],
    ['Breaks arrive', arrivalText(view.arrivesAfterSlotMs)],
    ...view.teams.map((team) => [plain(team.teamName), `${ordinal(team.rank)} of ${team.of}`] as const),
  ];
  return card([heading(`Stats for ${plain(view.displayName)}`), facts(rows)]);
}

function memberRows(rows: readonly MemberBoardRow[]): CardElement {
  return facts(
    rows.map((row) => [
      `${row.rank}. ${plain(row.displayName)}${row.isViewer ? ' (you)' : ''}`,
      `streak ${row.streak} · ${row.weekPoints} pt${row.weekPoints === 1 ? '' : 's'} this week`,
    ]),
  );
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

function teamRows(rows: readonly TeamBoardRow[]): CardElement {
  return facts(
    rows.map((row) => [
      `${row.rank}. ${plain(row.teamName)}${row.isViewersTeam ? ' (yours)' : ''}`,
      `team streak ${row.streak} · ${percent(row.participation)} of breaks done`,
    ]),
  );
}

const TEAMS_SHOWN = 10;

export function leaderboardCard(view: LeaderboardView | null, workspace: WorkspaceBoardView, fallbackText: string): AdaptiveCard {
  const body: CardElement[] = [];
  if (view) {
    body.push(heading(`Leaderboard: ${plain(view.teamName)}`), text(`Week ${view.weekKey}: by streak, then this week's points.`, { subtle: true, spacing: 'none' }));
    body.push(view.rows.length > 0 ? memberRows(view.rows) : text('Nobody is on the board yet: say "join" here, then "start".'));
    if (view.teamRank) {
      const teams = view.teamCount === 1 ? 'team' : 'teams';
      body.push(text(`${plain(view.teamName)} is ${ordinal(view.teamRank.rank)} of ${view.teamCount} ${teams} in your organisation.`, { weight: 'bolder', spacing: 'medium' }));
    }
  } else {
    body.push(heading('Leaderboard'), text(fallbackText));
  }
  if (workspace.rows.length > 0) {
    body.push(text('Teams, by team streak then participation', { size: 'small', subtle: true, spacing: 'medium' }), teamRows(workspace.rows.slice(0, TEAMS_SHOWN)));
  }
  return card(body);
}

export function digestCard(view: DigestView): AdaptiveCard {
  return card([
    heading(`Week ${view.weekKey} for ${plain(view.teamName)}`),
    facts([
      ['Team streak', `${view.streak} workday${view.streak === 1 ? '' : 's'}`],
      ['Participation', `${percent(view.participation)} of breaks done`],
    ]),
    ...(view.top.length > 0 ? [text('Top of the board', { weight: 'bolder', spacing: 'medium' }), memberRows(view.top)] : []),
  ]);
}
