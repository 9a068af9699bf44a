// The web chat page: sign in, live prompt cards over server-sent events, the chat box, panels and "forget me".
import { api, ApiError } from './api.js';
import { byId } from './dom.js';
import { bubble, digestCard, promptCard, setCardBusy, showResult, statsSummary } from './cards.js';
import { browserTimezone, buildAvoidBoxes, buildWorkdayBoxes, fillSettings, fillTimezones, readSettings, renderBoard, renderHeader } from './panels.js';

const STORAGE_KEY = 'deskbreak.web.session';
const conversation = byId('conversation');

const state = {
  /** { name, team?, timezone } as the server normalised them. */
  session: null,
  stats: null,
  events: null,
  /** promptId -> card element, so clicks and updates change the card in place. */
  cards: new Map(),
};

// ---- storage ------------------------------------------------------------------------------------

function loadSaved() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    return saved && typeof saved.name === 'string' ? saved : null;
  } catch {
    return null;
  }
}

function save(session) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

// ---- conversation ---------------------------------------------------------------------------------

function say(node) {
  conversation.append(node);
  conversation.scrollTop = conversation.scrollHeight;
}

function showCard(card) {
  conversation.append(card);
  // A card can be taller than the view: show its top, where the title is.
  conversation.scrollTop = Math.max(0, card.offsetTop - 12);
}

function addPrompt(view, team) {
  // A snoozed prompt comes back with the same id: the fresh card replaces the old one.
  state.cards.get(view.promptId)?.remove();
  const card = promptCard(view, { team, onAction: clickPrompt });
  state.cards.set(view.promptId, card);
  showCard(card);
}

/**
 * A swap: the same prompt id now shows another challenge; the new card takes the shown card's place. The click's
 * answer and the live event both come here, in either order: the second finds the challenge already shown.
 */
function replacePrompt(view) {
  const card = state.cards.get(view.promptId);
  if (!card || card.dataset.challenge === view.challenge.id) return;
  const fresh = promptCard(view, { team: null, onAction: clickPrompt });
  card.replaceWith(fresh);
  state.cards.set(view.promptId, fresh);
  fresh.querySelector('.card-title')?.setAttribute('tabindex', '-1');
  fresh.querySelector('.card-title')?.focus({ preventScroll: true });
}

async function clickPrompt(promptId, action, minutes) {
  const card = state.cards.get(promptId);
  if (!card || !state.session) return;
  setCardBusy(card, true);
  try {
    const result = await api.click({ name: state.session.name, promptId, action, ...(minutes === undefined ? {} : { minutes }) });
    if (result.swappedTo) return replacePrompt(result.swappedTo);
    showResult(card, result, state.session.timezone);
    if (result.outcome === 'done') await refresh();
  } catch (err) {
    showResult(card, failure(promptId, err), state.session.timezone);
  } finally {
    setCardBusy(card, false);
  }
}

function failure(promptId, err) {
  return {
    outcome: 'error', promptId, message: err instanceof Error ? err.message : 'That did not work.',
    challengeTitle: null, todayCount: null, streak: null, pointAwarded: false, teamRank: null, joinedCount: null, snoozedUntil: null,
  };
}

// ---- live events ----------------------------------------------------------------------------------

function setLive(liveState, label) {
  const live = byId('live');
  live.dataset.state = liveState;
  live.textContent = label;
}

function connect(name) {
  state.events?.close();
  const source = new EventSource(api.eventsUrl(name));
  const on = (type, handle) => source.addEventListener(type, (event) => handle(JSON.parse(event.data)));
  on('prompt', (view) => addPrompt(view, null));
  on('team-prompt', (view) => addPrompt(view, { teamName: view.teamName }));
  on('digest', (view) => say(digestCard(view)));
  on('prompt-update', (result) => {
    const card = state.cards.get(result.promptId);
    if (result.swappedTo) replacePrompt(result.swappedTo);
    else if (card && state.session) showResult(card, result, state.session.timezone);
  });
  source.addEventListener('open', () => setLive('live', 'Live'));
  // EventSource reconnects by itself; the label only tells the person why nothing arrives meanwhile.
  source.addEventListener('error', () => setLive('connecting', 'Reconnecting…'));
  state.events = source;
}

// ---- figures and panels ---------------------------------------------------------------------------

async function refresh() {
  if (!state.session) return;
  const { name, team } = state.session;
  try {
    const [stats, board] = await Promise.all([api.stats(name), api.leaderboard(name, team)]);
    state.stats = stats;
    state.session.timezone = stats.schedule.timezone;
    renderHeader(stats);
    renderBoard(board);
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) {
      leave('You are no longer known to the bot. Sign in to start again.');
      return;
    }
    say(bubble('bot', err.message, 'error'));
  }
}

// ---- commands -------------------------------------------------------------------------------------

async function command(text) {
  if (!state.session) return;
  const word = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const { name, team, timezone } = state.session;
  let reply;
  try {
    reply = await api.command({ name, text, timezone, locale: navigator.language, ...(team ? { team } : {}) });
  } catch (err) {
    say(bubble('bot', err.message, 'error'));
    return;
  }
  renderReply(reply, word);
  // "forget-me" only asks (the dialog confirms); "forget-me confirm" has deleted, so the session ends.
  if ((word === 'forget-me' || word === 'forget') && reply.kind === 'text') {
    leave(reply.text);
    return;
  }
  await refresh();
  if (reply.kind === 'text' && state.stats) fillSettings(state.stats);
}

function renderReply(reply, word) {
  switch (reply.kind) {
    case 'text':
      // For "now" the card itself is the answer.
      if (word !== 'now') say(bubble('bot', reply.text));
      return;
    case 'help':
      say(bubble('bot', reply.unknown ? `I do not know "${reply.unknown}". Here is what I understand:\n${reply.text}` : reply.text));
      return;
    case 'error':
      say(bubble('bot', reply.text, 'error'));
      return;
    case 'settings':
      say(bubble('bot', 'Your settings are open on the right.'));
      byId('settings-details').open = true;
      byId('settings-timezone').focus();
      return;
    case 'stats':
      say(bubble('bot', statsSummary(reply.view)));
      return;
    case 'leaderboard':
      say(bubble('bot', reply.text));
      renderBoard({ view: reply.view, workspace: reply.workspace });
      return;
    case 'forget-confirm':
      say(bubble('bot', reply.text));
      openForgetDialog();
      return;
  }
}

// ---- sign in and out ------------------------------------------------------------------------------

async function signIn(input) {
  const reply = await api.session(input);
  state.session = { name: reply.displayName, timezone: reply.stats.schedule.timezone, ...(reply.team ? { team: reply.team.name } : {}) };
  state.stats = reply.stats;
  save(state.session);
  byId('signin').hidden = true;
  byId('app').hidden = false;
  byId('who-name').textContent = reply.displayName;
  byId('who-team').textContent = reply.team ? ` · ${reply.team.name}` : '';
  renderHeader(reply.stats);
  fillSettings(reply.stats);
  conversation.replaceChildren();
  state.cards.clear();
  const intro = reply.stats.active
    ? 'Breaks are on; new ones appear here as they come.'
    : 'Press "Start breaks" to get a short exercise at your working-day slots, or "Give me one now" to try one.';
  say(bubble('bot', `Hi ${reply.displayName}! ${intro} You can also type commands below; "help" lists them.`));
  connect(reply.displayName);
  await refresh();
  await showAway();
}

/** The status switch shows what the bot holds, e.g. after a reload or once "busy" has run out. */
async function showAway() {
  if (!state.session) return;
  try {
    byId('away-status').value = (await api.away(state.session.name)).status;
  } catch {
    // The switch keeps its last value; the next change reports any trouble.
  }
}

/** Back to the sign-in panel, forgetting the saved name on this device. */
function leave(notice = '') {
  state.events?.close();
  state.events = null;
  state.session = null;
  state.stats = null;
  state.cards.clear();
  localStorage.removeItem(STORAGE_KEY);
  conversation.replaceChildren();
  byId('app').hidden = true;
  byId('signin').hidden = false;
  byId('signin-notice').textContent = notice;
  byId('signin-name').focus();
}

// ---- wiring ---------------------------------------------------------------------------------------

byId('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = byId('signin-error');
  error.textContent = '';
  const name = byId('signin-name').value.trim();
  const team = byId('signin-team').value.trim();
  if (!name) {
    error.textContent = 'Please type your name.';
    byId('signin-name').focus();
    return;
  }
  try {
    await signIn({ name, timezone: byId('signin-timezone').value, ...(team ? { team } : {}) });
    byId('signin-notice').textContent = '';
  } catch (err) {
    error.textContent = err.message;
  }
});

byId('toggle-breaks').addEventListener('click', () => command(state.stats?.active ? 'stop' : 'start'));
byId('now-button').addEventListener('click', () => command('now'));
byId('switch-person').addEventListener('click', () => leave());

byId('chat-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = byId('chat-input');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  say(bubble('me', text));
  await command(text);
});

byId('away-status').addEventListener('change', async (event) => {
  if (!state.session) return;
  const note = byId('away-note');
  try {
    const away = await api.setAway({ name: state.session.name, status: event.target.value });
    note.textContent =
      away.status === 'busy'
        ? `Busy until ${new Date(away.until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}: a break due before then waits.`
        : away.status === 'out_of_office'
          ? 'Out of office: no breaks, and the day does not count against your streak.'
          : 'Available: breaks come at their times.';
  } catch (err) {
    note.textContent = err.message;
  }
});

byId('settings-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!state.session) return;
  const error = byId('settings-error');
  const saved = byId('settings-saved');
  error.textContent = '';
  saved.textContent = '';
  try {
    const stats = await api.settings({ name: state.session.name, ...readSettings() });
    state.stats = stats;
    state.session.timezone = stats.schedule.timezone;
    save(state.session);
    renderHeader(stats);
    saved.textContent = 'Saved.';
  } catch (err) {
    error.textContent = err.message;
  }
});

const forgetDialog = byId('forget-dialog');
function openForgetDialog() {
  forgetDialog.returnValue = '';
  forgetDialog.showModal();
}
byId('forget-button').addEventListener('click', openForgetDialog);
forgetDialog.addEventListener('close', async () => {
  if (forgetDialog.returnValue !== 'confirm' || !state.session) return;
  try {
    await api.forget({ name: state.session.name });
    leave('Done: everything the bot knew about you is deleted.');
  } catch (err) {
    say(bubble('bot', err.message, 'error'));
  }
});

async function boot() {
  buildWorkdayBoxes();
  buildAvoidBoxes();
  const saved = loadSaved();
  fillTimezones(byId('signin-timezone'), saved?.timezone ?? browserTimezone());
  if (saved) {
    byId('signin-name').value = saved.name;
    byId('signin-team').value = saved.team ?? '';
    try {
      await signIn({ name: saved.name, timezone: saved.timezone ?? browserTimezone(), ...(saved.team ? { team: saved.team } : {}) });
      return;
    } catch (err) {
      byId('signin-error').textContent = err.message;
    }
  }
  byId('signin-name').focus();
}

void boot();
