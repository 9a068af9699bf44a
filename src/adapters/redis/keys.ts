// The one place that builds Redis keys. Every key is `<prefix>{<tag>}...`; the hash tag decides the Cluster slot,
// so everything one script or transaction touches shares a tag: a tenant, a due shard, a limiter or a record.
import { tenantOf } from '../../core/index.ts';
import type { Platform } from '../../core/index.ts';

export const DEFAULT_PREFIX = 'db:';
export const DEFAULT_SHARD_COUNT = 16;

/** An id the store cannot place with its tenant's data (not `<platform>:<tenant>:<rest>`). */
export class UnplaceableIdError extends Error {
  constructor(id: string) {
    super(`"${id}" is not a <platform>:<tenant>:<rest> id`);
    this.name = 'UnplaceableIdError';
  }
}

/** The tenant tag and the part of the id after the tenant; keys carry only `rest`, the tag holds the tenant. */
export interface PlacedId {
  platform: Platform;
  tenantId: string;
  tag: string;
  rest: string;
}

/** Places `<platform>:<tenant>:<rest>`, or returns null. */
export function placeId(id: string): PlacedId | null {
  const tenant = tenantOf(id);
  if (!tenant) return null;
  const head = `${tenant.platform}:${tenant.tenantId}:`;
  return { platform: tenant.platform, tenantId: tenant.tenantId, tag: tenantTag(tenant.platform, tenant.tenantId), rest: id.slice(head.length) };
}

export function tenantTag(platform: string, tenantId: string): string {
  return `{t:${platform}:${tenantId}}`;
}

export function requirePlaced(id: string): PlacedId {
  const placed = placeId(id);
  if (!placed) throw new UnplaceableIdError(id);
  return placed;
}

/** FNV-1a over the UTF-8 bytes: stable across processes and versions, unlike anything seeded. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export interface DueShardKeys {
  /** Sorted set: job id -> due instant (ms). */
  due: string;
  /** Sorted set: job id -> lease deadline (ms). */
  lease: string;
  /** Hash: job id -> "token|dueAt". */
  claim: string;
}

export class RedisKeys {
  readonly prefix: string;
  readonly shardCount: number;

  constructor(prefix: string = DEFAULT_PREFIX, shardCount: number = DEFAULT_SHARD_COUNT) {
    // A brace in the prefix would become the hash tag and put every key in one slot.
    if (/[{}]/.test(prefix)) throw new Error('The Redis key prefix must not contain { or }');
    if (!Number.isInteger(shardCount) || shardCount < 1 || shardCount > 1000) throw new Error('shardCount must be an integer from 1 to 1000');
    this.prefix = prefix;
    this.shardCount = shardCount;
  }

  private tenantKey(id: string, kind: string): string {
    const { tag, rest } = requirePlaced(id);
    return `${this.prefix}${tag}:${kind}:${rest}`;
  }

  /** The tenant tag of an id, for checking that ids handled together live in one slot. */
  tagOf(id: string): string {
    return requirePlaced(id).tag;
  }

  /** The short form of an id kept inside tenant keys (sets of prompt ids): its part after the tenant. */
  restOf(id: string): string {
    return requirePlaced(id).rest;
  }

  member(memberId: string): string {
    return this.tenantKey(memberId, 'm');
  }

  /** Hash: d:<day> completions, w:<week> points, tp total points, tc total completions, ps prompts sent. */
  activity(memberId: string): string {
    return this.tenantKey(memberId, 'a');
  }

  /** Sorted set: prompt id rest -> expiry, every prompt of the member or that the member completed (for forget). */
  memberPrompts(memberId: string): string {
    return this.tenantKey(memberId, 'mp');
  }

  prompt(promptId: string): string {
    return this.tenantKey(promptId, 'p');
  }

  /** Done marker of (prompt, member); the member must be in the prompt's tenant. */
  done(promptId: string, memberId: string): string {
    const prompt = requirePlaced(promptId);
    const member = requirePlaced(memberId);
    if (prompt.tag !== member.tag) throw new Error(`member ${memberId} is not in the tenant of prompt ${promptId}`);
    return `${this.prefix}${prompt.tag}:done:${prompt.rest}:${member.rest}`;
  }

  /** Set of members who completed a team prompt. */
  joiners(promptId: string): string {
    return this.tenantKey(promptId, 'j');
  }

  team(teamId: string): string {
    return this.tenantKey(teamId, 'tm');
  }

  /** Set of the team ids of one tenant. */
  tenantTeams(platform: string, tenantId: string): string {
    return `${this.prefix}${tenantTag(platform, tenantId)}:teams`;
  }

  roster(teamId: string): string {
    return this.tenantKey(teamId, 'r');
  }

  /** Hash: c:<day> distinct completers, a:<day> active members that day. */
  teamDays(teamId: string): string {
    return this.tenantKey(teamId, 'td');
  }

  /** Set of members who completed on one team day (distinct count). */
  teamDayCompleters(teamId: string, day: string): string {
    return `${this.tenantKey(teamId, 'tdc')}:${day}`;
  }

  weekBoard(teamId: string, weekKey: string): string {
    return `${this.tenantKey(teamId, 'wb')}:${weekKey}`;
  }

  /** Set of week keys that have a board, so forget can find every board. */
  teamWeeks(teamId: string): string {
    return this.tenantKey(teamId, 'wk');
  }

  /** Sorted set: roster member -> -(streak * 2^20 + week points), best first (see lua/includes/teamBoard.lua). */
  teamBoard(teamId: string): string {
    return this.tenantKey(teamId, 'lb');
  }

  /** Sorted set: board member with a streak -> the instant (ms) it lapses. */
  teamBoardAlive(teamId: string): string {
    return this.tenantKey(teamId, 'la');
  }

  /** String: the week key the team board's points belong to. */
  teamBoardWeek(teamId: string): string {
    return this.tenantKey(teamId, 'lw');
  }

  /** Hash: ps prompts sent, c completions. */
  teamTotals(teamId: string): string {
    return this.tenantKey(teamId, 'tt');
  }

  shardOf(jobId: string): number {
    return stableHash(jobId) % this.shardCount;
  }

  dueShard(shard: number): DueShardKeys {
    const tag = `{d:${String(shard).padStart(2, '0')}}`;
    return { due: `${this.prefix}${tag}:due`, lease: `${this.prefix}${tag}:lease`, claim: `${this.prefix}${tag}:claim` };
  }

  dueShardOf(jobId: string): DueShardKeys {
    return this.dueShard(this.shardOf(jobId));
  }

  /** Send marker of (job, slot): with its tenant when the job id (minus a "kind|" prefix) names one. */
  sent(jobId: string, slotAt: number): string {
    const bar = jobId.indexOf('|');
    const placed = placeId(bar >= 0 ? jobId.slice(bar + 1) : jobId);
    const tag = placed ? placed.tag : `{m:${String(this.shardOf(jobId)).padStart(2, '0')}}`;
    return `${this.prefix}${tag}:s:${jobId}:${slotAt}`;
  }

  limiter(limiterKey: string): string {
    return `${this.prefix}{l:${limiterKey}}`;
  }

  record(kind: string, id: string): string {
    return `${this.prefix}{r:${kind}:${id}}`;
  }
}
