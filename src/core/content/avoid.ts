// What a member's avoid list leaves them: the answer to `avoid ...`, said once when they set it.
import type { Member } from '../model.ts';
import { allowedChallenges } from './pick.ts';
import { describeAvoid } from './tags.ts';

export function avoidSummary(member: Pick<Member, 'hasBand' | 'avoidTags'>): string {
  const left = allowedChallenges({ hasBand: member.hasBand, avoidTags: member.avoidTags }).length;
  if (member.avoidTags.length === 0) return `Saved: nothing avoided; all ${left} challenges you can do are in the mix.`;
  const head = `Saved: no challenges that need ${describeAvoid(member.avoidTags)}.`;
  if (left === 0) {
    return `${head} That leaves no challenge at all, so no breaks will come until you say "avoid none" or avoid fewer things.`;
  }
  return `${head} ${left} challenge${left === 1 ? '' : 's'} left for you. Say "avoid none" to undo.`;
}
