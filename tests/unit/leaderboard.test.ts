import { describe, expect, it } from 'vitest';
import { ordinal, rankMembers, rankTeams } from '../../src/core/leaderboard.ts';

describe('member leaderboard', () => {
  it('orders by streak, then by points this week, then by name', () => {
    const rows = rankMembers(
      [
        { memberId: 'm1', displayName: 'Cleo', streak: 2, weekPoints: 10 },
        { memberId: 'm2', displayName: 'Ben', streak: 5, weekPoints: 1 },
        { memberId: 'm3', displayName: 'Ada', streak: 2, weekPoints: 12 },
        { memberId: 'm4', displayName: 'Dan', streak: 0, weekPoints: 30 },
      ],
      null,
    );
    expect(rows.map((row) => [row.rank, row.displayName])).toEqual([
      [1, 'Ben'],
      [2, 'Ada'],
      [3, 'Cleo'],
      [4, 'Dan'],
    ]);
  });

  it('gives members with equal streak and points the same rank and skips the next (1, 1, 3)', () => {
    const rows = rankMembers(
      [
        { memberId: 'm1', displayName: 'zoe', streak: 3, weekPoints: 7 },
        { memberId: 'm2', displayName: 'Adam', streak: 3, weekPoints: 7 },
        { memberId: 'm3', displayName: 'bea', streak: 3, weekPoints: 6 },
      ],
      null,
    );
    // Tied rows are listed by name, letter case ignored.
    expect(rows.map((row) => [row.rank, row.displayName])).toEqual([
      [1, 'Adam'],
      [1, 'zoe'],
      [3, 'bea'],
    ]);
  });

  it('marks the viewer row and no other', () => {
    const rows = rankMembers(
      [
        { memberId: 'm1', displayName: 'Ann', streak: 1, weekPoints: 1 },
        { memberId: 'm2', displayName: 'Bob', streak: 2, weekPoints: 1 },
      ],
      'm1',
    );
    expect(rows.map((row) => [row.memberId, row.isViewer])).toEqual([
      ['m2', false],
      ['m1', true],
    ]);
  });

  it('returns an empty board for a team with no members', () => {
    expect(rankMembers([], 'm1')).toEqual([]);
  });
});

describe('team leaderboard', () => {
  it('puts a longer team streak first, then the higher participation rate, so a small team is not punished for its size', () => {
    const rows = rankTeams(
      [
        { teamId: 't-big', teamName: 'Sales', streak: 4, promptsSent: 1000, completions: 400 },
        { teamId: 't-small', teamName: 'Design', streak: 4, promptsSent: 20, completions: 18 },
        { teamId: 't-best', teamName: 'Ops', streak: 9, promptsSent: 50, completions: 5 },
      ],
      't-small',
    );
    expect(rows.map((row) => [row.rank, row.teamName, row.participation, row.isViewersTeam])).toEqual([
      [1, 'Ops', 0.1, false],
      [2, 'Design', 0.9, true],
      [3, 'Sales', 0.4, false],
    ]);
  });

  it('gives teams with equal streak and rate the same rank, and treats nothing sent as a rate of 0', () => {
    const rows = rankTeams(
      [
        { teamId: 't1', teamName: 'beta', streak: 1, promptsSent: 4, completions: 2 },
        { teamId: 't2', teamName: 'Alpha', streak: 1, promptsSent: 10, completions: 5 },
        { teamId: 't3', teamName: 'New', streak: 1, promptsSent: 0, completions: 0 },
      ],
      null,
    );
    expect(rows.map((row) => [row.rank, row.teamName, row.participation])).toEqual([
      [1, 'Alpha', 0.5],
      [1, 'beta', 0.5],
      [3, 'New', 0],
    ]);
  });

  it('caps participation at 1 when team challenges bring more completions than prompts sent', () => {
    const [row] = rankTeams([{ teamId: 't1', teamName: 'Ops', streak: 0, promptsSent: 3, completions: 9 }], null);
    expect(row?.participation).toBe(1);
  });
});

describe('ordinal', () => {
  it('writes English ordinals, including the teens', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(ordinal)).toEqual([
      '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th', '112th',
    ]);
  });
});
