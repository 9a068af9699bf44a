// The settings modal: the same fields as the typed commands, each error placed on its own field.
import { describe, expect, it } from 'vitest';
import type { Member } from '../../src/core/index.ts';
import { FIELD, parseSettingsMetadata, parseSettingsSubmission, renderSettingsModal, type SubmittedState } from '../../src/adapters/slack/blocks/settings-modal.ts';
import { parseSnoozeValue, snoozeValue } from '../../src/adapters/slack/action-ids.ts';
import { decodeClick } from '../../src/adapters/slack/clicks.ts';
import { LIMITS } from '../../src/adapters/slack/blocks/limits.ts';

const member: Member = {
  id: 'slack:T1:U1', platform: 'slack', tenantId: 'T1', displayName: 'Ada',
  schedule: { timezone: 'Europe/Berlin', workdays: [1, 2, 4], start: '08:30', end: '16:30', intervalMinutes: 45 },
  hasBand: true, avoidTags: ['stairs'], active: true, pausedUntil: null, inactiveSpans: [], teamIds: [], recentChallengeIds: [],
  snoozedPromptId: null, snoozeUntil: null, meetings: 'hold', holidays: null, address: {}, createdAt: 0,
};

function state(values: { tz?: string; start?: string; end?: string; interval?: string; days?: string[]; band?: boolean; avoid?: string[]; meetings?: string; holidays?: string }): SubmittedState {
  return {
    [FIELD.timezone]: { value: { value: values.tz ?? 'Europe/Berlin' } },
    [FIELD.start]: { value: { selected_time: values.start ?? '09:00' } },
    [FIELD.end]: { value: { selected_time: values.end ?? '17:00' } },
    [FIELD.interval]: { value: { selected_option: { value: values.interval ?? '60' } } },
    [FIELD.days]: { value: { selected_options: (values.days ?? ['1', '2', '3', '4', '5']).map((value) => ({ value })) } },
    [FIELD.band]: { value: { selected_options: values.band ? [{ value: 'band' }] : [] } },
    [FIELD.avoid]: { value: { selected_options: (values.avoid ?? []).map((value) => ({ value })) } },
    [FIELD.meetings]: { value: { selected_option: { value: values.meetings ?? 'hold' } } },
    [FIELD.holidays]: { value: { value: values.holidays ?? null } },
  };
}

describe('settings modal: what to avoid', () => {
  it('shows the member\'s avoided tags ticked, and reads the ticked ones back (unknown values dropped)', () => {
    const json = JSON.stringify(renderSettingsModal(member, { channelId: null }).blocks);
    expect(json).toContain('"block_id":"avoid"');
    expect(json).toMatch(/"initial_options":\[\{"text":\{"type":"plain_text","text":"Stairs"/);
    const parsed = parseSettingsSubmission(state({ avoid: ['walking', 'standing', 'skydiving'] }));
    expect(parsed).toMatchObject({ ok: true, patch: { avoidTags: ['standing', 'walking'] } });
    expect(parseSettingsSubmission(state({}))).toMatchObject({ ok: true, patch: { avoidTags: [] } });
  });
});

describe('settings modal', () => {
  it('opens filled with the member\'s current settings', () => {
    const view = renderSettingsModal(member, { channelId: 'C1' });
    expect(view.callback_id).toBe('break_settings');
    expect(view.title.text.length).toBeLessThanOrEqual(LIMITS.modalTitle);
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('"initial_value":"Europe/Berlin"');
    expect(json).toContain('"initial_time":"08:30"');
    expect(json).toContain('"initial_time":"16:30"');
    expect(json).toContain('"text":"Every 45 minutes"');
    expect(json).toContain('"text":"Thursday"');
    expect(parseSettingsMetadata(view.private_metadata)).toEqual({ channelId: 'C1' });
  });

  it('a valid submission becomes one settings patch', () => {
    expect(parseSettingsSubmission(state({ tz: 'america/new_york', start: '08:30', end: '16:30', interval: '45', days: ['1', '3'], band: true }))).toEqual({
      ok: true,
      patch: { timezone: 'America/New_York', start: '08:30', end: '16:30', intervalMinutes: 45, workdays: [1, 3], hasBand: true, avoidTags: [], meetings: 'hold', holidays: null },
    });
  });

  it('reads "in meetings" and a holiday calendar; an unknown calendar is reported on its field', () => {
    expect(parseSettingsSubmission(state({ meetings: 'ignore', holidays: 'au-vic' }))).toMatchObject({ ok: true, patch: { meetings: 'ignore', holidays: 'AU-VIC' } });
    const result = parseSettingsSubmission(state({ holidays: 'XX' }));
    expect(!result.ok && result.errors[FIELD.holidays]).toMatch(/"XX" is not a holiday calendar/);
    const regionless = parseSettingsSubmission(state({ holidays: 'AU-ZZ' }));
    expect(!regionless.ok && regionless.errors[FIELD.holidays]).toMatch(/AU has no region "ZZ"; its regions are ACT, NSW/);
  });

  it('an unknown time zone is reported on the time zone field', () => {
    const result = parseSettingsSubmission(state({ tz: 'Mars/Olympus' }));
    expect(result).toEqual({ ok: false, errors: { [FIELD.timezone]: 'Unknown time zone "Mars/Olympus".' } });
  });

  it('a window that ends before it starts is reported on the end field', () => {
    const result = parseSettingsSubmission(state({ start: '17:00', end: '09:00' }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[FIELD.end]).toMatch(/must end after it starts/);
  });

  it('a window shorter than one interval is reported on the interval field', () => {
    const result = parseSettingsSubmission(state({ start: '09:00', end: '10:00', interval: '120' }));
    expect(!result.ok && result.errors[FIELD.interval]).toMatch(/shorter than one interval/);
  });

  it('no workdays is reported on the days field, together with any other error', () => {
    const result = parseSettingsSubmission(state({ days: [], tz: 'Nowhere/Land' }));
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual([FIELD.days, FIELD.timezone].sort());
  });

  it('foreign private metadata means no channel to answer in', () => {
    expect(parseSettingsMetadata('not json')).toEqual({ channelId: null });
    expect(parseSettingsMetadata(undefined)).toEqual({ channelId: null });
  });
});

describe('click values', () => {
  it('a snooze value carries the prompt id and the minutes', () => {
    expect(parseSnoozeValue(snoozeValue('slack:T1:pAbc', 30))).toEqual({ promptId: 'slack:T1:pAbc', minutes: 30 });
    expect(parseSnoozeValue('slack:T1:pAbc')).toBeNull();
    expect(parseSnoozeValue('slack:T1:pAbc|soon')).toBeNull();
  });

  it('Done, Snooze and Skip decode to the core\'s click actions', () => {
    expect(decodeClick({ action_id: 'break_done', value: 'p1' })).toEqual({ promptId: 'p1', action: { kind: 'done' } });
    expect(decodeClick({ action_id: 'break_skip', value: 'p1' })).toEqual({ promptId: 'p1', action: { kind: 'skip' } });
    expect(decodeClick({ action_id: 'break_snooze', selected_option: { value: 'p1|10' } })).toEqual({ promptId: 'p1', action: { kind: 'snooze', minutes: 10 } });
    expect(decodeClick({ action_id: 'break_done' })).toBeNull();
  });
});
