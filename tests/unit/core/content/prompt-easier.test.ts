import { describe, expect, it } from 'vitest';
import { renderPrompt } from '../../../../src/adapters/slack/blocks/prompt.ts';
import { promptCard } from '../../../../src/adapters/teams/cards/prompt-cards.ts';
import { challengeById, type PromptView } from '../../../../src/core/index.ts';

function view(id: string): PromptView {
  return { promptId: 'p1', challenge: challengeById(id)!, localTime: '10:00', snoozeMinutes: [10, 30, 60], expiresAt: 0 };
}

describe('a prompt names the easier version of a standing challenge', () => {
  it('in Slack and in Teams', () => {
    const standing = view('reverse-lunge');
    const easier = standing.challenge.easier!;
    expect(JSON.stringify(renderPrompt(standing).blocks)).toContain(`*Easier:* ${easier}`);
    expect(JSON.stringify(promptCard(standing))).toContain(`Easier: ${easier}`);
  });

  it('and adds no empty line for a seated one', () => {
    const seated = view('seated-heel-press');
    expect(JSON.stringify(renderPrompt(seated).blocks)).not.toContain('Easier');
    expect(JSON.stringify(promptCard(seated))).not.toContain('Easier');
  });
});
