// Every Teams card the bot renders parses with the adaptivecards package and stays within Adaptive Cards 1.5.
import { describe, expect, it } from 'vitest';
import { CHALLENGES, HELP_TEXT, type ClickOutcome, type ClickResultView, type LeaderboardView, type PromptView, type StatsView, type TeamPromptView } from '../../src/core/index.ts';
import type { AdaptiveCard } from '../../src/adapters/teams/cards/card-kit.ts';
import { digestCard, helpCard, leaderboardCard, statsCard, teamWelcomeCard, welcomeCard } from '../../src/adapters/teams/cards/command-cards.ts';
import { clickResultCard, joinedLine, promptCard, teamClickNote, teamPromptCard } from '../../src/adapters/teams/cards/prompt-cards.ts';
import { settingsCard, settingsSavedCard } from '../../src/adapters/teams/cards/settings-card.ts';
import { cardProblems, versionProblems } from '../helpers/adaptive-card-check.ts';

const challenge = CHALLENGES.find((c) => c.equipment === 'band') ?? CHALLENGES[0]!;
const prompt: PromptView = { promptId: 'teams:t1:pABC', challenge, localTime: '10:00', snoozeMinutes: [10, 30, 60], expiresAt: 0 };
const teamPrompt: TeamPromptView = { ...prompt, snoozeMinutes: [], teamId: 'teams:t1:19:design', teamName: 'Design [x](http://evil)', joinedCount: 0 };

function clickResult(outcome: ClickOutcome, extra: Partial<ClickResultView> = {}): ClickResultView {
  return { outcome, promptId: prompt.promptId, message: `outcome ${outcome}`, challengeTitle: challenge.title, todayCount: null, streak: null, pointAwarded: false, teamRank: null, joinedCount: null, snoozedUntil: null, ...extra };
}

const stats: StatsView = {
  memberId: 'teams:t1:ada',
  displayName: 'Ada',
  active: true,
  pausedUntil: Date.parse('2026-03-03T12:00:00Z'),
  schedule: { timezone: 'Europe/Berlin', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', intervalMinutes: 60 },
  hasBand: false,
  avoidTags: [],
  meetings: 'hold',
  holidays: null,
  streak: 3,
  todayCount: 2,
  weekPoints: 7,
  totalPoints: 20,
  totalCompletions: 21,
  promptsSent: 30,
  arrivesAfterSlotMs: 12 * 60_000,
  nextPromptAt: Date.parse('2026-03-03T13:00:00Z'),
  teams: [{ teamId: 'teams:t1:19:design', teamName: 'Design', rank: 2, of: 5 }],
};

const board: LeaderboardView = {
  teamId: 'teams:t1:19:design',
  teamName: 'Design',
  weekKey: '2026-W10',
  rows: [
    { rank: 1, memberId: 'teams:t1:bob', displayName: 'Bob', streak: 4, weekPoints: 9, isViewer: false },
    { rank: 2, memberId: 'teams:t1:ada', displayName: 'Ada', streak: 3, weekPoints: 7, isViewer: true },
  ],
  teamRank: { rank: 2, teamId: 'teams:t1:19:design', teamName: 'Design', streak: 2, participation: 0.5, isViewersTeam: true },
  teamCount: 3,
};
const workspace = { rows: [board.teamRank!, { rank: 1, teamId: 'teams:t1:19:ops', teamName: 'Ops', streak: 5, participation: 0.8, isViewersTeam: false }] };

const everyCard: Array<[string, AdaptiveCard]> = [
  ['prompt', promptCard(prompt)],
  ['team prompt', teamPromptCard(teamPrompt, 3, 'You are in.')],
  ...(['done', 'already-done', 'snoozed', 'skipped', 'already-closed', 'not-yours', 'expired', 'not-found'] as const).map(
    (outcome) => [`click ${outcome}`, clickResultCard(clickResult(outcome, { todayCount: 1, streak: 2, teamRank: '1st of 2 in Design', snoozedUntil: Date.parse('2026-03-02T09:30:00Z') }), 'Europe/Berlin')] as [string, AdaptiveCard],
  ),
  ['welcome', welcomeCard()],
  ['team welcome', teamWelcomeCard()],
  ['help', helpCard(HELP_TEXT, 'dance')],
  ['stats', statsCard(stats)],
  ['leaderboard', leaderboardCard(board, workspace, '')],
  ['leaderboard without a team', leaderboardCard(null, { rows: [] }, 'You are not in a team yet.')],
  ['digest', digestCard({ teamId: board.teamId, teamName: 'Design', weekKey: '2026-W10', streak: 2, participation: 0.5, top: board.rows })],
  ['settings', settingsCard({ start: '09:00', end: '17:00', interval: '60', days: ['1', '2'], timezone: 'UTC', band: true, avoid: ['stairs'], meetings: 'ignore', holidays: 'AU-VIC' }, ['the interval is wrong'])],
  ['settings saved', settingsSavedCard('Mon-Fri, 09:00-17:00')],
];

describe('Teams cards', () => {
  it.each(everyCard)('the %s card parses without errors and uses nothing newer than 1.5', (_name, card) => {
    expect(card.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
  });

  it('the check itself rejects a newer version, an element from 1.6, an unknown element and a property from 1.6', () => {
    const problems = versionProblems({
      type: 'AdaptiveCard',
      version: '1.6',
      body: [{ type: 'Carousel' }, { type: 'Sparkles' }, { type: 'Image', url: 'https://example.com/a.png', forceLoad: true }],
      actions: [{ type: 'Action.Submit', title: 'Go', role: 'Button' }],
    });
    expect(problems).toEqual([
      'root: version 1.6 is above 1.5',
      'card.body[0]: Carousel needs 1.6',
      'card.body[1]: unknown type Sparkles',
      'card.body[2].forceLoad: needs 1.6',
      'card.actions[0].role: needs 1.6',
    ]);
  });

  it('a prompt card carries the prompt id on every button, as Execute data and in the Submit fallback', () => {
    const actions = promptCard(prompt).actions ?? [];
    expect(actions).toHaveLength(5);
    for (const action of actions) {
      expect(action.type).toBe('Action.Execute');
      expect(action['data']).toMatchObject({ promptId: prompt.promptId });
      expect(action['fallback']).toMatchObject({ type: 'Action.Submit', data: { verb: action['verb'], promptId: prompt.promptId } });
    }
  });

  it('a team challenge card has Done only, and user-set names cannot smuggle in a link', () => {
    const card = teamPromptCard(teamPrompt, 0);
    expect((card.actions ?? []).map((a) => a['verb'])).toEqual(['break_done']);
    expect(JSON.stringify(card)).not.toContain('](http');
  });

  it('the joined line counts people in plain words', () => {
    expect([0, 1, 2].map(joinedLine)).toEqual(['Nobody has joined yet: be the first.', '1 person has joined.', '2 people have joined.']);
  });

  it('the note under a team challenge gives the clicker their streak and rank, or why nothing counted', () => {
    expect(teamClickNote(clickResult('done', { streak: 1, teamRank: '1st of 3 in Design' }))).toBe('You are in · streak 1 workday · 1st of 3 in Design.');
    expect(teamClickNote(clickResult('expired'))).toBe('outcome expired');
  });

  it('a personal click card has no buttons left and says when a snooze ends in the member\'s zone', () => {
    const card = clickResultCard(clickResult('snoozed', { snoozedUntil: Date.parse('2026-03-02T09:30:00Z') }), 'Europe/Berlin');
    expect(card.actions).toBeUndefined();
    expect(JSON.stringify(card)).toContain('Snoozed until 10:30');
  });
});
