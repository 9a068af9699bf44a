// The answer to a click: one sentence per outcome and the figures for the in-place update.
import { MAX_SWAPS } from '../context.ts';
import type { ClickOutcome, ClickResultView } from '../views.ts';

const MESSAGES: Record<ClickOutcome, string> = {
  done: 'Nice work: break done.',
  'already-done': 'Already counted: this break is done.',
  snoozed: 'Snoozed. It will come back shortly.',
  skipped: 'Skipped. The next one comes at your next slot.',
  'already-closed': 'This break was already closed.',
  'not-yours': 'This break belongs to someone else, so your click was not recorded. Say "now" to get one of your own.',
  expired: 'This break has expired: it could be done until the end of that day.',
  'not-found': 'This break is no longer known to the bot.',
  swapped: 'Swapped: here is another one.',
  'swap-limit': `This break has been swapped ${MAX_SWAPS} times already: do this one, snooze it or skip it.`,
  'no-other': 'No other challenge fits your settings (band and avoid), so this one stays.',
};

export function result(outcome: ClickOutcome, promptId: string, extra: Partial<ClickResultView> = {}): ClickResultView {
  return {
    outcome,
    promptId,
    message: MESSAGES[outcome],
    challengeTitle: null,
    todayCount: null,
    streak: null,
    pointAwarded: false,
    teamRank: null,
    joinedCount: null,
    snoozedUntil: null,
    ...extra,
  };
}
