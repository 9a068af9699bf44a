// The Redis member codec: short records for members with the usual schedule, exact round trips, old records still read.
import { describe, expect, it } from 'vitest';
import { decodeMember, encodeMember } from '../../src/adapters/redis/member-codec.ts';
import type { Member } from '../../src/core/index.ts';
import { TENANT, T0, makeBusyMember, makeMember } from '../contract/fixtures.ts';

const roundTrip = (member: Member): Member => decodeMember(member.id, member.platform, member.tenantId, encodeMember(member));

describe('member codec', () => {
  it('stores a started member with the usual schedule as its name, zone, creation time and nothing else', () => {
    const member = makeMember('U0000001', { displayName: 'Person 000001', active: true });
    const text = encodeMember(member);
    expect(text).toBe(`["Person 000001","Europe/Berlin",${T0 / 1000}]`);
    // 94 bytes in the first format; at 44 or fewer Redis keeps the value inside its object header (embstr).
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(44);
    expect(roundTrip(member)).toEqual(member);
    expect(encodeMember({ ...member, active: false })).toBe(`["Person 000001","Europe/Berlin",${T0 / 1000},1]`);
  });

  it('reads back every field exactly, whatever differs from the usual schedule', () => {
    const members = [
      makeBusyMember('UBUSY'),
      makeMember('UPLAIN'),
      makeMember('UBAND', { hasBand: true }),
      makeMember('UASSUMED', { timezoneAssumed: true, schedule: { timezone: 'America/New_York', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', intervalMinutes: 60 } }),
      makeMember('UMS', { createdAt: T0 + 123, schedule: { timezone: 'UTC', workdays: [], start: '09:00', end: '17:00', intervalMinutes: 60 } }),
      makeMember('UODD', {
        schedule: { timezone: 'Asia/Kolkata', workdays: [7, 1, 9], start: '00:00', end: '24:00', intervalMinutes: 15 },
        teamIds: [`slack:${TENANT}:C01:thread`, 'slack:T02OTHER:C01', `slack:${TENANT}:C02`],
        inactiveSpans: [{ from: T0, to: null }, { from: T0 - 7200_000, to: T0 - 3600_000, reason: 'out_of_office' }],
        meetings: 'ignore',
        holidays: 'AU-VIC',
        heldFor: 'huddle',
        address: { 'odd key': 'value with "quotes", ünïcode and [brackets]' },
        displayName: '["not", "an", "array"]',
      }),
    ];
    for (const member of members) expect(roundTrip(member)).toEqual(member);
  });

  it('still reads members written in the first format (an object with the schedule as a list)', () => {
    const v1 =
      '{"n":"Zoë","s":["America/New_York","1357","08:30","18:15",45],"c":1764064800123,"b":1,"a":1,"p":1764068400000,' +
      '"x":[[1763978400000,1763984800000],[1764064800000,null]],"t":["C01DESIGN","slack:T02OTHER:C9"],"r":["glute-squeeze"],' +
      '"q":"slack:T01ACME:pSNOOZED","u":1764065400000,"d":{"channel":"D0123"}}';
    expect(decodeMember(`slack:${TENANT}:UOLD`, 'slack', TENANT, v1)).toEqual({
      id: `slack:${TENANT}:UOLD`,
      platform: 'slack',
      tenantId: TENANT,
      displayName: 'Zoë',
      schedule: { timezone: 'America/New_York', workdays: [1, 3, 5, 7], start: '08:30', end: '18:15', intervalMinutes: 45 },
      hasBand: true,
      avoidTags: [],
      active: true,
      pausedUntil: 1764068400000,
      inactiveSpans: [
        { from: 1763978400000, to: 1763984800000 },
        { from: 1764064800000, to: null },
      ],
      teamIds: [`slack:${TENANT}:C01DESIGN`, 'slack:T02OTHER:C9'],
      recentChallengeIds: ['glute-squeeze'],
      snoozedPromptId: 'slack:T01ACME:pSNOOZED',
      snoozeUntil: 1764065400000,
      meetings: 'hold',
      holidays: null,
      address: { channel: 'D0123' },
      createdAt: 1764064800123,
    });
    const plain = `{"n":"Person 000001","s":["Europe/Berlin","12345","09:00","17:00",60],"c":${T0}}`;
    expect(decodeMember(`slack:${TENANT}:U1`, 'slack', TENANT, plain)).toEqual(makeMember('U1', { displayName: 'Person 000001' }));
  });

  it('keeps a schedule field that matches the codec default out of the record, and any other value in it', () => {
    const usual = encodeMember(makeMember('U1'));
    const longer = encodeMember(makeMember('U1', { schedule: { timezone: 'Europe/Berlin', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', intervalMinutes: 60 } }));
    expect(usual).not.toContain('17:00');
    expect(longer).toContain('"e":"18:00"');
    expect(longer).not.toContain('09:00');
  });
});
