// Small Block Kit builders that apply the limits, so each renderer reads as a list of blocks.
import type { types } from '@slack/bolt';
import { LIMITS, capBlocks, clip, clipId, escapeMrkdwn } from './limits.ts';

export type Block = types.KnownBlock;

/** A message as the Web API takes it: blocks plus the fallback text notifications and screen readers use. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export function header(text: string): types.HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, LIMITS.headerText), emoji: true } };
}

export function section(mrkdwn: string, blockId?: string): types.SectionBlock {
  const block: types.SectionBlock = { type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn, LIMITS.sectionText) } };
  if (blockId !== undefined) block.block_id = clipId(blockId);
  return block;
}

export function context(...mrkdwn: string[]): types.ContextBlock {
  return {
    type: 'context',
    elements: mrkdwn.slice(0, LIMITS.contextElements).map((text) => ({ type: 'mrkdwn' as const, text: clip(text, LIMITS.sectionText) })),
  };
}

export function divider(): types.DividerBlock {
  return { type: 'divider' };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): types.Button {
  const element: types.Button = {
    type: 'button',
    text: { type: 'plain_text', text: clip(text, LIMITS.buttonText), emoji: true },
    action_id: clipId(actionId),
    value: clipId(value),
  };
  if (style !== undefined) element.style = style;
  return element;
}

export function option(text: string, value: string): types.PlainTextOption {
  return { text: { type: 'plain_text', text: clip(text, LIMITS.optionText), emoji: true }, value: clipId(value) };
}

export function actions(blockId: string, elements: types.ActionsBlockElement[]): types.ActionsBlock {
  return { type: 'actions', block_id: clipId(blockId), elements };
}

/** Splits lines into as few sections as fit the 3000-character limit (a single over-long line is clipped). */
export function sectionsOfLines(lines: readonly string[]): types.SectionBlock[] {
  const sections: types.SectionBlock[] = [];
  let current = '';
  for (const line of lines) {
    const piece = clip(line, LIMITS.sectionText);
    if (current !== '' && current.length + 1 + piece.length > LIMITS.sectionText) {
      sections.push(section(current));
      current = '';
    }
    current = current === '' ? piece : `${current}\n${piece}`;
  }
  if (current !== '') sections.push(section(current));
  return sections;
}

/** A message with its blocks capped at Slack's 50 and the fallback text escaped (it is read as mrkdwn) and clipped. */
export function message(text: string, blocks: readonly Block[]): SlackMessage {
  return {
    text: clip(escapeMrkdwn(text), LIMITS.fallbackText),
    blocks: capBlocks(blocks, LIMITS.messageBlocks, (omitted) => context(`…and ${omitted} more not shown.`)),
  };
}
