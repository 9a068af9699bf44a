// Turns a run's results into what a failing assertion should show: the offending cases, briefly, and a tally.
import type { CaseResult, HttpCase } from './send-cases.ts';
import type { RecordingStore } from './recording-store.ts';

const SHOWN = 15;

function describeCase(fuzzCase: HttpCase): string {
  const body = fuzzCase.body.toString('utf8');
  const excerpt = body.length > 160 ? `${body.slice(0, 160)}... (${fuzzCase.body.length} bytes)` : body;
  return `${fuzzCase.id} [${fuzzCase.label}] ${JSON.stringify(fuzzCase.headers['content-type'] ?? '')} ${JSON.stringify(excerpt)}`;
}

/** Cases answered with a 5xx, or not answered at all. */
export function serverFailures(results: CaseResult[]): string[] {
  return results
    .filter((r) => r.status === 0 || r.status >= 500)
    .slice(0, SHOWN)
    .map((r) => `${r.status} ${JSON.stringify(r.excerpt)} <- ${describeCase(r.fuzzCase)}`);
}

/** Cases that made store calls they must not: `isAllowed` says, per case, any calls, reads only, or none at all. */
export function unexpectedStoreCalls(results: CaseResult[], recording: RecordingStore, isAllowed: (r: CaseResult) => 'any' | 'reads' | 'none'): string[] {
  const found: string[] = [];
  for (const r of results) {
    const allowed = isAllowed(r);
    if (allowed === 'any') continue;
    const calls = recording.callsOf(r.fuzzCase.id).filter((c) => allowed === 'none' || c.mutating);
    if (calls.length > 0) found.push(`${r.status} wrote ${calls.map((c) => c.method).join(',')} <- ${describeCase(r.fuzzCase)}`);
    if (found.length >= SHOWN) break;
  }
  return found;
}

/** "200×3120 400×5210 ..." per label, for the log. */
export function tally(results: CaseResult[]): string {
  const byStatus = new Map<number, number>();
  for (const r of results) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
  return [...byStatus.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
}
