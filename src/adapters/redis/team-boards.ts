// Team boards on Redis: a sorted set per team kept by putBoardEntry.lua and read by readBoard.lua, in the team's tenant slot.
import type { Cluster, Redis } from 'ioredis';
import type { BoardEntryInput, BoardPage, BoardQuery, BoardRow } from '../../core/index.ts';
import type { RedisKeys } from './keys.ts';
import { guard } from './redis-errors.ts';
import type { Scripts } from './scripts.ts';
import { execTransaction } from './transaction.ts';

type FlatRows = Array<string | number>;

function rowsOf(flat: FlatRows): BoardRow[] {
  const rows: BoardRow[] = [];
  for (let i = 0; i + 3 < flat.length; i += 4) {
    rows.push({ memberId: String(flat[i]), streak: Number(flat[i + 1]), weekPoints: Number(flat[i + 2]), rank: Number(flat[i + 3]) });
  }
  return rows;
}

export class RedisTeamBoards {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly keys: RedisKeys,
    private readonly scripts: Scripts,
  ) {}

  async put(teamId: string, memberId: string, entry: BoardEntryInput): Promise<void> {
    const k = this.keys;
    const keys = [k.teamBoard(teamId), k.teamBoardAlive(teamId), k.teamBoardWeek(teamId), k.weekBoard(teamId, entry.weekKey)];
    const aliveUntil = entry.streak > 0 && entry.aliveUntil !== null ? String(entry.aliveUntil) : '';
    await guard(this.scripts.run('putBoardEntry', keys, [memberId, entry.weekKey, entry.streak, aliveUntil]));
  }

  async remove(teamId: string, memberId: string): Promise<void> {
    await execTransaction(this.redis.multi().zrem(this.keys.teamBoard(teamId), memberId).zrem(this.keys.teamBoardAlive(teamId), memberId));
  }

  async read(teamId: string, query: BoardQuery): Promise<BoardPage> {
    const k = this.keys;
    const keys = [k.teamBoard(teamId), k.teamBoardAlive(teamId), k.teamBoardWeek(teamId), k.weekBoard(teamId, query.weekKey), k.roster(teamId)];
    const limit = query.limit === null ? -1 : Math.max(0, Math.floor(query.limit));
    const reply = (await guard(this.scripts.run('readBoard', keys, [query.weekKey, query.now, limit, query.viewerId ?? '']))) as [
      number,
      number,
      FlatRows,
      FlatRows,
    ];
    const [total, rosterSize, top, viewer] = reply;
    return { top: rowsOf(top), viewer: rowsOf(viewer)[0] ?? null, total, rosterSize };
  }
}
