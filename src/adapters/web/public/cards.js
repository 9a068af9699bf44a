// What arrives in the conversation: prompt cards (updated in place after a click), digests and chat bubbles.
import { clockTime, duration, h, ordinal, percent } from './dom.js';

let cardCount = 0;

const POSTURE = { standing: 'Standing', sitting: 'Sitting', walking: 'Walking' };
/** Outcomes after which the buttons go: the card is settled. */
const SETTLED = new Set(['done', 'already-done', 'snoozed', 'skipped', 'already-closed', 'expired', 'not-found']);

/** A personal or team prompt. `onAction(promptId, action, minutes)` runs on a button press. */
export function promptCard(view, { team = null, onAction }) {
  cardCount += 1;
  const titleId = `card-title-${cardCount}`;
  const { challenge } = view;
  const badge = team ? `Team challenge · ${team.teamName}` : `Break · ${view.localTime}`;
  const equipment = challenge.equipment === 'band' ? 'Resistance band' : 'No equipment';

  const button = (label, action, minutes, className, accessibleName) =>
    h('button', { type: 'button', class: className, 'data-action': action, 'data-minutes': minutes, 'aria-label': accessibleName }, label);

  const snooze = view.snoozeMinutes.length > 0 && !team
    ? h('div', { class: 'snooze', role: 'group', 'aria-label': 'Snooze' },
        h('span', { class: 'snooze-label', 'aria-hidden': 'true' }, 'Snooze'),
        view.snoozeMinutes.map((m) => button(`${m} min`, 'snooze', m, 'button small', `Snooze ${m} minutes`)))
    : null;

  const actions = h('div', { class: 'card-actions' },
    button('Done', 'done', null, 'button primary', null),
    snooze,
    button('Skip', 'skip', null, 'button ghost', null),
    team ? null : button('Swap', 'swap', null, 'button ghost', 'Swap for another challenge'));

  const card = h('article', { class: `card prompt-card${team ? ' team' : ''}`, 'aria-labelledby': titleId, 'data-challenge': challenge.id },
    h('div', { class: 'card-head' },
      h('span', { class: 'badge' }, badge),
      h('span', { class: 'card-time' }, `About ${duration(challenge.seconds)}`)),
    h('h3', { id: titleId, class: 'card-title' }, challenge.title),
    h('p', { class: 'card-meta' }, `${POSTURE[challenge.posture] ?? challenge.posture} · ${equipment}`),
    view.picture ? h('img', { class: 'card-picture', src: view.picture.path, alt: view.picture.alt, width: '360', height: '240' }) : null,
    h('ol', { class: 'steps' }, challenge.steps.map((step) => h('li', {}, step))),
    h('div', { class: 'why' }, h('h4', {}, 'Why it helps'), h('p', {}, challenge.why)),
    challenge.easier ? h('p', { class: 'easier' }, h('strong', {}, 'Easier: '), challenge.easier) : null,
    h('p', { class: 'safety' }, h('strong', {}, 'Safety: '), challenge.safety),
    team ? h('p', { class: 'joined', 'data-joined': '' }, joinedText(view.joinedCount)) : null,
    actions,
    h('div', { class: 'card-result', tabindex: '-1', hidden: true }),
    h('p', { class: 'credit' }, challenge.credit));

  actions.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (!target) return;
    const minutes = target.dataset.minutes ? Number(target.dataset.minutes) : undefined;
    onAction(view.promptId, target.dataset.action, minutes);
  });
  return card;
}

function joinedText(count) {
  return count === 1 ? '1 person has joined' : `${count} people have joined`;
}

export function setCardBusy(card, busy) {
  for (const button of card.querySelectorAll('.card-actions button')) button.disabled = busy;
  card.setAttribute('aria-busy', busy ? 'true' : 'false');
}

/** Shows a click's result in the card; settled cards lose their buttons and keep focus on the result. */
export function showResult(card, result, timeZone) {
  const box = card.querySelector('.card-result');
  const chips = [];
  if (result.outcome === 'done' || result.outcome === 'already-done') {
    if (result.todayCount !== null) chips.push(`Today: ${result.todayCount}`);
    if (result.streak !== null) chips.push(`Streak: ${result.streak} ${result.streak === 1 ? 'day' : 'days'}`);
    if (result.teamRank) chips.push(result.teamRank);
    if (result.outcome === 'done') chips.push(result.pointAwarded ? '+1 point' : 'Daily points cap reached');
  }
  const message = result.outcome === 'snoozed' && result.snoozedUntil
    ? `${result.message} It comes back at ${clockTime(result.snoozedUntil, timeZone)}.`
    : result.message;
  box.replaceChildren(
    h('p', { class: 'result-message' }, message),
    chips.length > 0 ? h('ul', { class: 'chips', 'aria-label': 'Your figures' }, chips.map((chip) => h('li', {}, chip))) : null);
  box.hidden = false;
  card.dataset.outcome = result.outcome;
  const joined = card.querySelector('[data-joined]');
  if (joined && result.joinedCount !== null) joined.textContent = joinedText(result.joinedCount);
  if (SETTLED.has(result.outcome)) {
    const hadFocus = card.contains(document.activeElement);
    card.querySelector('.card-actions')?.remove();
    if (hadFocus) box.focus({ preventScroll: true });
  }
  // The result sits at the card's foot: bring the whole card (or at least its foot) into view.
  card.scrollIntoView({ block: 'nearest' });
}

export function digestCard(view) {
  return h('article', { class: 'card digest-card', 'aria-label': `Weekly digest for ${view.teamName}` },
    h('div', { class: 'card-head' }, h('span', { class: 'badge' }, `Weekly digest · ${view.teamName}`), h('span', { class: 'card-time' }, view.weekKey)),
    h('p', {}, `Team streak: ${view.streak} ${view.streak === 1 ? 'day' : 'days'} · participation ${percent(view.participation)}`),
    view.top.length > 0
      ? h('ol', { class: 'digest-top' }, view.top.map((row) => h('li', {}, `${row.displayName}: ${row.streak}-day streak, ${row.weekPoints} pts`)))
      : h('p', { class: 'muted' }, 'Nobody completed a break that week. A fresh start on Monday!'));
}

/** A chat bubble: `from` is "me" or "bot"; `tone` "error" marks something that did not work. */
export function bubble(from, content, tone = null) {
  return h('div', { class: `bubble ${from}${tone ? ` ${tone}` : ''}` },
    h('span', { class: 'visually-hidden' }, from === 'me' ? 'You said: ' : 'Bot: '),
    content instanceof Node ? content : h('p', {}, content));
}

export function statsSummary(stats) {
  const tz = stats.schedule.timezone;
  const lines = [
    ['Streak', `${stats.streak} ${stats.streak === 1 ? 'day' : 'days'}`],
    ['Today', `${stats.todayCount} done`],
    ['This week', `${stats.weekPoints} points`],
    ['All time', `${stats.totalPoints} points from ${stats.totalCompletions} breaks`],
    ['Next break', stats.nextPromptAt ? `${new Intl.DateTimeFormat(undefined, { weekday: 'long', hour: '2-digit', minute: '2-digit', timeZone: tz }).format(stats.nextPromptAt)}` : 'none scheduled'],
    ...stats.teams.map((t) => [t.teamName, `${ordinal(t.rank)} of ${t.of}`]),
  ];
  return h('dl', { class: 'stats-list' }, lines.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
}
