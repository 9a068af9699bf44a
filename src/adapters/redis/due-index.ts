// The due index on Redis: per shard a due sorted set, a lease sorted set and a claim hash (see keys.ts).
// Claims, commits and the reaper are Lua scripts; setDue and clearDue replace any claim in one transaction.
import type { Cluster, Redis } from 'ioredis';
import { StoreUnavailableError, type Claim, type DueCommit } from '../../core/index.ts';
import type { DueShardKeys, RedisKeys } from './keys.ts';
import { guard } from './redis-errors.ts';
import { runGrouped } from './grouped.ts';
import { scriptFailure } from './script-failures.ts';
import type { Scripts } from './scripts.ts';
import { execTransaction } from './transaction.ts';

/** Leases looked at per reaper call, so one call never blocks Redis for long. */
const REAP_BATCH = 500;
/** Unanswered claims remembered for release; older ones are left to the lease reaper. */
const MAX_UNANSWERED = 256;

/** A claim call that failed for the caller but may still run in Redis (sent before Redis froze or the link dropped). */
interface UnansweredClaim {
  shard: DueShardKeys;
  deadline: number;
  token: string;
}

export function requireJobId(id: string): void {
  if (typeof id !== 'string' || id.length === 0) throw new Error('a due job id must be a non-empty string');
}

function requireInstant(at: number, what: string): void {
  if (!Number.isFinite(at)) throw new Error(`${what} must be a finite number of ms`);
}

export class RedisDueIndex {
  /** Where the next claim starts, so every shard gets its turn at the front. */
  private nextShard = 0;
  /** Claims whose jobs nobody will handle if Redis ran them after all; released before the next claim. */
  private readonly unanswered: UnansweredClaim[] = [];

  constructor(
    private readonly redis: Redis | Cluster,
    private readonly keys: RedisKeys,
    private readonly scripts: Scripts,
  ) {}

  /** Sets the due instant; a claim in flight is dropped, so its worker's commit cannot overwrite this. */
  async set(id: string, dueAt: number): Promise<void> {
    requireJobId(id);
    requireInstant(dueAt, 'dueAt');
    const k = this.keys.dueShardOf(id);
    await execTransaction(this.redis.multi().zadd(k.due, dueAt, id).zrem(k.lease, id).hdel(k.claim, id));
  }

  /** set for many jobs: one script call for every shard they fall in (one per shard on a Cluster). */
  async setMany(entries: ReadonlyArray<{ jobId: string; dueAt: number }>): Promise<void> {
    const placed = entries.map((entry) => {
      requireJobId(entry.jobId);
      requireInstant(entry.dueAt, 'dueAt');
      return { ...entry, shard: this.keys.shardOf(entry.jobId) };
    });
    await runGrouped(this.redis, placed, (entry) => String(entry.shard), async (group) => {
      // Per shard, its jobs packed back to back as setDueMany.lua reads them: "<dueAt> <id length in bytes> <id>".
      const byShard = new Map<number, { count: number; packed: string[] }>();
      for (const { jobId, dueAt, shard } of group) {
        const job = `${dueAt} ${Buffer.byteLength(jobId)} ${jobId}`;
        const jobs = byShard.get(shard);
        if (jobs) {
          jobs.count += 1;
          jobs.packed.push(job);
        } else byShard.set(shard, { count: 1, packed: [job] });
      }
      const keys: string[] = [];
      const args: Array<string | number> = [];
      for (const [shard, jobs] of byShard) {
        const k = this.keys.dueShard(shard);
        keys.push(k.due, k.lease, k.claim);
        args.push(jobs.count, jobs.packed.join(''));
      }
      await guard(this.scripts.run('setDueMany', keys, args));
      return group.map(() => undefined);
    });
  }

  async clear(id: string): Promise<void> {
    requireJobId(id);
    const k = this.keys.dueShardOf(id);
    await execTransaction(this.redis.multi().zrem(k.due, id).zrem(k.lease, id).hdel(k.claim, id));
  }

  /** The due instant, or the one a claim in flight was taken at. */
  async get(id: string): Promise<number | null> {
    requireJobId(id);
    const k = this.keys.dueShardOf(id);
    const [score, held] = await execTransaction(this.redis.multi().zscore(k.due, id).hget(k.claim, id));
    if (typeof score === 'string') return Number(score);
    if (typeof held === 'string') return Number(held.slice(held.lastIndexOf('|') + 1));
    return null;
  }

  async claim(now: number, limit: number, leaseMs: number, token: string): Promise<Claim[]> {
    requireInstant(now, 'now');
    requireInstant(leaseMs, 'leaseMs');
    if (token.length === 0) throw new Error('a claim token must not be empty');
    await this.releaseUnanswered();
    const claims: Claim[] = [];
    const wanted = Math.floor(limit);
    const start = this.nextShard;
    this.nextShard = (start + 1) % this.keys.shardCount;
    for (let i = 0; i < this.keys.shardCount && claims.length < wanted; i += 1) {
      const k = this.keys.dueShard((start + i) % this.keys.shardCount);
      const deadline = now + leaseMs;
      let reply: string[];
      try {
        reply = (await guard(this.scripts.run('claimDue', [k.due, k.lease, k.claim], [now, wanted - claims.length, deadline, token]))) as string[];
      } catch (err) {
        if (err instanceof StoreUnavailableError) this.rememberUnanswered({ shard: k, deadline, token });
        throw err;
      }
      for (let j = 0; j + 1 < reply.length; j += 2) claims.push({ jobId: reply[j] as string, dueAt: Number(reply[j + 1]) });
    }
    return claims;
  }

  private rememberUnanswered(claim: UnansweredClaim): void {
    const known = this.unanswered.some((u) => u.shard.due === claim.shard.due && u.deadline === claim.deadline && u.token === claim.token);
    if (known) return;
    this.unanswered.push(claim);
    if (this.unanswered.length > MAX_UNANSWERED) this.unanswered.shift();
  }

  /**
   * A claim whose reply never came may still have run (a frozen Redis runs what it was sent when it wakes): its jobs
   * would wait for their lease. Puts them back at their due instant. Commands of one connection run in order, so
   * this runs after any such claim; the lease deadline and token pick out exactly its jobs.
   */
  private async releaseUnanswered(): Promise<void> {
    while (this.unanswered.length > 0) {
      const { shard, deadline, token } = this.unanswered[0] as UnansweredClaim;
      const ids = await guard(this.redis.zrangebyscore(shard.lease, deadline, deadline));
      const held = ids.length > 0 ? await guard(this.redis.hmget(shard.claim, ...ids)) : [];
      for (let i = 0; i < ids.length; i += 1) {
        const value = held[i];
        if (typeof value !== 'string' || !value.startsWith(`${token}|`)) continue;
        await this.commitMany(token, [{ jobId: ids[i] as string, nextDueAt: Number(value.slice(token.length + 1)) }]);
      }
      this.unanswered.shift();
    }
  }

  /** One script call for every shard the commits fall in (one per shard on a Cluster); answers in the commits' order. */
  async commitMany(token: string, commits: DueCommit[]): Promise<boolean[]> {
    const placed = commits.map((commit) => {
      requireJobId(commit.jobId);
      if (commit.nextDueAt !== null) requireInstant(commit.nextDueAt, 'nextDueAt');
      return { commit, shard: this.keys.shardOf(commit.jobId) };
    });
    return runGrouped(this.redis, placed, (entry) => String(entry.shard), async (group) => {
      const byShard = new Map<number, number[]>();
      group.forEach((entry, i) => {
        const positions = byShard.get(entry.shard);
        if (positions) positions.push(i);
        else byShard.set(entry.shard, [i]);
      });
      const keys: string[] = [];
      const args: Array<string | number> = [token];
      const order: number[] = [];
      for (const [shard, positions] of byShard) {
        const k = this.keys.dueShard(shard);
        keys.push(k.due, k.lease, k.claim);
        args.push(positions.length);
        for (const i of positions) args.push(group[i]!.commit.jobId, group[i]!.commit.nextDueAt ?? '');
        order.push(...positions);
      }
      const replies = (await guard(this.scripts.run('commitDueMany', keys, args))) as number[];
      const results: boolean[] = new Array(group.length);
      order.forEach((i, j) => (results[i] = scriptFailure(replies[j]) !== 'stale-claim'));
      return results;
    });
  }

  /** One script call per shard group (one per shard on a Cluster); answers in the jobs' order. */
  async extend(token: string, jobIds: string[], deadline: number): Promise<boolean[]> {
    requireInstant(deadline, 'deadline');
    if (token.length === 0) throw new Error('a claim token must not be empty');
    const placed = jobIds.map((jobId) => {
      requireJobId(jobId);
      return { jobId, shard: this.keys.shardOf(jobId) };
    });
    return runGrouped(this.redis, placed, (entry) => String(entry.shard), async (group) => {
      const byShard = new Map<number, number[]>();
      group.forEach((entry, i) => byShard.set(entry.shard, [...(byShard.get(entry.shard) ?? []), i]));
      const keys: string[] = [];
      const args: Array<string | number> = [token, deadline];
      const order: number[] = [];
      for (const [shard, positions] of byShard) {
        const k = this.keys.dueShard(shard);
        keys.push(k.lease, k.claim);
        args.push(positions.length, ...positions.map((i) => group[i]!.jobId));
        order.push(...positions);
      }
      const replies = (await guard(this.scripts.run('extendLeases', keys, args))) as number[];
      const results: boolean[] = new Array(group.length);
      order.forEach((i, j) => (results[i] = replies[j] === 1));
      return results;
    });
  }

  async reap(now: number): Promise<number> {
    requireInstant(now, 'now');
    const perShard = await Promise.all(
      Array.from({ length: this.keys.shardCount }, (_, shard) => this.reapShard(this.keys.dueShard(shard), now)),
    );
    return perShard.reduce((sum, n) => sum + n, 0);
  }

  private async reapShard(k: DueShardKeys, now: number): Promise<number> {
    let reaped = 0;
    for (;;) {
      const [returned, looked] = (await guard(this.scripts.run('reapLeases', [k.due, k.lease, k.claim], [now, REAP_BATCH]))) as [number, number];
      reaped += returned;
      if (looked < REAP_BATCH) return reaped;
    }
  }
}
