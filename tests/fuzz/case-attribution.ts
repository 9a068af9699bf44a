// Ties every store call to the fuzz case whose HTTP request caused it, even work done after the response (Slack acks
// first): the client names the case in a header, and the server's request-start diagnostics channel puts that name
// into an AsyncLocalStorage that follows the request's promises and timers.
import { AsyncLocalStorage } from 'node:async_hooks';
import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';

export const CASE_HEADER = 'x-fuzz-case';
/** Store calls made outside any fuzzed request (set-up, or a request without the header). */
export const NO_CASE = '(none)';

const currentCase = new AsyncLocalStorage<string>();
const REQUEST_START = 'http.server.request.start';

export function caseInScope(): string {
  return currentCase.getStore() ?? NO_CASE;
}

/** Starts tagging; returns the function that stops it. */
export function attributeRequestsToCases(): () => void {
  const onRequestStart = (message: unknown): void => {
    const header = (message as { request: IncomingMessage }).request.headers[CASE_HEADER];
    // enterWith, not run: the channel fires just before the server's 'request' listeners, in the same tick.
    currentCase.enterWith(typeof header === 'string' ? header : NO_CASE);
  };
  diagnosticsChannel.subscribe(REQUEST_START, onRequestStart);
  return () => diagnosticsChannel.unsubscribe(REQUEST_START, onRequestStart);
}
