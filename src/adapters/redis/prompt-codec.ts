// A prompt as one string: its status as the first character, then compact JSON of the rest. A Lua script can then
// change the status with SETRANGE (keeping the TTL) without parsing JSON in Redis.
import type { Prompt, PromptStatus } from '../../core/index.ts';

const STATUS_CHARS: Record<PromptStatus, string> = { open: 'o', done: 'd', snoozed: 'z', skipped: 'k' };
const STATUS_BY_CHAR = new Map(Object.entries(STATUS_CHARS).map(([status, char]) => [char, status as PromptStatus]));

interface StoredPrompt {
  /** kind: p personal, t team */
  k: 'p' | 't';
  /** memberId (personal) */
  m?: string;
  /** teamId (team) */
  t?: string;
  /** challengeId */
  c: string;
  /** slotAt */
  a: number;
  /** sentAt */
  n: number;
  /** localDay */
  l: string;
  /** expiresAt */
  e: number;
  /** delivery, when not empty */
  d?: Record<string, string>;
  /** swaps, when any */
  w?: number;
  /** onDemand: 1 for a "now" break */
  o?: 1;
}

export function statusChar(status: PromptStatus): string {
  return STATUS_CHARS[status];
}

export function statusFromChar(char: string): PromptStatus | null {
  return STATUS_BY_CHAR.get(char) ?? null;
}

/** The JSON part, without the status character. */
export function encodePromptBody(prompt: Prompt): string {
  const stored: StoredPrompt = {
    k: prompt.kind === 'team' ? 't' : 'p',
    c: prompt.challengeId,
    a: prompt.slotAt,
    n: prompt.sentAt,
    l: prompt.localDay,
    e: prompt.expiresAt,
  };
  if (prompt.memberId !== '') stored.m = prompt.memberId;
  if (prompt.teamId !== null) stored.t = prompt.teamId;
  if (Object.keys(prompt.delivery).length > 0) stored.d = prompt.delivery;
  if (prompt.swaps !== undefined && prompt.swaps > 0) stored.w = prompt.swaps;
  if (prompt.onDemand === true) stored.o = 1;
  return JSON.stringify(stored);
}

export function encodePrompt(prompt: Prompt): string {
  return statusChar(prompt.status) + encodePromptBody(prompt);
}

export function decodePrompt(id: string, platform: Prompt['platform'], tenantId: string, text: string): Prompt {
  const status = statusFromChar(text.charAt(0));
  if (status === null) throw new Error(`prompt ${id} has an unknown status`);
  const stored = JSON.parse(text.slice(1)) as StoredPrompt;
  return {
    id,
    kind: stored.k === 't' ? 'team' : 'personal',
    memberId: stored.m ?? '',
    teamId: stored.t ?? null,
    platform,
    tenantId,
    challengeId: stored.c,
    slotAt: stored.a,
    sentAt: stored.n,
    localDay: stored.l,
    expiresAt: stored.e,
    status,
    delivery: stored.d ?? {},
    ...(stored.w !== undefined ? { swaps: stored.w } : {}),
    ...(stored.o === 1 ? { onDemand: true as const } : {}),
  };
}
