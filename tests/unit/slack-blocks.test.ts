// The Block Kit renderers are pure and stay inside Slack's limits whatever the content: 50 blocks, 3000-character
// sections, 75-character buttons, 255-character ids and values, and always a fallback text.
import { describe, expect, it } from 'vitest';
import { CHALLENGES, type ClickResultView, type LeaderboardView, type PromptView, type StatsView, type TeamPromptView, type WorkspaceBoardView } from '../../src/core/index.ts';
import { renderLeaderboard, renderStats, renderDigest, renderText } from '../../src/adapters/slack/blocks/boards.ts';
import { renderHome } from '../../src/adapters/slack/blocks/home.ts';
import { LIMITS, clip, clipId, escapeMrkdwn } from '../../src/adapters/slack/blocks/limits.ts';
import { renderPrompt, renderTeamPrompt } from '../../src/adapters/slack/blocks/prompt.ts';
import { renderClickResult } from '../../src/adapters/slack/blocks/result.ts';
import type { SlackMessage } from '../../src/adapters/slack/blocks/kit.ts';

const challenge = CHALLENGES[0]!;
const promptId = 'slack:T1:pAbCdEfGhIjKlMnOp';

function prompt(overrides: Partial<PromptView> = {}): PromptView {
  return { promptId, challenge, localTime: '10:00', snoozeMinutes: [10, 30, 60], expiresAt: 0, ...overrides };
}

/** Every limit Slack enforces on what we render, checked over the whole block tree. */
function limitViolations(blocks: unknown[], maxBlocks: number): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks`);
  const walk = (node: unknown, parentType: string | null): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, parentType));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const type = typeof o['type'] === 'string' ? (o['type'] as string) : parentType;
    for (const key of ['action_id', 'block_id', 'value'] as const) {
      if (typeof o[key] === 'string' && (o[key] as string).length > LIMITS.id) problems.push(`${key} of ${(o[key] as string).length}`);
    }
    const text = o['text'] as { text?: unknown } | undefined;
    if (text && typeof text.text === 'string') {
      const max = type === 'header' ? LIMITS.headerText : type === 'button' ? LIMITS.buttonText : LIMITS.sectionText;
      if (text.text.length > max) problems.push(`${type} text of ${text.text.length}`);
    }
    if (o['options'] && Array.isArray(o['options'])) {
      for (const opt of o['options'] as Array<{ text: { text: string } }>) if (opt.text.text.length > LIMITS.optionText) problems.push('option text');
    }
    if (type === 'context' && Array.isArray(o['elements']) && (o['elements'] as unknown[]).length > LIMITS.contextElements) problems.push('context elements');
    for (const [key, value] of Object.entries(o)) if (key !== 'text') walk(value, type);
    if (text && typeof text === 'object') walk(text, type);
  };
  walk(blocks, null);
  return problems;
}

function expectWithinLimits(msg: SlackMessage): void {
  expect(msg.text.trim().length).toBeGreaterThan(0);
  expect(msg.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  expect(limitViolations(msg.blocks, LIMITS.messageBlocks)).toEqual([]);
}

const huge = 'x'.repeat(10_000);

describe('prompt rendering', () => {
  it('a prompt has Done, a snooze choice carrying the prompt id and the minutes, Skip and Swap', () => {
    const msg = renderPrompt(prompt());
    expectWithinLimits(msg);
    const actions = msg.blocks.find((b) => b.type === 'actions') as unknown as { elements: Array<Record<string, unknown>> };
    expect(actions.elements.map((e) => e['action_id'])).toEqual(['break_done', 'break_snooze', 'break_skip', 'break_swap']);
    expect(actions.elements[0]?.['value']).toBe(promptId);
    expect((actions.elements[1]?.['options'] as Array<{ value: string }>).map((o) => o.value)).toEqual([`${promptId}|10`, `${promptId}|30`, `${promptId}|60`]);
    expect(msg.text).toContain(challenge.title);
  });

  it('every catalogue challenge renders inside the limits with its steps, why and safety line', () => {
    for (const c of CHALLENGES) {
      const msg = renderPrompt(prompt({ challenge: c }));
      expectWithinLimits(msg);
      const text = JSON.stringify(msg.blocks);
      expect(text).toContain('Why it helps');
      expect(text).toContain(':warning:');
    }
  });

  it('an absurdly long challenge is clipped into the limits rather than rejected by Slack', () => {
    const long = { ...challenge, title: huge, why: huge, safety: huge, credit: huge, steps: Array.from({ length: 200 }, () => huge) };
    expectWithinLimits(renderPrompt(prompt({ challenge: long })));
    expectWithinLimits(renderTeamPrompt({ ...prompt({ challenge: long }), teamId: 't', teamName: huge, joinedCount: 3 }));
  });

  it('ids and values longer than 255 characters are cut to 255', () => {
    const msg = renderPrompt(prompt({ promptId: `slack:T1:${'p'.repeat(400)}` }));
    expect(limitViolations(msg.blocks, LIMITS.messageBlocks)).toEqual([]);
  });

  it('a team prompt shows how many have joined and offers only Done', () => {
    const view: TeamPromptView = { ...prompt(), teamId: 'slack:T1:C1', teamName: '#design', joinedCount: 4 };
    const msg = renderTeamPrompt(view);
    expectWithinLimits(msg);
    expect(JSON.stringify(msg.blocks)).toContain('4 people have joined so far');
    expect(msg.text).toContain('4 people have joined');
    const actions = msg.blocks.find((b) => b.type === 'actions') as unknown as { elements: Array<Record<string, unknown>> };
    expect(actions.elements.map((e) => e['action_id'])).toEqual(['break_done']);
  });

  it('text from outside is escaped so it cannot ping a channel or inject a link', () => {
    expect(escapeMrkdwn('<!channel> & <https://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;https://x|y&gt;');
    const msg = renderTeamPrompt({ ...prompt(), teamId: 't', teamName: '<!here>', joinedCount: 0 });
    // Slack reads mrkdwn sections and the fallback text for mentions; plain_text (the header) is never parsed.
    const mrkdwn = msg.blocks.flatMap((b) => (b.type === 'section' && b.text?.type === 'mrkdwn' ? [b.text.text] : []));
    expect([msg.text, ...mrkdwn].join('\n')).not.toContain('<!here>');
    expect(msg.text).toContain('&lt;!here&gt;');
  });
});

describe('click results', () => {
  const base: ClickResultView = {
    outcome: 'done', promptId, message: 'Nice work: break done.', challengeTitle: challenge.title,
    todayCount: 3, streak: 5, pointAwarded: true, teamRank: '2nd of 7 in #design', joinedCount: null, snoozedUntil: null,
  };
  const outcomes: ClickResultView['outcome'][] = ['done', 'already-done', 'snoozed', 'skipped', 'already-closed', 'not-yours', 'expired', 'not-found'];

  it('every outcome renders with fallback text and without buttons', () => {
    for (const outcome of outcomes) {
      const msg = renderClickResult({ ...base, outcome, snoozedUntil: outcome === 'snoozed' ? Date.parse('2026-11-25T09:35:00Z') : null }, 'Europe/Berlin');
      expectWithinLimits(msg);
      expect(msg.blocks.some((b) => b.type === 'actions')).toBe(false);
    }
  });

  it('Done shows today\'s count, the streak and the team rank', () => {
    const msg = renderClickResult(base, 'UTC');
    expect(msg.text).toContain('Today: 3 breaks · Streak: 5 workdays · 2nd of 7 in #design');
  });

  it('Snooze says the local time the break comes back', () => {
    const msg = renderClickResult({ ...base, outcome: 'snoozed', snoozedUntil: Date.parse('2026-11-25T09:35:00Z'), todayCount: null, streak: null, teamRank: null }, 'Europe/Berlin');
    expect(msg.text).toContain('snoozed until 10:35');
  });
});

describe('boards and home', () => {
  const rows = Array.from({ length: 500 }, (_, i) => ({ rank: i + 1, memberId: `m${i}`, displayName: `Person ${i} ${'n'.repeat(60)}`, streak: 500 - i, weekPoints: i % 9, isViewer: i === 7 }));
  const teams = Array.from({ length: 300 }, (_, i) => ({ rank: i + 1, teamId: `t${i}`, teamName: `#team-${i}`, streak: 3, participation: 0.5, isViewersTeam: i === 0 }));
  const board: LeaderboardView = { teamId: 't0', teamName: '#team-0', weekKey: '2026-W48', rows, teamRank: teams[0]!, teamCount: 300 };
  const workspace: WorkspaceBoardView = { rows: teams };

  it('a leaderboard with hundreds of members and teams stays inside 50 blocks of at most 3000 characters', () => {
    const msg = renderLeaderboard(board, workspace, 'Leaderboard');
    expectWithinLimits(msg);
    expect(JSON.stringify(msg.blocks)).toContain('*Person 7');
    expect(JSON.stringify(msg.blocks)).toContain('1st of 300 teams');
  });

  it('a leaderboard for someone without a team says how to join one', () => {
    const msg = renderLeaderboard(null, { rows: [] }, 'You are not in a team yet: type "join" in a team channel.');
    expectWithinLimits(msg);
    expect(msg.text).toMatch(/not in a team yet/);
  });

  const stats: StatsView = {
    memberId: 'slack:T1:U1', displayName: 'Ada', active: true, pausedUntil: null,
    schedule: { timezone: 'Europe/Berlin', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', intervalMinutes: 60 },
    hasBand: false, avoidTags: ['stairs', 'balance'], meetings: 'hold', holidays: null, streak: 4, todayCount: 2, weekPoints: 9, totalPoints: 40, totalCompletions: 41, promptsSent: 60, arrivesAfterSlotMs: 12 * 60_000,
    nextPromptAt: Date.parse('2026-11-25T10:00:00Z'),
    teams: Array.from({ length: 200 }, (_, i) => ({ teamId: `t${i}`, teamName: `#t${i}`, rank: 1, of: 3 })),
  };

  it('the App Home shows streak, next break, week points and team ranks with start/stop/pause/settings controls', () => {
    const view = renderHome(stats);
    expect(view.type).toBe('home');
    expect(limitViolations(view.blocks, LIMITS.viewBlocks)).toEqual([]);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Streak:* 4 workdays');
    expect(text).toContain('This week:* 9 points');
    expect(text).toContain('Next break:* Wednesday 25 Nov at 11:00');
    // In a big workspace the prompt comes a while after its slot, and the member is told so.
    expect(text).toContain('your breaks arrive about 12 min after each slot');
    expect(text).toContain('#t0: 1st of 3');
    const controls = view.blocks.find((b) => b.type === 'actions') as { elements: Array<{ action_id: string }> };
    expect(controls.elements.map((e) => e.action_id)).toEqual(['home_pause_1h', 'home_stop', 'home_meetings', 'home_settings']);
  });

  it('the App Home for someone new offers Start and Settings', () => {
    const view = renderHome(null);
    const controls = view.blocks.find((b) => b.type === 'actions') as { elements: Array<{ action_id: string }> };
    expect(controls.elements.map((e) => e.action_id)).toEqual(['home_start', 'home_settings']);
  });

  it('stats, the digest and plain replies render inside the limits', () => {
    expectWithinLimits(renderStats(stats));
    expectWithinLimits(renderDigest({ teamId: 't', teamName: '#design', weekKey: '2026-W48', streak: 2, participation: 0.75, top: rows.slice(0, 5) }));
    expectWithinLimits(renderText(`${huge}\n${huge}`));
  });
});

describe('clipping', () => {
  it('clip ends with an ellipsis and never splits a surrogate pair', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
    const emoji = `ab${'😀'.repeat(5)}`;
    const cut = clip(emoji, 4);
    expect(cut.length).toBeLessThanOrEqual(4);
    expect(cut).toBe('ab…');
  });

  it('clipId cuts to 255 without decoration', () => {
    expect(clipId('a'.repeat(300))).toBe('a'.repeat(255));
  });
});
