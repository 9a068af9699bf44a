// Slack's v0 request signature: HMAC-SHA256 of "v0:<timestamp>:<raw body>" under the signing secret, sent as hex.
// Checked here rather than by Bolt's verifySlackRequest, whose comparison (tsscmp) makes two more HMACs under a fresh
// random key on every request: under load that was most of the guard's CPU (bench/done-http.bench.ts).
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

/** Slack's rule: a request stamped more than five minutes from our clock, either way, is refused (no replays). */
const MAX_SKEW_SECONDS = 5 * 60;
const HEX_SHA256_LENGTH = 64;

/** True only for a well-formed, fresh signature over exactly these bytes. */
export type SignatureCheck = (rawBody: Buffer | string, signature: string | undefined, timestamp: string | undefined, nowMs: number) => boolean;

export function slackSignatureCheck(signingSecret: string): SignatureCheck {
  // The key is prepared once, not per request.
  const key = createSecretKey(Buffer.from(signingSecret, 'utf8'));
  return (rawBody, signature, timestamp, nowMs) => {
    if (signature === undefined || timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
    if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
    if (!signature.startsWith('v0=') || signature.length !== 3 + HEX_SHA256_LENGTH) return false;
    const given = Buffer.from(signature.slice(3), 'hex');
    // Non-hex characters shorten the decoded buffer; that is a mismatch, and timingSafeEqual needs equal lengths.
    if (given.length !== HEX_SHA256_LENGTH / 2) return false;
    const expected = createHmac('sha256', key).update(`v0:${timestamp}:`).update(rawBody).digest();
    return timingSafeEqual(given, expected);
  };
}
