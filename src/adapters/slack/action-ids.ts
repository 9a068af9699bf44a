// The ids Slack sends back when someone clicks: the DESIGN contract (break_*) plus the App Home and modal ids.

export const ACTION = {
  done: 'break_done',
  snooze: 'break_snooze',
  skip: 'break_skip',
  swap: 'break_swap',
  homeStart: 'home_start',
  homeStop: 'home_stop',
  homePause: 'home_pause_1h',
  homeSettings: 'home_settings',
  /** forget-me's confirm button; its value is the asker's own member id. */
  forgetConfirm: 'forget_confirm',
  homeMeetings: 'home_meetings',
} as const;

export const SETTINGS_CALLBACK_ID = 'break_settings';

/** A snooze option's value: the prompt id (as the contract requires) and the minutes, e.g. "slack:T1:pAbc|30". */
export function snoozeValue(promptId: string, minutes: number): string {
  return `${promptId}|${minutes}`;
}

export function parseSnoozeValue(value: string): { promptId: string; minutes: number } | null {
  const bar = value.lastIndexOf('|');
  if (bar <= 0) return null;
  const minutes = Number(value.slice(bar + 1));
  if (!Number.isInteger(minutes) || minutes <= 0) return null;
  return { promptId: value.slice(0, bar), minutes };
}
