// What handling one due job came to: its next due instant (null drops the job), or the failure that sends it back
// to be tried again later; a failed job names the due instant of the slot it stood for, so the retry sends that slot.
export type DueOutcome = { nextDueAt: number | null } | { failed: unknown; slotDueAt?: number };
