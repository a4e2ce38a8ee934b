import { type Answer, isTransientStatus } from '../delivery/answer';
import { nextBackoffMs, parseRetryAfter } from '../delivery/retry-policy';
import { type Log, postWithRetries } from '../delivery/transport';

export interface ServerSendOptions {
  fetch?: typeof globalThis.fetch;
  /** How long one attempt may take. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** How long one call may take in all, retries and their waits included. */
  totalMs: number;
  log?: Log;
  random?: () => number;
}

export type ServerAnswer = Answer & { attempts: number };

/** The server's first retry comes after 0.5–1 s, then doubling, at most 8 s apart: one call is bounded. */
export const SERVER_BACKOFF_BASE_MS = 1_000;
export const SERVER_BACKOFF_CAP_MS = 8_000;

/**
 * The server's door to the API: ky's retries for network errors, timeouts, 408, 429 and 5xx
 * (`isTransientStatus` for a call), with `Retry-After` honoured and exponential backoff, within a bound
 * on the whole call. A wait that would end past that bound is not started: the call answers at once with
 * the last answer, and the caller's job queue decides when to try again. Never throws.
 */
export function createServerSend(options: ServerSendOptions): (url: string, json: string) => Promise<ServerAnswer> {
  const random = options.random ?? Math.random;
  return async (url, json) => {
    const deadline = Date.now() + options.totalMs;
    let attempts = 0;
    // The bound, on a timer held here: an AbortSignal.timeout that only ky's combined signal refers to can be
    // collected while ky waits, and the bound with it.
    const bound = new AbortController();
    const timer = setTimeout(() => bound.abort(new DOMException('the call ran out of time', 'TimeoutError')), options.totalMs);
    try {
      const answer = await postWithRetries(url, json, {
        fetch: options.fetch,
        log: options.log,
        timeoutMs: Math.min(options.timeoutMs, options.totalMs),
        retries: options.retries,
        signal: bound.signal,
        deadline,
        onAttempt: () => attempts++,
        waitBeforeRetry: ({ status, retryAfter }, retry) => {
          if (!isTransientStatus(status, 'call')) return undefined;
          const wait =
            parseRetryAfter(retryAfter, Date.now()) ?? nextBackoffMs(retry, random, SERVER_BACKOFF_BASE_MS, SERVER_BACKOFF_CAP_MS);
          return Date.now() + wait < deadline ? wait : undefined;
        },
      });
      return { ...answer, attempts };
    } finally {
      clearTimeout(timer);
    }
  };
}
