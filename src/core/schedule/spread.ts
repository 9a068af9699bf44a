// A member's fixed delivery offset, so thousands of members with the same schedule are not all due in the same second.

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32-bit, over the UTF-16 code units of `text`: stable across processes and versions. */
function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** A fixed offset in [0, spreadSeconds * 1000) ms derived from `id`; 0 when spreading is off (0 or less). */
export function spreadOffsetMs(id: string, spreadSeconds: number): number {
  const spanMs = Math.floor(spreadSeconds * 1000);
  if (!Number.isFinite(spanMs) || spanMs <= 0) return 0;
  return fnv1a32(id) % spanMs;
}
