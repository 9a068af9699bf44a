// The settings card's submission: every mistake reported at once, or one patch for the whole schedule.
import { describe, expect, it } from 'vitest';
import { parseSettingsForm } from '../../src/adapters/teams/settings-form.ts';

const good = { verb: 'settings_save', start: '08:30', end: '16:30', interval: '45', days: '1,2,4', timezone: 'europe/berlin', band: 'true' };

describe('Teams settings form', () => {
  it('a good submission becomes one settings patch, with the zone spelled canonically', () => {
    expect(parseSettingsForm(good)).toEqual({
      ok: true,
      values: { start: '08:30', end: '16:30', interval: '45', days: ['1', '2', '4'], timezone: 'europe/berlin', band: true, avoid: [], meetings: 'hold', holidays: '' },
      patch: { start: '08:30', end: '16:30', intervalMinutes: 45, timezone: 'Europe/Berlin', workdays: [1, 2, 4], hasBand: true, avoidTags: [], meetings: 'hold', holidays: null },
    });
  });

  it('reads the ticked things to avoid, and refuses one it does not know', () => {
    expect(parseSettingsForm({ ...good, avoid: 'walking,standing' })).toMatchObject({ ok: true, patch: { avoidTags: ['standing', 'walking'] } });
    const bad = parseSettingsForm({ ...good, avoid: 'stairs,skydiving' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join(' ')).toMatch(/Only the listed things can be avoided/);
  });

  it('meetings and a holiday calendar are read; an unknown calendar is a mistake that names it', () => {
    expect(parseSettingsForm({ ...good, meetings: 'ignore', holidays: 'au-vic' })).toMatchObject({ ok: true, patch: { meetings: 'ignore', holidays: 'AU-VIC' } });
    const form = parseSettingsForm({ ...good, holidays: 'Narnia' });
    expect(form.ok).toBe(false);
    if (!form.ok) expect(form.errors.join(' ')).toMatch(/Narnia/);
  });

  it('a numeric interval, as some clients send it, is read too', () => {
    expect(parseSettingsForm({ ...good, interval: 60 })).toMatchObject({ ok: true, patch: { intervalMinutes: 60 } });
  });

  it('reports every mistake at once and keeps what was typed', () => {
    const form = parseSettingsForm({ ...good, start: '18:00', end: '09:00', interval: '1000', days: '', timezone: 'Atlantis/Capital' });
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(form.errors).toHaveLength(4);
    expect(form.errors.join(' ')).toMatch(/end after it starts[\s\S]*15 to 240[\s\S]*Atlantis\/Capital[\s\S]*at least one workday/);
    expect(form.values).toMatchObject({ start: '18:00', end: '09:00', interval: '1000', timezone: 'Atlantis/Capital' });
  });

  it('missing or wrongly typed fields are mistakes, not crashes', () => {
    const form = parseSettingsForm({ verb: 'settings_save', start: 9, days: ['1'], band: { on: true } });
    expect(form.ok).toBe(false);
    expect(parseSettingsForm(null).ok).toBe(false);
  });

  it('a day outside Monday to Sunday is refused', () => {
    const form = parseSettingsForm({ ...good, days: '1,8' });
    expect(form.ok ? [] : form.errors).toEqual(['Workdays are Monday to Sunday.']);
  });
});
