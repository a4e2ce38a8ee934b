// The one module that imports ky: the API's door for the browser and the server, and a platform's same-origin read.
import ky, { HTTPError, type KyInstance, type Options as KyOptions, TimeoutError } from 'ky';
import type { Answer } from './answer';

/** A request that has had no whole answer after this long is abandoned (and retried later). */
export const REQUEST_TIMEOUT_MS = 10_000;

/** POSTs a JSON text; never throws: a failure is an Answer with status 0. */
export type Send = (url: string, json: string, keepalive: boolean) => Promise<Answer>;
/** The debug log's line writer. */
export type Log = (line: string, detail?: unknown) => void;

/**
 * Status, body and Retry-After of a response. The body is read through its reader, cancelled at `deadline` or
 * when `signal` aborts: only a cancelled read closes the connection (an abandoned `text()` keeps the socket
 * open and buffering while the server trickles). A body cut short or unreadable is read as empty.
 */
async function readAnswer(response: Response, deadline: number, signal?: AbortSignal): Promise<Answer> {
  const reader = response.body?.getReader?.();
  const decoder = new TextDecoder();
  let text = '';
  let cut = false;
  const stop = () => {
    cut = true;
    reader?.cancel().catch(() => {});
  };
  const timer = setTimeout(stop, Math.max(0, deadline - Date.now()));
  signal?.addEventListener('abort', stop);
  if (signal?.aborted) stop();
  try {
    // A fetch polyfill's answer has no stream, and is whole already.
    if (!reader) text = await response.text();
    for (let chunk = await reader?.read(); chunk && !chunk.done && !cut; chunk = await reader?.read()) {
      text += decoder.decode(chunk.value, { stream: true });
    }
  } catch {
    cut = true;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  }
  return { status: response.status, text: cut ? '' : text + decoder.decode(), retryAfter: response.headers.get('retry-after') };
}

/** No answer at all: a timeout, or a network error (offline, refused, CORS, a content blocker). */
const noAnswer = (error: 'network' | 'timeout'): Answer => ({ status: 0, text: '', retryAfter: null, error });

/** Every request to the API is a JSON POST without cookies; ky's hooks count the attempts and write them to the debug log. */
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

/** The server's retried POST: each attempt's time, how many retries, the call's bound, and the policy between attempts. */
export interface RetriedPost {
  fetch?: typeof globalThis.fetch;
  log?: Log;
  /** How long one attempt may take, reading its answer's body included. */
  timeoutMs: number;
  /** Retries after the first attempt, at most. */
  retries: number;
  /** Ends the call, an attempt, a wait or a body read under way included: the answer is then a timeout. */
  signal: AbortSignal;
  /** The end of the call (epoch ms): no attempt's body is read past it. */
  deadline: number;
  /**
   * After a failed attempt (status 0: a network error or a timeout), before retry number `retry`: how
   * long to wait, or undefined to answer with that attempt's answer.
   */
  waitBeforeRetry: (failed: { status: number; retryAfter: string | null }, retry: number) => number | undefined;
  onAttempt: () => void;
}

/** A JSON POST that ky retries as `waitBeforeRetry` decides. Never throws: the last answer, or status 0. */
export async function postWithRetries(url: string, json: string, options: RetriedPost): Promise<Answer> {
  // The next wait, decided in shouldRetry and used by ky as is.
  let wait = 0;
  let attemptStart = Date.now();
  const read = (response: Response) => readAnswer(response, Math.min(options.deadline, attemptStart + options.timeoutMs), options.signal);
  const client = ky.create({
    ...baseOptions(options.fetch, options.log, () => {
      attemptStart = Date.now();
      options.onAttempt();
    }),
    timeout: options.timeoutMs,
    signal: options.signal,
    retry: {
      limit: options.retries,
      methods: ['post'],
      delay: () => wait,
      // Deciding here (true or false) leaves ky's own status list and Retry-After reading aside: ky waits
      // for the longest timer on a value it cannot read (`soon`, a rate-limit reset header).
      shouldRetry: ({ error, retryCount }) => {
        const response = error instanceof HTTPError ? error.response : undefined;
        const failed = { status: response?.status ?? 0, retryAfter: response?.headers.get('retry-after') ?? null };
        const next = options.signal.aborted ? undefined : options.waitBeforeRetry(failed, retryCount);
        wait = next ?? 0;
        // A retried answer's body is never read: cancelled, it frees its connection now rather than at garbage collection.
        if (next !== undefined) response?.body?.cancel().catch(() => {});
        return next !== undefined;
      },
    },
  });
  try {
    return await read(await client(url, { body: json }));
  } catch (error) {
    if (error instanceof HTTPError) return read(error.response);
    // ky's own per-attempt timeout, or the end of the call.
    return noAnswer(error instanceof TimeoutError || options.signal.aborted ? 'timeout' : 'network');
  }
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
