// The Teams Messenger: how the scheduler and "now" reach people and channels, through stored conversation references.
import type { PictureSource } from '../../core/index.ts';
import { pictureElement } from './cards/picture.ts';
import { ValidationError, type DigestView, type Member, type Messenger, type PromptView, type ReachabilityQuery, type Team, type TeamPromptView, type Unreachable, type WireGate } from '../../core/index.ts';
import { digestCard } from './cards/command-cards.ts';
import { promptCard, teamPromptCard } from './cards/prompt-cards.ts';
import type { ReferenceStore } from './conversation-references.ts';
import { cardActivity, type Outbox } from './outbox.ts';

export interface TeamsMessengerDeps {
  references: ReferenceStore;
  outbox: Outbox;
  /** With TEAMS_PRESENCE: reads Graph presence for a batch's due members. */
  presence?: ((queries: ReachabilityQuery[]) => Promise<Array<Unreachable | null>>) | undefined;
  /** Challenge pictures for the cards; absent: cards go without. */
  pictures?: PictureSource | null | undefined;
}

export function createTeamsMessenger(deps: TeamsMessengerDeps): Messenger {
  async function referenceFor(id: string, who: string) {
    const reference = await deps.references.load(id);
    // No reference: never installed, or uninstalled since. Nothing may be sent there.
    if (!reference) throw new ValidationError(`The bot cannot reach ${who} in Teams: the app is not installed there.`);
    return reference;
  }

  return {
    platform: 'teams',
    ...(deps.presence ? { reachability: deps.presence } : {}),
    gatesSends: true,
    async sendPrompt(member: Member, view: PromptView, gate?: WireGate) {
      const reference = await referenceFor(member.id, 'you');
      const delivery = await deps.outbox.post(reference, member.tenantId, cardActivity(promptCard(view, pictureElement(deps.pictures, view.challenge.id)), `Desk break: ${view.challenge.title}`), gate);
      return { ...delivery };
    },
    async sendTeamPrompt(team: Team, view: TeamPromptView) {
      const reference = await referenceFor(team.id, 'this team');
      const activity = cardActivity(teamPromptCard(view, view.joinedCount), `Team challenge: ${view.challenge.title}`);
      return { ...(await deps.outbox.post(reference, team.tenantId, activity)) };
    },
    async sendDigest(team: Team, view: DigestView) {
      const reference = await referenceFor(team.id, 'this team');
      await deps.outbox.post(reference, team.tenantId, cardActivity(digestCard(view), `Weekly breaks digest for ${team.name}`));
    },
  };
}
