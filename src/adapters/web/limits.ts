// The web chat has no login, so whoever reaches it could create people and hold streams without end: these caps hold in any mode.
import type { BreakService } from '../../core/index.ts';
import { teamId } from '../../core/index.ts';
import { WEB_TENANT } from './identity.ts';

export interface WebChatLimits {
  /** People the web chat holds; a new name beyond this is refused until someone is forgotten. */
  maxMembers: number;
  /** Open event streams in all (each is a held HTTP connection). */
  maxStreams: number;
  /** Open event streams per person (a few tabs). */
  streamsPerMember: number;
}

export const WEB_CHAT_LIMITS: WebChatLimits = { maxMembers: 100, maxStreams: 50, streamsPerMember: 5 };

/** A cap was reached: the route answers `status` with this message, and nothing changed. */
export class WebLimitError extends Error {
  constructor(
    readonly status: 403 | 429,
    message: string,
  ) {
    super(message);
    this.name = 'WebLimitError';
  }
}

/** The set of everyone the web chat created, kept as a roster under an id no team slug can take ("~" is not a slug character). */
export const WEB_PEOPLE_ROSTER = teamId('web', WEB_TENANT, '~people');

/**
 * Lets a known person through, and a new one only while there is room; then counts them. Two new names at the same
 * instant can both pass the check, so the cap may be passed by the number of requests in flight, no more.
 */
export async function admitMember(service: BreakService, memberId: string, maxMembers: number): Promise<void> {
  const store = service.ctx.store;
  if (await service.getMember(memberId)) return;
  if ((await store.countTeamMembers(WEB_PEOPLE_ROSTER)) >= maxMembers) {
    throw new WebLimitError(403, `This web chat holds at most ${maxMembers} people and is full. Someone must "forget me" to make room.`);
  }
  await store.addTeamMember(WEB_PEOPLE_ROSTER, memberId);
}

/** After "forget me": the person's place is free again. */
export async function releaseMember(service: BreakService, memberId: string): Promise<void> {
  await service.ctx.store.removeTeamMember(WEB_PEOPLE_ROSTER, memberId);
}
