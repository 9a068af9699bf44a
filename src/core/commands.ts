// The command words every platform shares (/breaks in Slack, plain messages in Teams and the web chat).
import { isCoreError, ValidationError } from './errors.ts';
import type { LeaderboardView, StatsView, WorkspaceBoardView } from './views.ts';
import { formatDays, parseDays, parseEvery, parseHours, parsePause, parseTimezone } from './schedule/schedule-schema.ts';
import type { BreakService } from './service.ts';
import { mayChangeTeam, type TeamInput } from './people/teams.ts';
import { localTimeLabel } from './schedule/slots.ts';
import { suggestHolidayCalendar } from './schedule/holidays.ts';
import { DateTime } from 'luxon';
import type { Member } from './model.ts';
import { forgetPreviewText } from './people/forget-preview.ts';
import { MEDICAL_NOTE } from './content/catalogue.ts';
import { avoidSummary } from './content/avoid.ts';
import { CHALLENGE_TAGS, describeAvoid, parseAvoid } from './content/tags.ts';

function parseAvoidHelp(): string {
  return `Say "avoid" with any of ${CHALLENGE_TAGS.join(', ')} (e.g. "avoid stairs,balance"), or "avoid none".`;
}

export const COMMAND_WORDS = [
  'help', 'start', 'stop', 'pause', 'resume', 'now', 'settings', 'hours', 'every', 'days', 'timezone',
  'band', 'avoid', 'meetings', 'holidays', 'join', 'leave', 'team-time', 'team-zone', 'team-days', 'team-name', 'team-holidays', 'leaderboard', 'stats', 'forget-me',
] as const;
export type CommandWord = (typeof COMMAND_WORDS)[number];

/** The words that change a team's settings: only a workspace/tenant admin or whoever set the team up may use them. */
export const TEAM_SETTINGS_WORDS: ReadonlySet<CommandWord> = new Set(['team-time', 'team-zone', 'team-days', 'team-name', 'team-holidays']);

export interface ParsedCommand {
  word: CommandWord;
  args: string;
}

/** Unknown or empty input becomes "help" (with the unknown word kept for a friendly hint). */
export function parseCommand(text: string): ParsedCommand & { unknown: string | null } {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const [first = '', ...rest] = trimmed.split(' ');
  const word = first.toLowerCase().replace(/^forget$/, 'forget-me');
  if ((COMMAND_WORDS as readonly string[]).includes(word)) return { word: word as CommandWord, args: rest.join(' '), unknown: null };
  return { word: 'help', args: '', unknown: first === '' ? null : first };
}

export interface CommandContext {
  memberId: string;
  displayName: string;
  /** Zone the platform reports for the person, used when they are new. */
  timezone?: string | undefined;
  /** The person's locale as the platform reports it ("en-AU"), used only to suggest a holiday calendar. */
  locale?: string | undefined;
  address?: Record<string, string> | undefined;
  /** The channel or team the command was typed in, if any. */
  team?: TeamInput | undefined;
  /**
   * The platform says this person is a workspace/tenant admin or an owner of this team (Slack users.info is_admin or
   * is_owner; Teams: an owner on the team's roster). Adapters look it up for TEAM_SETTINGS_WORDS only.
   */
  isTeamAdmin?: boolean | undefined;
}

export type CommandReply =
  | { kind: 'text'; text: string }
  | { kind: 'help'; unknown: string | null; text: string }
  | { kind: 'settings'; member: Member }
  /** forget-me asks first: `text` says what would go; a confirm button carries `memberId` (the asker's own id). */
  | { kind: 'forget-confirm'; memberId: string; text: string }
  | { kind: 'stats'; view: StatsView }
  | { kind: 'leaderboard'; view: LeaderboardView | null; workspace: WorkspaceBoardView; text: string }
  | { kind: 'error'; text: string };

export const HELP_TEXT = [
  'Desk breaks: short glute and hip exercises at sensible times in your working day.',
  '• start / stop: turn breaks on or off',
  '• now: get a break right away',
  '• pause 2h | pause until 2026-12-01 | resume',
  '• hours 09:00-17:00, every 60, days mon-fri, timezone Europe/Berlin, band on|off',
  '• avoid stairs,balance (tags: standing, walking, stairs, balance, band, floor-space; "avoid standing,walking" = seated only) | avoid none',
  '• meetings hold|ignore: wait until a meeting, call or huddle ends (hold, the default) or not',
  '• holidays US | holidays AU-VIC | holidays off: no breaks on public holidays of that calendar',
  '• settings: open the settings form',
  '• join / leave: join or leave this channel\'s team; team-time 11:30 sets a daily team challenge',
  '• team-zone Asia/Jerusalem, team-days sun,mon,tue,wed,thu, team-name Design, team-holidays US: the team\'s settings (a workspace admin or whoever set the team up)',
  '• leaderboard, stats, forget-me (says what it would delete and asks you to confirm)',
  MEDICAL_NOTE,
].join('\n');

/** Why a member (or team) has no next break, when it has none. */
function noBreakReason(owner: { active?: boolean; workdays: readonly number[] }): string {
  if (owner.active === false) return 'none while breaks are off (say "start")';
  if (owner.workdays.length === 0) return 'no upcoming break (no workdays set)';
  return 'no upcoming break';
}

function when(at: number | null, timezone: string, reason = 'no upcoming break'): string {
  if (at === null) return reason;
  const local = DateTime.fromMillis(at, { zone: timezone });
  return `${local.toFormat('cccc d LLL')} at ${localTimeLabel(at, timezone)} (${timezone})`;
}

/** Said while the member's zone is DEFAULT_TIMEZONE because their platform gave none. */
export function assumedZoneNote(member: Member): string {
  if (!member.timezoneAssumed) return '';
  return ` Your time zone was not given to the bot, so ${member.schedule.timezone} is assumed: say "timezone Europe/Berlin" (your own zone) to change it.`;
}

function scheduleLine(member: Member): string {
  const s = member.schedule;
  return `${formatDays(s.workdays)}, ${s.start}-${s.end}, every ${s.intervalMinutes} minutes, ${s.timezone}`;
}

/** Runs one command for one person. Errors a person can fix come back as text; nothing half-done. */
export async function runCommand(service: BreakService, ctx: CommandContext, text: string): Promise<CommandReply> {
  const command = parseCommand(text);
  try {
    return await execute(service, ctx, command);
  } catch (err) {
    if (isCoreError(err) && err.code !== 'store_unavailable') return { kind: 'error', text: err.message };
    throw err;
  }
}

async function execute(service: BreakService, ctx: CommandContext, command: ReturnType<typeof parseCommand>): Promise<CommandReply> {
  if (command.word === 'help') return { kind: 'help', unknown: command.unknown, text: HELP_TEXT };
  if (command.word === 'forget-me') return forgetReply(service, ctx.memberId, command.args);
  const member = await service.enrol({ memberId: ctx.memberId, displayName: ctx.displayName, timezone: ctx.timezone, address: ctx.address });
  const tz = member.schedule.timezone;
  const now = service.ctx.clock.now();
  switch (command.word) {
    case 'start': {
      const { member: m, nextAt } = await service.start(member.id);
      return { kind: 'text', text: `Breaks are on: ${scheduleLine(m)}. First break: ${when(nextAt, tz, noBreakReason({ ...m, workdays: m.schedule.workdays }))}.${assumedZoneNote(m)}${holidayTip(m, ctx.locale)}\n${MEDICAL_NOTE}` };
    }
    case 'stop':
      await service.stop(member.id);
      return { kind: 'text', text: 'Breaks are off. Your streak and points are kept; say "start" to turn them back on.' };
    case 'pause': {
      const until = parsePause(command.args, now, tz);
      const { member: m, nextAt } = await service.pause(member.id, until);
      return { kind: 'text', text: `Paused until ${when(until, tz)}: breaks resume by themselves then. Paused days never break your streak. Next break: ${when(nextAt, tz, noBreakReason({ ...m, workdays: m.schedule.workdays }))}.` };
    }
    case 'resume': {
      if (!member.active) return { kind: 'text', text: 'Breaks are off, so there is no pause to end: say "start" to turn them on.' };
      const wasPaused = member.pausedUntil !== null && member.pausedUntil > now;
      const { member: m, nextAt } = await service.resume(member.id);
      const next = `Next break: ${when(nextAt, tz, noBreakReason({ ...m, workdays: m.schedule.workdays }))}.`;
      return { kind: 'text', text: wasPaused ? `Welcome back. ${next}` : `You were not paused. ${next}` };
    }
    case 'now':
      await service.promptNow(member.id);
      return { kind: 'text', text: 'Here is a break for right now.' };
    case 'settings':
      return { kind: 'settings', member };
    case 'hours':
    case 'every':
    case 'days':
    case 'timezone':
    case 'band': {
      const { member: m, nextAt } = await service.updateSettings(member.id, settingsPatch(command.word, command.args));
      const next = m.active ? ` Next break: ${when(nextAt, m.schedule.timezone, noBreakReason({ ...m, workdays: m.schedule.workdays }))}.` : ' Say "start" to turn breaks on.';
      return { kind: 'text', text: `Saved: ${scheduleLine(m)}${m.hasBand ? ', with a resistance band' : ''}.${next}` };
    }
    case 'avoid': {
      if (command.args.trim() === '') return { kind: 'text', text: `You avoid ${describeAvoid(member.avoidTags)}. ${parseAvoidHelp()}` };
      const parsed = parseAvoid(command.args);
      if (!parsed.ok) return { kind: 'error', text: parsed.error };
      const { member: m } = await service.updateSettings(member.id, { avoidTags: parsed.tags });
      return { kind: 'text', text: avoidSummary(m) };
    }
    case 'meetings': {
      const choice = command.args.trim().toLowerCase();
      if (choice !== 'hold' && choice !== 'ignore') return { kind: 'error', text: `Say "meetings hold" (wait until a meeting, call or huddle ends; the default) or "meetings ignore". Now: ${member.meetings}.` };
      await service.updateSettings(member.id, { meetings: choice });
      return { kind: 'text', text: meetingsText(choice) };
    }
    case 'holidays': {
      const arg = command.args.trim();
      if (arg === '') return { kind: 'text', text: holidaysNow(member, ctx.locale) };
      const holidays = /^(off|none)$/i.test(arg) ? null : arg;
      const { member: m } = await service.updateSettings(member.id, { holidays });
      return { kind: 'text', text: holidaysNow(m, ctx.locale) };
    }
    case 'join': {
      if (!ctx.team) return { kind: 'error', text: 'Type "join" in the channel whose team you want to join.' };
      // A new team takes the zone of the person who brings it into being when the platform gives none for the team.
      const team = await service.ensureTeam({ ...ctx.team, timezone: ctx.team.timezone ?? tz, createdBy: member.id });
      await service.joinTeam(member.id, team.id);
      const started = member.active ? '' : ' Say "start" to begin getting breaks; you appear on the board once you have.';
      return { kind: 'text', text: `You joined ${team.name}.${started}` };
    }
    case 'leave': {
      if (!ctx.team) return { kind: 'error', text: 'Type "leave" in the channel whose team you want to leave.' };
      if (!member.teamIds.includes(ctx.team.teamId)) return { kind: 'text', text: `You are not in ${ctx.team.name}, so there is nothing to leave.` };
      await service.leaveTeam(member.id, ctx.team.teamId);
      return { kind: 'text', text: `You left ${ctx.team.name}.` };
    }
    case 'team-time':
    case 'team-zone':
    case 'team-days':
    case 'team-name':
    case 'team-holidays':
      return teamSettingsReply(service, ctx, member, command.word, command.args);
    case 'leaderboard':
      return leaderboardReply(service, member, ctx.team ?? null);
    case 'stats':
      return { kind: 'stats', view: await service.stats(member.id) };
  }
}

const REFUSED_TEAM_CHANGE =
  'Only a workspace admin (in Teams, a team owner) or the person who set up this team can change its settings. Ask one of them.';

/**
 * team-time HH:MM|off, team-zone <IANA name>, team-days <days>, team-name <name>, typed in the team's channel. A team
 * that does not exist yet is set up by this person (who may then change it); anyone else needs to be an admin.
 */
async function teamSettingsReply(service: BreakService, ctx: CommandContext, member: Member, word: CommandWord, args: string): Promise<CommandReply> {
  if (!ctx.team) return { kind: 'error', text: 'Change a team\'s settings in the team\'s channel.' };
  const team = await service.ensureTeam({ ...ctx.team, timezone: ctx.team.timezone ?? member.schedule.timezone, createdBy: member.id });
  if (!mayChangeTeam(team, member.id, ctx.isTeamAdmin === true)) return { kind: 'error', text: REFUSED_TEAM_CHANGE };
  const value = args.trim();
  const patch =
    word === 'team-time' ? { challengeTime: /^(off|none)$/i.test(value) ? null : value }
    : word === 'team-zone' ? { timezone: parseTimezone(value) }
    : word === 'team-days' ? { workdays: parseDays(value) }
    : word === 'team-holidays' ? { holidays: /^(off|none)$/i.test(value) ? null : value }
    : { name: value };
  const { team: t, nextAt } = await service.updateTeamSettings(team.id, patch);
  if (word === 'team-time') {
    const reason = t.workdays.length === 0 ? 'none (the team has no workdays set)' : 'none';
    return { kind: 'text', text: t.challengeTime === null ? 'The daily team challenge is off.' : `Daily team challenge set for ${t.challengeTime}. Next: ${when(nextAt, t.timezone, reason)}.` };
  }
  const challenge = t.challengeTime === null ? 'no daily team challenge' : `daily team challenge at ${t.challengeTime}, next ${when(nextAt, t.timezone, 'none')}`;
  const holidays = t.holidays === undefined ? '' : `, no team challenge on ${t.holidays} public holidays (left out of the team streak)`;
  return { kind: 'text', text: `Saved for ${t.name}: ${formatDays(t.workdays)}, ${t.timezone}, ${challenge}${holidays}.` };
}

/** "forget-me" asks (deleting nothing); "forget-me confirm" deletes at once. Neither creates anybody. */
async function forgetReply(service: BreakService, memberId: string, args: string): Promise<CommandReply> {
  if (/^confirm$/i.test(args.trim())) {
    await service.forget(memberId);
    return { kind: 'text', text: FORGOTTEN_TEXT };
  }
  if (!(await service.getMember(memberId))) return { kind: 'text', text: 'The bot knows nothing about you, so there is nothing to delete.' };
  return { kind: 'forget-confirm', memberId, text: forgetPreviewText(await service.stats(memberId)) };
}

export const FORGOTTEN_TEXT = 'Done: everything the bot knew about you is deleted. Say "start" any time to begin again.';

function meetingsText(choice: Member['meetings']): string {
  return choice === 'hold'
    ? 'Saved: a break that lands in a meeting, call, huddle or focus time waits until you are free (within your working hours).'
    : 'Saved: breaks come even during meetings, calls and huddles. Do Not Disturb and out of office still hold them.';
}

function holidaysNow(member: Member, locale: string | undefined): string {
  if (member.holidays !== null) return `No breaks on public holidays of ${member.holidays}; those days never break your streak. Say "holidays off" to stop.`;
  const suggested = suggestHolidayCalendar(member.schedule.timezone, locale);
  return `No holiday calendar is set.${suggested ? ` Say "holidays ${suggested}" for the public holidays of ${suggested}.` : ' Say "holidays US" (a country code, or AU-VIC with a region).'}`;
}

/** Suggested, never applied: the person says the word if it is right. */
function holidayTip(member: Member, locale: string | undefined): string {
  if (member.holidays !== null) return '';
  const suggested = suggestHolidayCalendar(member.schedule.timezone, locale);
  return suggested ? ` Tip: say "holidays ${suggested}" to get no breaks on ${suggested} public holidays.` : '';
}

function settingsPatch(word: 'hours' | 'every' | 'days' | 'timezone' | 'band', args: string) {
  switch (word) {
    case 'hours':
      return parseHours(args);
    case 'every':
      return { intervalMinutes: parseEvery(args) };
    case 'days':
      return { workdays: parseDays(args) };
    case 'timezone':
      return { timezone: parseTimezone(args) };
    case 'band':
      return { hasBand: parseBand(args) };
  }
}

/** "band on" / "band off" (and yes/no, true/false); anything else is a question back, not a guess. */
function parseBand(args: string): boolean {
  const word = args.trim().toLowerCase();
  if (/^(on|yes|true)$/.test(word)) return true;
  if (/^(off|no|none|false)$/.test(word)) return false;
  throw new ValidationError('Say "band on" if you have a resistance band, or "band off" if you do not.');
}

/**
 * The channel's team when it has one; otherwise the member's own first team, with words saying which is shown.
 * Looking never creates a team.
 */
async function leaderboardReply(service: BreakService, member: Member, channel: TeamInput | null): Promise<CommandReply> {
  const channelTeam = channel ? await service.ctx.store.getTeam(channel.teamId) : null;
  const ownTeamId = member.teamIds[0] ?? null;
  const team = channelTeam ?? (ownTeamId ? await service.ctx.store.getTeam(ownTeamId) : null);
  const view = team ? await service.leaderboard(team.id, member.id) : null;
  const workspace = await service.workspaceBoard(member.platform, member.tenantId, team?.id ?? null);
  const noChannelTeam = channel && !channelTeam ? `Nobody has joined ${channel.name}'s team yet: type "join" there to start it.` : null;
  const text = [noChannelTeam, view ? `Leaderboard for ${view.teamName}` : 'You are not in a team yet: type "join" in a team channel.'].filter((line) => line !== null).join(' ');
  return { kind: 'leaderboard', view, workspace, text };
}
