// Slack's published request-signing example, checked against our test signer and the guard in front of Bolt.
import { describe, expect, it } from 'vitest';
import { slackSignatureCheck } from '../../src/adapters/slack/signature.ts';
import { slackSignature } from '../helpers/slack-sign.ts';

// From Slack's "Verifying requests from Slack" guide (the body's token is xyzz0WbapA4vBCDEFasx0q6G there).
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = 1531420618;
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const EXPECTED = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const AT_THE_TIME = TIMESTAMP * 1000 + 30_000;

const isSignedBySlack = slackSignatureCheck(SECRET);

describe('Slack request signatures', () => {
  it('the test signer reproduces Slack\'s published example signature', () => {
    expect(slackSignature(SECRET, TIMESTAMP, BODY)).toBe(EXPECTED);
  });

  it('the guard accepts Slack\'s published example at the time it was made', () => {
    expect(isSignedBySlack(BODY, EXPECTED, String(TIMESTAMP), AT_THE_TIME)).toBe(true);
  });

  it('the guard refuses the same example more than five minutes later', () => {
    expect(isSignedBySlack(BODY, EXPECTED, String(TIMESTAMP), TIMESTAMP * 1000 + 5 * 60_000 + 1000)).toBe(false);
  });

  it('the guard refuses a timestamp more than five minutes ahead of our clock (it could be replayed later)', () => {
    expect(isSignedBySlack(BODY, EXPECTED, String(TIMESTAMP), TIMESTAMP * 1000 - 5 * 60_000 - 1000)).toBe(false);
    expect(isSignedBySlack(BODY, EXPECTED, String(TIMESTAMP), TIMESTAMP * 1000 - 4 * 60_000)).toBe(true);
  });

  it('the guard checks the raw bytes, as a Buffer or a string', () => {
    expect(isSignedBySlack(Buffer.from(BODY, 'utf8'), EXPECTED, String(TIMESTAMP), AT_THE_TIME)).toBe(true);
  });

  it('the guard refuses a signature signed with another secret or of the wrong length or alphabet', () => {
    expect(slackSignatureCheck('another-secret')(BODY, EXPECTED, String(TIMESTAMP), AT_THE_TIME)).toBe(false);
    expect(isSignedBySlack(BODY, EXPECTED.slice(0, -2), String(TIMESTAMP), AT_THE_TIME)).toBe(false);
    expect(isSignedBySlack(BODY, `${EXPECTED.slice(0, -2)}zz`, String(TIMESTAMP), AT_THE_TIME)).toBe(false);
    expect(isSignedBySlack(BODY, EXPECTED.toUpperCase().replace('V0=', 'v0='), String(TIMESTAMP), AT_THE_TIME)).toBe(true);
  });

  it('the guard refuses a body changed by one character', () => {
    expect(isSignedBySlack(BODY.replace('roadrunner', 'roadrunnex'), EXPECTED, String(TIMESTAMP), AT_THE_TIME)).toBe(false);
  });

  it('the guard refuses a missing, malformed or other-version signature', () => {
    expect(isSignedBySlack(BODY, undefined, String(TIMESTAMP), AT_THE_TIME)).toBe(false);
    expect(isSignedBySlack(BODY, EXPECTED.replace('v0=', 'v1='), String(TIMESTAMP), AT_THE_TIME)).toBe(false);
    expect(isSignedBySlack(BODY, 'garbage', String(TIMESTAMP), AT_THE_TIME)).toBe(false);
    expect(isSignedBySlack(BODY, EXPECTED, 'not-a-number', AT_THE_TIME)).toBe(false);
    expect(isSignedBySlack(BODY, EXPECTED, undefined, AT_THE_TIME)).toBe(false);
  });
});
