// Tiny DOM helpers: elements are built with textContent only, so no text from the server is ever parsed as HTML.

/**
 * h('p', { class: 'x' }, 'text', child) -> <p class="x">text…</p>.
 * Attributes set to null, undefined or false are left out; true sets an empty attribute.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page is missing #${id}`);
  return element;
}

/** "1st", "2nd", "3rd", "11th". */
export function ordinal(n) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

/** "10:40" in the member's zone. */
export function clockTime(epochMs, timeZone) {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone }).format(epochMs);
}

/** "Tue 10:40" in the member's zone. */
export function dayAndTime(epochMs, timeZone) {
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(epochMs);
}

/** 45 -> "45 seconds", 75 -> "1 minute", 120 -> "2 minutes". */
export function duration(seconds) {
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export function percent(fraction) {
  return `${Math.round(fraction * 100)}%`;
}
