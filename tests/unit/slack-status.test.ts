// A Slack profile read as "cannot be reached": away first, then a huddle, a meeting or call, focus; expired says nothing.
import { describe, expect, it } from 'vitest';
import { profileSchema, unreachableFromProfile } from '../../src/adapters/slack/status.ts';

const AT = Date.parse('2026-11-25T09:00:00Z');
const read = (profile: Record<string, unknown>) => unreachableFromProfile(profileSchema.parse(profile), AT);

describe('Slack status', () => {
  it('vacation, holiday, out of office, OOO and sick (text or emoji) are away, with the status end when it has one', () => {
    for (const text of ['Vacationing', 'On holiday', 'Out of office', 'OOO till Monday', 'Off sick', 'PTO']) expect(read({ status_text: text })?.reason).toBe('out_of_office');
    expect(read({ status_emoji: ':palm_tree:', status_expiration: AT / 1000 + 3600 })).toEqual({ reason: 'out_of_office', until: AT + 3600_000 });
    expect(read({ status_text: 'Vacation', status_emoji: ':spiral_calendar_pad:' })?.reason).toBe('out_of_office');
  });

  it('a meeting or call status holds until it expires; focus is focus; a huddle is a huddle', () => {
    expect(read({ status_text: 'In a meeting', status_expiration: AT / 1000 + 1200 })).toEqual({ reason: 'meeting', until: AT + 1200_000 });
    expect(read({ status_emoji: ':telephone_receiver:' })).toEqual({ reason: 'meeting', until: null });
    expect(read({ status_text: 'Focus time', status_emoji: ':headphones:' })?.reason).toBe('focus');
    expect(read({ huddle_state: 'in_a_huddle' })).toEqual({ reason: 'huddle', until: null });
  });

  it('no status, an unrelated one, or one that has already expired says nothing', () => {
    expect(read({})).toBeNull();
    expect(read({ status_text: 'Commuting', status_emoji: ':bus:' })).toBeNull();
    expect(read({ status_text: 'In a meeting', status_expiration: AT / 1000 - 60 })).toBeNull();
    expect(read({ status_text: 'Callisto mission' })).toBeNull();
    expect(read({ status_text: 42, huddle_state: 'default_unset' })).toBeNull();
  });
});
