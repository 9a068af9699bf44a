import { describe, expect, it } from 'vitest';
import { ordinal, rankTeams } from '../../../../src/core/progress/ranking.ts';

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
