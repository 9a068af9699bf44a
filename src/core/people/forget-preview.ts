// What "forget-me" will delete, said in figures before anything is deleted.
import type { StatsView } from '../views.ts';

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The confirmation question: what goes, that it cannot be undone, and the two ways to confirm. */
export function forgetPreviewText(stats: StatsView): string {
  const s = stats.schedule;
  const teams = stats.teams.map((team) => team.teamName);
  const parts = [
    `your settings (${s.start}-${s.end}, every ${s.intervalMinutes} minutes, ${s.timezone})`,
    `your streak of ${plural(stats.streak, 'day')} and ${plural(stats.totalPoints, 'point')}`,
    `your history of ${plural(stats.totalCompletions, 'completed break')} and ${plural(stats.promptsSent, 'prompt')} sent`,
    teams.length === 0 ? null : `your place in ${plural(teams.length, 'team')} (${teams.join(', ')}) and on their boards`,
    'any break waiting for you',
  ].filter((part): part is string => part !== null);
  return [
    `This deletes everything the bot knows about you: ${parts.join('; ')}.`,
    'It cannot be undone. Press "Delete everything" or type "forget-me confirm" to go ahead; otherwise nothing changes.',
  ].join('\n');
}
