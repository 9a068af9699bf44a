// Pure: a member's fixed place in their tenant's spread window, so thousands of members with the same schedule are
// neither all due in the same second nor queued behind the platform's send limit (see load-plan.ts for the window).

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const TWO_TO_32 = 2 ** 32;

/** FNV-1a, 32-bit, over the UTF-16 code units of `text`: stable across processes and versions. */
function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** MurmurHash3's 32-bit finalizer: FNV-1a leaves the high bits of similar short ids alike, and the fraction reads them. */
function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The member's fixed fraction of any window, in [0, 1): a window that grows moves everyone in proportion. */
export function spreadFraction(id: string): number {
  return fmix32(fnv1a32(id)) / TWO_TO_32;
}

/** The offset in [0, windowMs) ms of `id` in a spread window of `windowMs`; 0 when there is no window. */
export function offsetInWindowMs(id: string, windowMs: number): number {
  if (!Number.isFinite(windowMs) || windowMs <= 0) return 0;
  return Math.floor(spreadFraction(id) * Math.floor(windowMs));
}

/** The offset of `id` in a window of `spreadSeconds` (PROMPT_SPREAD_SECONDS alone, no tenant load). */
export function spreadOffsetMs(id: string, spreadSeconds: number): number {
  return offsetInWindowMs(id, spreadSeconds * 1000);
}
