import ky, { HTTPError, type KyInstance, type Options as KyOptions, TimeoutError } from 'ky';
import type { Answer } from './answer';
import { equalJitter, parseRetryAfter } from './retry-policy';

/** A request that has had no whole answer after this long is abandoned (and retried later). */
export const REQUEST_TIMEOUT_MS = 10_000;

/** POSTs a JSON text; never throws: a failure is an Answer with status 0. */
export type Send = (url: string, json: string, keepalive: boolean) => Promise<Answer>;
/** The debug log's line writer. */
export type Log = (line: string, detail?: unknown) => void;

/** Resolves with `promise`, or with `fallback` once `ms` have passed. */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Status, body and Retry-After of a response; reading the body is bounded by what is left until `deadline`. */
async function readAnswer(response: Response, deadline: number): Promise<Answer> {
  const text = await within(
    response.text().catch(() => ''),
    Math.max(0, deadline - Date.now()),
    '',
  );
  return { status: response.status, text, retryAfter: response.headers.get('retry-after') };
}

/** No answer at all: a timeout, or a network error (offline, refused, CORS, a content blocker). */
const noAnswer = (error: 'network' | 'timeout'): Answer => ({ status: 0, text: '', retryAfter: null, error });

/** Every request is a JSON POST without cookies; ky's hooks count the attempts and write them to the debug log. */
function baseOptions(fetch: typeof globalThis.fetch | undefined, log: Log | undefined, onAttempt = () => {}): KyOptions {
  return {
    method: 'post',
    headers: { 'content-type': 'application/json' },
    credentials: 'omit',
    fetch,
    hooks: {
      beforeRequest: [
        (request, _options, { retryCount }) => {
          onAttempt();
          log?.(`→ ${request.method} ${request.url}${retryCount ? ` (retry ${retryCount})` : ''}`);
        },
      ],
      afterResponse: log ? [(_request, _options, response) => log(`← ${response.status}`)] : [],
    },
  };
}

/**
 * The browser's door to the API: one attempt per call, because the persisted queue owns retries
 * (they must survive page loads, honour Retry-After across them and wait for `online`). Every status
 * is read, never thrown; the timeout holds even when a page's own fetch wrapper ignores the abort.
 */
export function createBrowserSend({ fetch, log }: { fetch?: typeof globalThis.fetch; log?: Log } = {}): Send {
  let client: KyInstance | undefined;
  // ky hands fetch a Request. Firefox (153 ESR) does not keep a Request's own `keepalive` when its window
  // closes, only the one given in fetch's init: a popup's add-to-cart was lost. So it goes in both.
  const keepingAlive = (input: RequestInfo | URL, init?: RequestInit) =>
    (fetch ?? globalThis.fetch)(input, (input as Request).keepalive ? { ...init, keepalive: true } : init);
  return async (url, json, keepalive) => {
    const deadline = Date.now() + REQUEST_TIMEOUT_MS;
    try {
      client ??= ky.create({ ...baseOptions(keepingAlive, log), retry: 0, timeout: REQUEST_TIMEOUT_MS, throwHttpErrors: false });
      return await readAnswer(await client(url, { body: json, keepalive }), deadline);
    } catch (error) {
      const kind = error instanceof TimeoutError ? 'timeout' : 'network';
      log?.(`← ${kind}`);
      return noAnswer(kind);
    }
  };
}

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

/** 408, 429 and every 5xx are worth another attempt; other 4xx answers are final. */
const RETRY_STATUSES = [408, 429, ...Array.from({ length: 100 }, (_, i) => 500 + i)];
/** The server's first retry comes after 0.5–1 s, then doubling (equal jitter), at most 8 s apart. */
export const SERVER_BACKOFF_BASE_MS = 1_000;
export const SERVER_BACKOFF_CAP_MS = 8_000;

/**
 * The server's door to the API: ky's own retries for network errors, timeouts, 408, 429 and 5xx, with
 * `Retry-After` honoured and exponential backoff, within a bound on the whole call. A wait that would
 * end past that bound is not started: the call answers at once with the last answer, and the caller's
 * job queue decides when to try again. Never throws.
 */
export function createServerSend(options: ServerSendOptions): (url: string, json: string) => Promise<ServerAnswer> {
  const random = options.random ?? Math.random;
  return async (url, json) => {
    const deadline = Date.now() + options.totalMs;
    let attempts = 0;
    // The next wait, decided in shouldRetry (which must know it to keep to the deadline) and used by ky as is.
    let wait = 0;
    // The bound, on a timer held here: an AbortSignal.timeout that only ky's combined signal refers to can be
    // collected while ky waits, and the bound with it.
    const bound = new AbortController();
    const timer = setTimeout(() => bound.abort(new DOMException('the call ran out of time', 'TimeoutError')), options.totalMs);
    const client = ky.create({
      ...baseOptions(options.fetch, options.log, () => attempts++),
      timeout: Math.min(options.timeoutMs, options.totalMs),
      signal: bound.signal,
      retry: {
        limit: options.retries,
        methods: ['post'],
        statusCodes: RETRY_STATUSES,
        // Retry-After is read here rather than by ky, which waits for the longest timer on a value it
        // cannot read (`soon`, a rate-limit reset header): an unreadable one leaves the backoff.
        afterStatusCodes: [],
        retryOnTimeout: true,
        delay: () => wait,
        jitter: () => wait,
        shouldRetry: ({ error, retryCount }) => {
          const told = error instanceof HTTPError ? parseRetryAfter(error.response.headers.get('retry-after'), Date.now()) : undefined;
          wait = told ?? equalJitter(Math.min(SERVER_BACKOFF_CAP_MS, SERVER_BACKOFF_BASE_MS * 2 ** (retryCount - 1)), random);
          return Date.now() + wait < deadline ? undefined : false;
        },
      },
    });
    try {
      return { ...(await readAnswer(await client(url, { body: json }), deadline)), attempts };
    } catch (error) {
      if (error instanceof HTTPError) return { ...(await readAnswer(error.response, deadline)), attempts };
      // ky's own per-attempt timeout, or the bound on the whole call.
      const timedOut = error instanceof TimeoutError || bound.signal.aborted;
      return { ...noAnswer(timedOut ? 'timeout' : 'network'), attempts };
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * A store platform's own data (its cart, an order), read from the page's own origin with the shopper's
 * cookies: one GET through ky, JSON back. Throws on a failed request, a non-2xx status, or another origin.
 */
export async function readStoreJson(url: string, fetch?: typeof globalThis.fetch): Promise<unknown> {
  if (new URL(url, location.href).origin !== location.origin) throw new Error(`not the page's own origin: ${url}`);
  return ky
    .get(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      retry: 0,
      timeout: REQUEST_TIMEOUT_MS,
      fetch,
      headers: { accept: 'application/json' },
    })
    .json();
}
