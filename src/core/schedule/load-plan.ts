// Pure: how wide a tenant's spread window is. A slot's prompts to one workspace go out over the window, so the window
// must be long enough for the platform's send rate to carry them all, and shorter than the interval, so one slot's
// prompts are out before the next slot begins and each due instant names exactly one slot.
import type { Schedule } from '../model.ts';
import { nextPromptAt } from './slots.ts';
import { offsetInWindowMs } from './spread.ts';

/** What decides a tenant's window besides PROMPT_SPREAD_SECONDS. */
export interface TenantLoad {
  /** Members of the tenant with breaks on. */
  activeMembers: number;
  /** Prompts a second the platform takes for this tenant, all instances together; 0 or less = no limit known. */
  sendsPerSecond: number;
}

const MS_PER_MINUTE = 60_000;
/** The window ends this long before the next slot at the latest: room for the last sends of a slot. */
export const WINDOW_MARGIN_MS = 60_000;

/** The widest window a schedule with this interval allows: the interval less a margin (at least half the interval). */
export function maxWindowMs(intervalMinutes: number): number {
  const intervalMs = intervalMinutes * MS_PER_MINUTE;
  return Math.max(Math.floor(intervalMs / 2), intervalMs - WINDOW_MARGIN_MS);
}

/** How long a slot's prompts to everyone in the tenant take at the platform's rate. */
export function sendTimeMs(load: TenantLoad | null): number {
  if (load === null || !(load.sendsPerSecond > 0) || !(load.activeMembers > 0)) return 0;
  return Math.ceil((load.activeMembers / load.sendsPerSecond) * 1000);
}

/** The spread window: max(PROMPT_SPREAD_SECONDS, members / rate), capped below the interval. */
export function spreadWindowMs(spreadSeconds: number, load: TenantLoad | null, intervalMinutes: number): number {
  const wanted = Math.max(Math.max(0, spreadSeconds) * 1000, sendTimeMs(load));
  return Math.min(wanted, maxWindowMs(intervalMinutes));
}

/** The member's delivery offset after each slot, in [0, window). */
export function plannedOffsetMs(id: string, spreadSeconds: number, load: TenantLoad | null, intervalMinutes: number): number {
  return offsetInWindowMs(id, spreadWindowMs(spreadSeconds, load, intervalMinutes));
}

/**
 * The schedule slot a due instant stands for, whatever window it was planned with: the one slot in
 * (dueAt - maxWindow, dueAt], or null. Slots are at least an interval apart and the window is shorter, so there is at
 * most one, and a window that changed between planning and sending still finds it.
 */
export function slotOfDue(schedule: Schedule, dueAt: number): number | null {
  const slot = nextPromptAt(schedule, new Date(dueAt - maxWindowMs(schedule.intervalMinutes)));
  return slot !== null && slot.getTime() <= dueAt ? slot.getTime() : null;
}
