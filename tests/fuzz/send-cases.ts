// Fires fuzz cases at the in-process server, many at once, and keeps what came back. A request that gets no answer
// within the timeout counts as a failure, as a 5xx would.
import { connect } from 'node:net';
import { CASE_HEADER } from './case-attribution.ts';

export interface HttpCase {
  id: string;
  /** What the generator meant to send, for reports ("command", "forged:stale", ...). */
  label: string;
  body: Buffer;
  headers: Record<string, string>;
  /** Unsigned or carrying a forged credential: the server must refuse it and touch nothing. */
  forged: boolean;
}

export interface CaseResult {
  fuzzCase: HttpCase;
  /** HTTP status, or 0 when no answer came. */
  status: number;
  /** The start of the answer, for reports. */
  excerpt: string;
}

const ANSWER_TIMEOUT_MS = 15_000;

async function sendOne(url: string, fuzzCase: HttpCase): Promise<CaseResult> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...fuzzCase.headers, [CASE_HEADER]: fuzzCase.id },
      body: fuzzCase.body,
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
    const text = await res.text();
    return { fuzzCase, status: res.status, excerpt: text.slice(0, 200) };
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? ` (${(err.cause as Error & { code?: string }).code ?? err.cause.message})` : '';
    return { fuzzCase, status: 0, excerpt: err instanceof Error ? `${err.name}: ${err.message}${cause}` : String(err) };
  }
}

/** Sends every case with at most `concurrency` in flight; results come back in case order. */
export async function sendCases(url: string, cases: HttpCase[], concurrency: number): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < cases.length; i = next++) {
      const fuzzCase = cases[i];
      if (fuzzCase) results[i] = await sendOne(url, fuzzCase);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return results;
}

/**
 * A body cut off on the wire: Content-Length promises more than is sent, then the client hangs up. Resolves with the
 * status line's code if the server answered before the socket closed, else 0 (no answer is expected here).
 */
export function sendTruncated(url: string, fuzzCase: HttpCase, sentBytes: number): Promise<number> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    const headers = Object.entries({ ...fuzzCase.headers, [CASE_HEADER]: fuzzCase.id, 'content-length': String(fuzzCase.body.length), connection: 'close' })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.on('connect', () => {
      socket.write(`POST ${pathname} HTTP/1.1\r\nhost: ${hostname}:${port}\r\n${headers}\r\n`);
      socket.end(fuzzCase.body.subarray(0, sentBytes));
    });
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.setTimeout(ANSWER_TIMEOUT_MS, () => socket.destroy());
  });
}
