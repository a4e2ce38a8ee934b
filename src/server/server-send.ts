import { type Answer, isTransientStatus } from '../delivery/answer';
import { nextBackoffMs, parseRetryAfter } from '../delivery/retry-policy';
import { type Log, postWithRetries } from '../delivery/transport';

export interface ServerSendOptions {
  fetch?: typeof globalThis.fetch;
  /** How long one attempt may take. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** Calls sending at once; the others wait for their turn. */
  maxConcurrent: number;
  log?: Log;
  random?: () => number;
}

/** One call's end: its deadline (epoch ms), and the caller's signal. */
export interface CallBound {
  deadline: number;
  signal?: AbortSignal;
}

/** `aborted`: the caller's signal ended the call. */
export type ServerAnswer = Answer & { attempts: number; aborted?: true };

/** The server's first retry comes after 0.5–1 s, then doubling, at most 8 s apart: one call is bounded. */
export const SERVER_BACKOFF_BASE_MS = 1_000;
export const SERVER_BACKOFF_CAP_MS = 8_000;

type End = 'timeout' | 'aborted';

/**
 * Settles with why the call ended, when its deadline passes or its signal aborts (at once if it already
 * has); `signal` aborts then too, for ky, its waits and the body read. `clear` drops the timer and listener.
 */
export function watchEnd({ deadline, signal }: CallBound) {
  const stop = new AbortController();
  const ended = new Promise<End>((resolve) => stop.signal.addEventListener('abort', () => resolve(stop.signal.reason as End)));
  const abort = () => stop.abort('aborted' satisfies End);
  const timer = setTimeout(() => stop.abort('timeout' satisfies End), Math.max(0, deadline - Date.now()));
  signal?.addEventListener('abort', abort);
  if (signal?.aborted) abort();
  const clear = () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  };
  return { ended, signal: stop.signal, clear };
}

/** Turns to send, at most `max` at once, handed over first come, first served. */
function createTurns(max: number) {
  let taken = 0;
  const waiting: (() => void)[] = [];
  return {
    take: () =>
      new Promise<void>((resolve) => {
        if (taken < max) {
          taken++;
          resolve();
        } else waiting.push(resolve);
      }),
    give: () => {
      const next = waiting.shift();
      if (next) next();
      else taken--;
    },
  };
}

const ended = (end: End, attempts: number): ServerAnswer => ({
  status: 0,
  text: '',
  retryAfter: null,
  error: 'timeout',
  attempts,
  ...(end === 'aborted' && { aborted: true }),
});

/**
 * The server's door to the API: ky's retries for network errors, timeouts, 408, 429 and 5xx
 * (`isTransientStatus` for a call), with `Retry-After` honoured and exponential backoff, within the call's
 * bound, waiting for a turn included. A wait that would end past that bound is not started: the call
 * answers at once with the last answer, and the caller's job queue decides when to try again. The caller's
 * abort ends the call at once. Never throws.
 */
export function createServerSend(options: ServerSendOptions): (url: string, json: string, call: CallBound) => Promise<ServerAnswer> {
  const random = options.random ?? Math.random;
  const turns = createTurns(options.maxConcurrent);
  return async (url, json, call) => {
    let attempts = 0;
    const end = watchEnd(call);
    try {
      if (end.signal.aborted) return ended(end.signal.reason, 0);
      const turn = turns.take();
      const first = await Promise.race([turn, end.ended]);
      if (first) {
        // Ended while waiting: the turn, when it comes, goes to the next call at once.
        void turn.then(turns.give);
        return ended(first, 0);
      }
      try {
        const posted = postWithRetries(url, json, {
          fetch: options.fetch,
          log: options.log,
          timeoutMs: Math.max(1, Math.min(options.timeoutMs, call.deadline - Date.now())),
          retries: options.retries,
          signal: end.signal,
          deadline: call.deadline,
          onAttempt: () => attempts++,
          waitBeforeRetry: ({ status, retryAfter }, retry) => {
            if (!isTransientStatus(status, 'call')) return undefined;
            const wait =
              parseRetryAfter(retryAfter, Date.now()) ?? nextBackoffMs(retry, random, SERVER_BACKOFF_BASE_MS, SERVER_BACKOFF_CAP_MS);
            return Date.now() + wait < call.deadline ? wait : undefined;
          },
        });
        // The caller's abort answers at once, even through a fetch that ignores its signal; at the deadline, the
        // attempt's own answer (a status whose body was cut short) is still worth having, and comes at once.
        const answer = await Promise.race([posted, end.ended.then<Answer | End>((why) => (why === 'aborted' ? why : posted))]);
        if (typeof answer === 'string' || (answer.status === 0 && end.signal.reason === 'aborted')) return ended('aborted', attempts);
        return { ...answer, attempts };
      } finally {
        // A task later: Node's fetch puts the connection back in its pool only after the body's end, and the
        // next call sent at once opened a new one (1,000 calls: 32 sockets for 16 turns, rather than 16).
        setTimeout(turns.give, 0);
      }
    } finally {
      end.clear();
    }
  };
}
