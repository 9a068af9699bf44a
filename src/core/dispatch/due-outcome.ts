// What handling one due job came to: its next due instant (null drops the job), or the failure that sends it back
// to be tried again later.
export type DueOutcome = { nextDueAt: number | null } | { failed: unknown };
