// Enrolling many people at once (a workspace install, a bulk import): new members go in with a few store calls per
// chunk instead of several per member; anyone already enrolled goes the way enrol takes them, member by member.
import type { CoreContext } from '../context.ts';
import { ValidationError } from '../errors.ts';
import { tenantOf } from '../ids.ts';
import type { Member } from '../model.ts';
import type { TenantLoad } from '../schedule/load-plan.ts';
import type { BoardStore, DueIndex, MemberEnrolment, MemberStore, TeamStore } from '../ports/index.ts';
import { enrol, enrolledMember, nextDueAt, reschedule, type EnrolInput } from './members.ts';
import { activeRosterId, tenantLoadOf } from './tenant-load.ts';

type Ctx = CoreContext<MemberStore & DueIndex & TeamStore & BoardStore>;

/** Members per enrolMembers call: big enough that round trips do not count, small enough not to hold Redis up. */
const CHUNK = 500;
/** Chunks stored at once, so building one overlaps storing another. */
const CHUNKS_IN_FLIGHT = 2;

export interface EnrolAllOptions {
  /** Turn breaks on for the members this enrols (an admin's import); members already enrolled keep their choice. */
  start: boolean;
}

export interface EnrolAllResult {
  /** Members this call created. */
  created: number;
  /** Members who were enrolled already: only their name and address were refreshed, as enrol does. */
  existing: number;
}

/**
 * Enrols every input: a new member is created (started when `options.start`, with its first due entry); an existing
 * one is left as enrol leaves it, never overwritten or started. Running it again after an interruption mends a
 * started member the interruption left without a due entry. Refuses the whole list, writing nothing, if an id is bad.
 */
export async function enrolAll(ctx: Ctx, inputs: readonly EnrolInput[], options: EnrolAllOptions): Promise<EnrolAllResult> {
  const bad = inputs.find((input) => !tenantOf(input.memberId));
  if (bad) throw new ValidationError(`"${bad.memberId}" is not a valid member id.`);
  const now = ctx.clock.now();
  const loads = options.start ? await importLoads(ctx, inputs) : new Map<string, TenantLoad>();
  const result: EnrolAllResult = { created: 0, existing: 0 };
  for (let from = 0; from < inputs.length; from += CHUNK * CHUNKS_IN_FLIGHT) {
    const chunks = [];
    for (let at = from; at < Math.min(inputs.length, from + CHUNK * CHUNKS_IN_FLIGHT); at += CHUNK) {
      chunks.push(enrolChunk(ctx, inputs.slice(at, at + CHUNK), options.start, loads, now));
    }
    for (const counts of await Promise.all(chunks)) {
      result.created += counts.created;
      result.existing += counts.existing;
    }
  }
  return result;
}

async function enrolChunk(ctx: Ctx, chunk: readonly EnrolInput[], start: boolean, loads: Map<string, TenantLoad>, now: number): Promise<EnrolAllResult> {
  const entries = chunk.map((input): MemberEnrolment => {
    const member: Member = { ...enrolledMember(ctx, input, now), active: start };
    return { member, dueAt: start ? nextDueAt(ctx, member, now, loads.get(rosterOf(member)) ?? null) : null };
  });
  const stored = await ctx.store.enrolMembers(entries);
  // Rosters hold active members: the tenant's sizes its spread window (a crash before this only narrows it).
  const startedByRoster = new Map<string, string[]>();
  entries.forEach(({ member }, i) => {
    if (!stored[i] || !member.active) return;
    const ids = startedByRoster.get(rosterOf(member));
    if (ids) ids.push(member.id);
    else startedByRoster.set(rosterOf(member), [member.id]);
  });
  await ctx.store.addTeamMembers([...startedByRoster].map(([teamId, memberIds]) => ({ teamId, memberIds })));
  const existing = chunk.filter((_, i) => !stored[i]);
  // Different members never conflict, so the chunk's existing ones go side by side.
  await Promise.all(existing.map((input) => enrolExisting(ctx, input)));
  return { created: chunk.length - existing.length, existing: existing.length };
}

function rosterOf(member: Pick<Member, 'platform' | 'tenantId'>): string {
  return activeRosterId(member.platform, member.tenantId);
}

/**
 * Each tenant's load once the import's members are on: what the members' spread offsets are planned for. An upper
 * bound (members already enrolled count again); each member's offset is planned afresh after its first slot.
 */
async function importLoads(ctx: Ctx, inputs: readonly EnrolInput[]): Promise<Map<string, TenantLoad>> {
  const counts = new Map<string, { tenant: { platform: Member['platform']; tenantId: string }; count: number }>();
  for (const input of inputs) {
    const tenant = tenantOf(input.memberId)!;
    const roster = rosterOf(tenant);
    const entry = counts.get(roster);
    if (entry) entry.count += 1;
    else counts.set(roster, { tenant, count: 1 });
  }
  const loads = new Map<string, TenantLoad>();
  for (const [roster, { tenant, count }] of counts) {
    const load = await tenantLoadOf(ctx, tenant);
    loads.set(roster, { ...load, activeMembers: load.activeMembers + count });
  }
  return loads;
}

/** An existing member: enrol's refresh; a started one without a due entry (an interrupted import) is scheduled. */
async function enrolExisting(ctx: Ctx, input: EnrolInput): Promise<void> {
  const member = await enrol(ctx, input);
  if (member.active && (await ctx.store.getDue(member.id)) === null) await reschedule(ctx, member);
}
