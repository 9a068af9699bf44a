// Teams presence from Microsoft Graph for the due members of a claimed batch: one getPresencesByUserId call per 650
// members of a tenant, read as the core's "cannot be reached". A failed call (429, 5xx, timeout, bad answer) answers
// "nothing known" for its members, so their prompts go out.
import { z } from 'zod';
import type { Logger, ReachabilityQuery, Unreachable } from '../../core/index.ts';
import { tenantOf } from '../../core/index.ts';
import type { GraphTokens } from './graph-token.ts';

/** Graph's limit of ids per getPresencesByUserId call. */
export const PRESENCE_IDS_PER_CALL = 650;
const TIMEOUT_MS = 5_000;

const presenceAnswer = z.object({
  value: z.array(
    z.looseObject({
      id: z.string(),
      availability: z.string().optional().catch(undefined),
      activity: z.string().optional().catch(undefined),
      outOfOfficeSettings: z.looseObject({ isOutOfOffice: z.boolean().optional().catch(undefined) }).nullable().optional().catch(undefined),
    }),
  ),
});

export type Presence = z.infer<typeof presenceAnswer>['value'][number];

const HOLDING_ACTIVITY: Readonly<Record<string, Unreachable['reason']>> = {
  InAMeeting: 'meeting',
  InACall: 'meeting',
  InAConferenceCall: 'meeting',
  Presenting: 'meeting',
  DoNotDisturb: 'dnd',
  Focusing: 'focus',
  UrgentInterruptionsOnly: 'dnd',
};

/** Pure: presence as reachability. Presence carries no end, so a hold lasts the core's default and is read again at the next slot. */
export function unreachableFromPresence(presence: Presence): Unreachable | null {
  if (presence.activity === 'OutOfOffice' || presence.outOfOfficeSettings?.isOutOfOffice === true) return { reason: 'out_of_office', until: null };
  const reason = presence.activity === undefined ? undefined : HOLDING_ACTIVITY[presence.activity];
  if (reason !== undefined) return { reason, until: null };
  if (presence.availability === 'DoNotDisturb') return { reason: 'dnd', until: null };
  return null;
}

export interface PresenceReaderOptions {
  graphUrl: string;
  tokens: GraphTokens;
  logger: Logger;
}

export function createPresenceReader(options: PresenceReaderOptions): (queries: ReachabilityQuery[]) => Promise<Array<Unreachable | null>> {
  async function readChunk(tenantId: string, userIds: string[]): Promise<Map<string, Presence>> {
    const token = await options.tokens.tokenFor(tenantId);
    const res = await fetch(`${options.graphUrl}communications/getPresencesByUserId`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ids: userIds }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`getPresencesByUserId answered HTTP ${res.status}`);
    const parsed = presenceAnswer.safeParse(json);
    if (!parsed.success) throw new Error('getPresencesByUserId answer out of shape');
    return new Map(parsed.data.value.map((presence) => [presence.id, presence]));
  }

  return async (queries) => {
    const answers: Array<Unreachable | null> = queries.map(() => null);
    const byTenant = new Map<string, Array<{ position: number; userId: string }>>();
    queries.forEach(({ member }, position) => {
      const userId = member.id.slice(`teams:${member.tenantId}:`.length);
      if (tenantOf(member.id)?.platform !== 'teams' || userId === '') return;
      byTenant.set(member.tenantId, [...(byTenant.get(member.tenantId) ?? []), { position, userId }]);
    });
    const chunks: Array<{ tenantId: string; items: Array<{ position: number; userId: string }> }> = [];
    for (const [tenantId, items] of byTenant) {
      for (let i = 0; i < items.length; i += PRESENCE_IDS_PER_CALL) chunks.push({ tenantId, items: items.slice(i, i + PRESENCE_IDS_PER_CALL) });
    }
    await Promise.all(
      chunks.map(async ({ tenantId, items }) => {
        try {
          const found = await readChunk(tenantId, [...new Set(items.map((item) => item.userId))]);
          for (const { position, userId } of items) {
            const presence = found.get(userId);
            answers[position] = presence ? unreachableFromPresence(presence) : null;
          }
        } catch (err) {
          // Not knowing is never a reason to hold a break back.
          options.logger.warn({ tenantId, members: items.length, err: err instanceof Error ? err.message : 'unknown' }, 'Teams presence look-up failed; sending now');
        }
      }),
    );
    return answers;
  };
}
