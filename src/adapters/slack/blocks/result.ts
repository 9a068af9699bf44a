// Block Kit for what a click did: replaces a personal prompt in place, or answers the clicker of a team prompt.
import { localTimeLabel, type ClickResultView } from '../../../core/index.ts';
import { message, section, type SlackMessage } from './kit.ts';
import { escapeMrkdwn } from './limits.ts';

const ICON: Record<ClickResultView['outcome'], string> = {
  done: ':white_check_mark:',
  'already-done': ':white_check_mark:',
  snoozed: ':alarm_clock:',
  skipped: ':fast_forward:',
  'already-closed': ':information_source:',
  'not-yours': ':no_entry_sign:',
  expired: ':hourglass:',
  'not-found': ':grey_question:',
  swapped: ':twisted_rightwards_arrows:',
  'swap-limit': ':information_source:',
  'no-other': ':information_source:',
};

/** The same words go into mrkdwn blocks (escaped, title in bold) and the fallback text (plain; `message` escapes it). */
interface Style {
  text: (raw: string) => string;
  bold: (raw: string) => string;
}
const MRKDWN: Style = { text: escapeMrkdwn, bold: (raw) => `*${escapeMrkdwn(raw)}*` };
const PLAIN: Style = { text: (raw) => raw, bold: (raw) => raw };

/** "Today: 3 breaks · Streak: 5 workdays · 2nd of 7 in #design", from whichever figures the click returned. */
function figuresLine(result: ClickResultView, style: Style): string | null {
  const parts: string[] = [];
  if (result.todayCount !== null) parts.push(`Today: ${result.todayCount} break${result.todayCount === 1 ? '' : 's'}`);
  if (result.streak !== null) parts.push(`Streak: ${result.streak} workday${result.streak === 1 ? '' : 's'}`);
  if (result.teamRank !== null) parts.push(style.text(result.teamRank));
  if (result.joinedCount !== null) parts.push(`${result.joinedCount} joined`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function headline(result: ClickResultView, timezone: string, style: Style): string {
  const title = result.challengeTitle === null ? 'This break' : style.bold(result.challengeTitle);
  switch (result.outcome) {
    case 'done':
      return `${title}: done. Nice work!${result.pointAwarded ? ' +1 point.' : " (Today's points are already at the cap; the break still counts.)"}`;
    case 'already-done':
      return `${title}: done (already counted).`;
    case 'snoozed':
      return result.snoozedUntil === null ? `${title}: snoozed.` : `${title}: snoozed until ${localTimeLabel(result.snoozedUntil, timezone)}. It will come back then.`;
    case 'skipped':
      return `${title}: skipped. ${style.text(result.message.replace(/^Skipped\.\s*/, ''))}`;
    default:
      return style.text(result.message);
  }
}

export function renderClickResult(result: ClickResultView, timezone: string): SlackMessage {
  const figures = figuresLine(result, MRKDWN);
  const blocks = [section(`${ICON[result.outcome]} ${headline(result, timezone, MRKDWN)}`)];
  if (figures !== null) blocks.push(section(figures));
  if (result.outcome === 'done') blocks.push(section('_Your streak counts workdays with at least one break._'));
  const plainFigures = figuresLine(result, PLAIN);
  const fallback = headline(result, timezone, PLAIN) + (plainFigures === null ? '' : ` ${plainFigures}`);
  return message(fallback, blocks);
}
