// Team boards in memory, with the Redis store's rules: streaks lapse at aliveUntil, a newer week restarts the points.
import type { BoardEntryInput, BoardPage, BoardQuery, BoardRow } from '../../core/index.ts';

interface Entry {
  streak: number;
  weekPoints: number;
  aliveUntil: number | null;
}

interface Board {
  weekKey: string | null;
  entries: Map<string, Entry>;
}

/** Where the boards read what they do not hold: week points and roster sizes. */
export interface BoardSources {
  weekPoints(teamId: string, weekKey: string, memberId: string): number;
  rosterSize(teamId: string): number;
}

function byRank(a: [string, Entry], b: [string, Entry]): number {
  return b[1].streak - a[1].streak || b[1].weekPoints - a[1].weekPoints || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

export class MemoryTeamBoards {
  private readonly boards = new Map<string, Board>();

  constructor(private readonly sources: BoardSources) {}

  put(teamId: string, memberId: string, input: BoardEntryInput): void {
    const board = this.boardOf(teamId);
    this.moveToWeek(teamId, board, input.weekKey);
    const current = board.entries.get(memberId);
    // A writer still in an older week keeps the points the board has.
    const weekPoints = board.weekKey === input.weekKey ? this.sources.weekPoints(teamId, input.weekKey, memberId) : (current?.weekPoints ?? 0);
    board.entries.set(memberId, { streak: input.streak, weekPoints, aliveUntil: input.streak > 0 ? input.aliveUntil : null });
  }

  remove(teamId: string, memberId: string): void {
    this.boards.get(teamId)?.entries.delete(memberId);
  }

  /** Drops the team's board with its week and lapse instants. */
  forget(teamId: string): void {
    this.boards.delete(teamId);
  }

  removeEverywhere(memberId: string): void {
    for (const board of this.boards.values()) board.entries.delete(memberId);
  }

  read(teamId: string, query: BoardQuery): BoardPage {
    const board = this.boardOf(teamId);
    for (const entry of board.entries.values()) {
      if (entry.aliveUntil !== null && entry.aliveUntil <= query.now) Object.assign(entry, { streak: 0, aliveUntil: null });
    }
    this.moveToWeek(teamId, board, query.weekKey);
    const sorted = [...board.entries].sort(byRank);
    const rows: BoardRow[] = [];
    sorted.forEach(([memberId, entry], index) => {
      const above = rows[index - 1];
      const tied = above !== undefined && above.streak === entry.streak && above.weekPoints === entry.weekPoints;
      rows.push({ memberId, streak: entry.streak, weekPoints: entry.weekPoints, rank: tied ? above.rank : index + 1 });
    });
    return {
      top: rows.slice(0, query.limit === null ? rows.length : Math.max(0, query.limit)),
      viewer: rows.find((row) => row.memberId === query.viewerId) ?? null,
      total: rows.length,
      rosterSize: this.sources.rosterSize(teamId),
    };
  }

  private boardOf(teamId: string): Board {
    let board = this.boards.get(teamId);
    if (!board) {
      board = { weekKey: null, entries: new Map() };
      this.boards.set(teamId, board);
    }
    return board;
  }

  /** ISO week keys compare as strings; an older key changes nothing. */
  private moveToWeek(teamId: string, board: Board, weekKey: string): void {
    if (board.weekKey !== null && board.weekKey >= weekKey) return;
    if (board.weekKey !== null) {
      for (const [memberId, entry] of board.entries) entry.weekPoints = this.sources.weekPoints(teamId, weekKey, memberId);
    }
    board.weekKey = weekKey;
  }
}
