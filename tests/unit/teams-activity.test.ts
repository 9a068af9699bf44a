// Reading an inbound Teams activity: who sent it, from which tenant and team, in which zone, and what they typed.
import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { inboundActivitySchema, withDates } from '../../src/adapters/teams/activity-schema.ts';
import { baseConversationId, memberIdOf, teamOf, tenantIdOf, timezoneOf } from '../../src/adapters/teams/identity.ts';
import { commandText } from '../../src/adapters/teams/message-handler.ts';

const bot = { id: '28:bot', name: 'Desk breaks' };

function activity(fields: Record<string, unknown>): Activity {
  return {
    type: 'message',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    from: { id: '29:1abc', aadObjectId: 'aad-1', name: 'Ada' },
    recipient: bot,
    conversation: { id: 'a:1', conversationType: 'personal', tenantId: 'tenant-conv' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...fields,
  } as unknown as Activity;
}

describe('Teams activity reading', () => {
  it('member ids are teams:<tenant>:<aadObjectId>, with the tenant from channelData first', () => {
    expect(memberIdOf(activity({}))).toBe('teams:tenant-1:aad-1');
    expect(tenantIdOf(activity({ channelData: {} }))).toBe('tenant-conv');
    // The Emulator has neither a tenant nor an Entra id.
    expect(memberIdOf(activity({ channelData: undefined, conversation: { id: 'c' }, from: { id: 'user-1' } }))).toBe('teams:local:user-1');
  });

  it('the time zone comes from localTimezone, else the clientInfo entity, and an unknown zone is ignored', () => {
    expect(timezoneOf(activity({ localTimezone: 'Europe/Berlin' }))).toBe('Europe/Berlin');
    expect(timezoneOf(activity({ entities: [{ type: 'mention' }, { type: 'clientInfo', timezone: 'Asia/Tokyo' }] }))).toBe('Asia/Tokyo');
    expect(timezoneOf(activity({ localTimezone: 'Nowhere/Special' }))).toBeUndefined();
    expect(timezoneOf(activity({}))).toBeUndefined();
  });

  it('a channel message belongs to its team; a personal chat to none', () => {
    const channel = activity({
      conversation: { id: '19:general@thread.tacv2;messageid=17', conversationType: 'channel' },
      channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:general@thread.tacv2', name: 'Design' } },
    });
    expect(teamOf(channel, 'Europe/Paris')).toEqual({ teamId: 'teams:tenant-1:19:general@thread.tacv2', name: 'Design', timezone: 'Europe/Paris' });
    expect(teamOf(activity({}), undefined)).toBeUndefined();
    expect(baseConversationId('19:general@thread.tacv2;messageid=17')).toBe('19:general@thread.tacv2');
  });

  it('a group chat is a team of its own, named after the chat, with no zone of its own (the core assumes DEFAULT_TIMEZONE)', () => {
    const group = activity({ conversation: { id: '19:chat@thread.v2', conversationType: 'groupChat', name: 'Lunch crew' } });
    expect(teamOf(group, undefined)).toEqual({ teamId: 'teams:tenant-1:19:chat@thread.v2', name: 'Lunch crew', timezone: undefined });
  });

  it('the bot\'s @mention and leftover markup are stripped from a command', () => {
    const mention = { type: 'mention', mentioned: bot, text: '<at>Desk breaks</at>' };
    expect(commandText(activity({ text: '<at>Desk breaks</at> join', entities: [mention] }))).toBe('join');
    expect(commandText(activity({ text: '<p><at>Desk breaks</at>&nbsp;pause 2h</p>' }))).toBe('pause 2h');
    expect(commandText(activity({ text: undefined }))).toBe('');
  });

  it('an activity needs a type, a channel, an http(s) serviceUrl and a conversation id', () => {
    const good = { type: 'message', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/', conversation: { id: 'a:1' } };
    expect(inboundActivitySchema.safeParse(good).success).toBe(true);
    expect(inboundActivitySchema.safeParse({ ...good, type: '' }).success).toBe(false);
    expect(inboundActivitySchema.safeParse({ ...good, serviceUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(inboundActivitySchema.safeParse({ ...good, conversation: {} }).success).toBe(false);
  });

  it('timestamps become Dates as the SDK expects, and a broken one is dropped', () => {
    const parsed = inboundActivitySchema.parse({ type: 'message', channelId: 'msteams', serviceUrl: 'http://localhost:1/', conversation: { id: 'c' }, timestamp: '2026-03-02T09:00:00Z', localTimestamp: 'yesterday' });
    const fixed = withDates(parsed) as Record<string, unknown>;
    expect(fixed['timestamp']).toEqual(new Date('2026-03-02T09:00:00Z'));
    expect(fixed['rawTimestamp']).toBe('2026-03-02T09:00:00Z');
    expect(fixed['localTimestamp']).toBeUndefined();
  });
});
