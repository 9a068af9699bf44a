// The web Messenger: the scheduler and "now" reach people in the browser through their event streams.
import type { Clock, DigestView, Member, Messenger, PromptView, Store, Team, TeamPromptView } from '../../core/index.ts';
import { awayReachability } from './away-status.ts';
import type { EventHub } from './event-hub.ts';

const DELIVERED = { channel: 'web' } as const;

export function createWebMessenger(hub: EventHub, store: Store, clock: Clock): Messenger {
  return {
    platform: 'web',
    async sendPrompt(member: Member, view: PromptView) {
      hub.publish(member.id, 'prompt', view);
      return { ...DELIVERED };
    },
    async sendTeamPrompt(team: Team, view: TeamPromptView) {
      for (const memberId of await store.teamMemberIds(team.id)) hub.publish(memberId, 'team-prompt', view);
      return { ...DELIVERED, teamId: team.id };
    },
    async sendDigest(team: Team, view: DigestView) {
      for (const memberId of await store.teamMemberIds(team.id)) hub.publish(memberId, 'digest', view);
    },
    reachability: (queries) => awayReachability(store, clock, queries),
  };
}
