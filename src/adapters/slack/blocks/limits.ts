// Slack's Block Kit limits, and the clipping that keeps every rendered message inside them.
// A message over a limit is rejected whole (invalid_blocks), so renderers clip rather than trust their input.

export const LIMITS = {
  /** Blocks in one message (chat.postMessage / chat.update). */
  messageBlocks: 50,
  /** Blocks in a modal or the App Home tab. */
  viewBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  optionText: 75,
  /** action_id, block_id, and a button or option value. */
  id: 255,
  /** Context block: at most 10 elements. */
  contextElements: 10,
  /** Top-level fallback `text`: Slack truncates longer text; we keep notifications short. */
  fallbackText: 3000,
  /** Modal title, submit and close labels. */
  modalTitle: 24,
  /** private_metadata of a view. */
  privateMetadata: 3000,
} as const;

const ELLIPSIS = '…';

/** Cuts `text` to at most `max` UTF-16 units, ending with "…" when cut, never splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ELLIPSIS.length);
  const last = text.charCodeAt(end - 1);
  // A high surrogate without its partner would be an invalid character.
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}

/** Ids and values are never decorated: a cut id simply fails its lookup later, which is handled like an unknown id. */
export function clipId(id: string): string {
  if (id.length <= LIMITS.id) return id;
  let end = LIMITS.id;
  const last = id.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return id.slice(0, end);
}

/** Escapes the three characters Slack's mrkdwn treats as control characters in any text we did not write as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Keeps at most `max` blocks: when cut, the last kept block says how many were left out, so nothing
 * disappears without a word.
 */
export function capBlocks<T>(blocks: readonly T[], max: number, note: (omitted: number) => T): T[] {
  if (blocks.length <= max) return [...blocks];
  const kept = blocks.slice(0, max - 1);
  return [...kept, note(blocks.length - kept.length)];
}
