// The guard's check of a click is the one its listener uses over HTTP; without the guard (Socket Mode) the listener
// checks the payload itself, with the same answers.
import { describe, expect, it } from 'vitest';
import { blockActionsOf, checkBody } from '../../src/adapters/slack/payloads.ts';

const click = {
  type: 'block_actions',
  team: { id: 'T0PAY' },
  user: { id: 'UPAY', name: 'pay' },
  trigger_id: 'trigger-1',
  actions: [{ action_id: 'break_done', value: 'prompt-1', block_id: 'b1' }],
  response_url: 'https://hooks.slack.com/actions/T0PAY/1/abc',
};
/** What a listener reads of it: the checked fields, nothing else. */
const checkedClick = { type: 'block_actions', team: { id: 'T0PAY' }, user: { id: 'UPAY' }, trigger_id: 'trigger-1', actions: [{ action_id: 'break_done', value: 'prompt-1' }], response_url: 'https://hooks.slack.com/actions/T0PAY/1/abc' };
const form = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

describe('a click payload', () => {
  it('over HTTP is the one the guard checked: the listener gets its fields without checking again', () => {
    const checked = checkBody(form(click), 'application/x-www-form-urlencoded');
    expect(checked?.kind).toBe('interaction');
    const body = checked && 'body' in checked ? checked.body : null;
    expect(blockActionsOf(body)).toEqual(checkedClick);
  });

  it('without the guard is checked by the listener: the same fields, and a malformed one is refused', () => {
    expect(blockActionsOf(structuredClone(click))).toEqual(checkedClick);
    expect(() => blockActionsOf({ ...click, user: null })).toThrow();
    expect(() => blockActionsOf({ ...click, team: { id: 'constructor' } })).toThrow();
  });

  it('a form that names a field twice is refused, whichever value comes last', () => {
    const twice = `${form(click)}&payload=${encodeURIComponent(JSON.stringify({ ...click, user: { id: 'UOTHER' } }))}`;
    expect(checkBody(twice, 'application/x-www-form-urlencoded')).toBeNull();
  });
});
