// The page's only way to the server: JSON in, JSON out, and the error message the server wrote.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

async function request(method, path, { body, query } = {}) {
  const url = new URL(`/web/api/${path}`, window.location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'The bot is not reachable. Is it still running?');
  }
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, payload.error ?? `The bot answered ${response.status}.`);
  return payload;
}

export const api = {
  session: (body) => request('POST', 'session', { body }),
  command: (body) => request('POST', 'command', { body }),
  settings: (body) => request('POST', 'settings', { body }),
  click: (body) => request('POST', 'click', { body }),
  forget: (body) => request('POST', 'forget', { body }),
  stats: (name) => request('GET', 'stats', { query: { name } }),
  setAway: (body) => request('POST', 'away', { body }),
  away: (name) => request('GET', 'away', { query: { name } }),
  leaderboard: (name, team) => request('GET', 'leaderboard', { query: { name, team } }),
  eventsUrl: (name) => `/web/api/events?name=${encodeURIComponent(name)}`,
};
