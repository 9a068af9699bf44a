// The App Home tab: streak, next break, this week's points, team ranks, and buttons to start, stop, pause and open settings.
import type { types } from '@slack/bolt';
import { MEDICAL_NOTE, type StatsView } from '../../../core/index.ts';
import { ACTION } from '../action-ids.ts';
import { actions, button, context, divider, header, section, sectionsOfLines, type Block } from './kit.ts';
import { statsLines, teamRankLines } from './boards.ts';
import { LIMITS, capBlocks } from './limits.ts';

function controls(view: StatsView | null): types.ActionsBlock {
  const elements: types.Button[] = [];
  if (view === null || !view.active) elements.push(button('Start breaks', ACTION.homeStart, 'start', 'primary'));
  if (view !== null && view.active) {
    if (view.pausedUntil === null) elements.push(button('Pause 1 hour', ACTION.homePause, '1h'));
    elements.push(button('Stop breaks', ACTION.homeStop, 'stop', 'danger'));
    // The value is the choice the button makes: the other one.
    elements.push(view.meetings === 'hold' ? button('Send during meetings', ACTION.homeMeetings, 'ignore') : button('Hold during meetings', ACTION.homeMeetings, 'hold'));
  }
  elements.push(button('Settings', ACTION.homeSettings, 'settings'));
  return actions('home_controls', elements);
}

/** `view` is null for someone who has never used the bot. */
export function renderHome(view: StatsView | null): types.HomeView {
  const blocks: Block[] = [header('Desk breaks')];
  if (view === null) {
    blocks.push(section('Short glute and hip exercises at sensible times in your working day. Nothing arrives until you start.'));
  } else {
    blocks.push(...sectionsOfLines(statsLines(view)));
    const ranks = teamRankLines(view);
    blocks.push(divider(), section('*Team ranks*'), ...(ranks.length > 0 ? sectionsOfLines(ranks) : [section('Not in a team yet: type `/breaks join` in your team\'s channel.')]));
  }
  blocks.push(divider(), controls(view), context('Type `/breaks help` for every command.'), context(MEDICAL_NOTE));
  return { type: 'home', blocks: capBlocks(blocks, LIMITS.viewBlocks, (omitted) => context(`…and ${omitted} more not shown.`)) };
}
