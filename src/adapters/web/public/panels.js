// The fixed parts of the page: header figures, leaderboard, settings form, time zone lists.
import { byId, dayAndTime, h, ordinal, percent } from './dom.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** The challenge tags a person can avoid, with their labels (the core's CHALLENGE_TAGS and TAG_LABELS). */
export const AVOID_TAGS = [
  ['standing', 'Standing'],
  ['walking', 'Walking'],
  ['stairs', 'Stairs'],
  ['balance', 'Balance (one leg)'],
  ['band', 'Resistance band'],
  ['floor-space', 'Clear floor space'],
];

export function browserTimezone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Fills a <select> with every zone the browser knows, selecting `selected`. */
export function fillTimezones(select, selected) {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = [...new Set(['UTC', ...zones, selected])].sort((a, b) => a.localeCompare(b));
  select.replaceChildren(...all.map((zone) => h('option', { value: zone }, zone.replaceAll('_', ' '))));
  select.value = selected;
}

export function renderHeader(stats) {
  byId('fig-streak').textContent = String(stats.streak);
  byId('fig-streak-unit').textContent = stats.streak === 1 ? 'day' : 'days';
  byId('fig-today').textContent = String(stats.todayCount);
  byId('fig-week').textContent = String(stats.weekPoints);
  const toggle = byId('toggle-breaks');
  toggle.textContent = stats.active ? 'Stop breaks' : 'Start breaks';
  toggle.setAttribute('aria-pressed', String(stats.active));
  toggle.classList.toggle('on', stats.active);
  byId('status-line').textContent = statusLine(stats);
}

function statusLine(stats) {
  const tz = stats.schedule.timezone;
  if (!stats.active) return 'Breaks are off. Press "Start breaks" to get one at your slots, or try one now.';
  if (stats.pausedUntil && stats.pausedUntil > Date.now()) return `Paused until ${dayAndTime(stats.pausedUntil, tz)}.`;
  const next = stats.nextPromptAt ? `next break ${dayAndTime(stats.nextPromptAt, tz)}` : 'no workdays set, so no breaks are coming';
  return `Breaks are on: every ${stats.schedule.intervalMinutes} min, ${stats.schedule.start}–${stats.schedule.end} (${tz}); ${next}.`;
}

/** `board` is { view: LeaderboardView | null, workspace: WorkspaceBoardView }. */
export function renderBoard(board) {
  const container = byId('board');
  const subtitle = byId('board-subtitle');
  const place = byId('team-place');
  const { view, workspace } = board;
  if (!view) {
    subtitle.textContent = 'You are not in a team. Switch person and type a team name to join one.';
    container.replaceChildren();
    place.replaceChildren(...[teamList(workspace.rows)].filter(Boolean));
    return;
  }
  subtitle.textContent = `${view.teamName} · week ${view.weekKey.split('-W')[1] ?? view.weekKey}`;
  if (view.rows.length === 0) {
    container.replaceChildren(h('p', { class: 'muted' }, 'Nobody here yet: people appear once they start breaks.'));
  } else {
    container.replaceChildren(
      h('table', { class: 'board' },
        h('caption', { class: 'visually-hidden' }, `Leaderboard for ${view.teamName}`),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, '#'),
          h('th', { scope: 'col' }, 'Name'),
          h('th', { scope: 'col', class: 'num' }, 'Streak'),
          h('th', { scope: 'col', class: 'num' }, 'Week pts'))),
        h('tbody', {}, view.rows.map((row) =>
          h('tr', { class: row.isViewer ? 'me' : null, 'aria-current': row.isViewer ? 'true' : null },
            h('td', { class: 'rank' }, String(row.rank)),
            h('td', {}, row.displayName, row.isViewer ? h('span', { class: 'you' }, ' (you)') : null),
            h('td', { class: 'num' }, String(row.streak)),
            h('td', { class: 'num' }, String(row.weekPoints)))))));
  }
  const rank = view.teamRank;
  const summary = rank
    ? h('p', { class: 'team-rank' },
        h('strong', {}, `${view.teamName} is ${ordinal(rank.rank)} of ${view.teamCount} ${view.teamCount === 1 ? 'team' : 'teams'}`),
        ` · team streak ${rank.streak} · participation ${percent(rank.participation)}`)
    : null;
  place.replaceChildren(...[summary, teamList(workspace.rows)].filter(Boolean));
}

function teamList(rows) {
  if (rows.length < 2) return null;
  return h('ol', { class: 'team-list', 'aria-label': 'Teams' }, rows.slice(0, 5).map((row) =>
    h('li', { class: row.isViewersTeam ? 'mine' : null },
      h('span', {}, `${row.rank}. ${row.teamName}`),
      h('span', { class: 'muted' }, `${row.streak}-day streak · ${percent(row.participation)}`))));
}

export function buildWorkdayBoxes() {
  byId('workday-boxes').replaceChildren(...WEEKDAYS.map((label, index) =>
    h('label', { class: 'day' }, h('input', { type: 'checkbox', name: 'workdays', value: String(index + 1) }), h('span', {}, label))));
}

export function buildAvoidBoxes() {
  byId('avoid-boxes').replaceChildren(...AVOID_TAGS.map(([tag, label]) =>
    h('label', { class: 'day' }, h('input', { type: 'checkbox', name: 'avoid', value: tag }), h('span', {}, label))));
}

export function fillSettings(stats) {
  const form = byId('settings-form');
  fillTimezones(byId('settings-timezone'), stats.schedule.timezone);
  byId('settings-start').value = stats.schedule.start;
  byId('settings-end').value = stats.schedule.end;
  byId('settings-interval').value = String(stats.schedule.intervalMinutes);
  for (const box of form.querySelectorAll('input[name="workdays"]')) box.checked = stats.schedule.workdays.includes(Number(box.value));
  byId('settings-band').checked = stats.hasBand;
  for (const box of form.querySelectorAll('input[name="avoid"]')) box.checked = (stats.avoidTags ?? []).includes(box.value);
  byId('settings-meetings').value = stats.meetings ?? 'hold';
  byId('settings-holidays').value = stats.holidays ?? '';
}

export function readSettings() {
  const form = byId('settings-form');
  return {
    timezone: byId('settings-timezone').value,
    start: byId('settings-start').value,
    end: byId('settings-end').value,
    intervalMinutes: Number(byId('settings-interval').value),
    workdays: [...form.querySelectorAll('input[name="workdays"]:checked')].map((box) => Number(box.value)),
    hasBand: byId('settings-band').checked,
    avoidTags: [...form.querySelectorAll('input[name="avoid"]:checked')].map((box) => box.value),
    meetings: byId('settings-meetings').value,
    holidays: byId('settings-holidays').value.trim(),
  };
}
