// Pure: how a member is told when their breaks really arrive, since a big workspace's prompts are spaced out.

/** "within a minute of each slot" or "about 12 min after each slot". */
export function arrivalText(arrivesAfterSlotMs: number): string {
  if (arrivesAfterSlotMs < 60_000) return 'within a minute of each slot';
  return `about ${Math.round(arrivesAfterSlotMs / 60_000)} min after each slot`;
}
