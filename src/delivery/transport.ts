import type { Answer } from './answer';

/** A request that has had no whole answer after this long is abandoned and retried later. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** POSTs a JSON text; never throws: a failure is an Answer with status 0. */
export type Send = (url: string, json: string, keepalive: boolean) => Promise<Answer>;

/**
 * The SDK's one HTTP call: `fetch` with a timeout that covers the body too, and holds even when a
 * page's own fetch wrapper ignores the abort signal. Nothing else is needed here: the delivery queue
 * owns retries (they must survive page loads, honour Retry-After across them and wait for `online`),
 * and every status is read, never thrown.
 */
export function createTransport(fetchImpl?: typeof fetch): Send {
  return async (url, json, keepalive) => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answer = (async (): Promise<Answer> => {
      const response = await (fetchImpl ?? fetch)(url, {
        method: 'POST',
        body: json,
        headers: { 'content-type': 'application/json' },
        keepalive,
        credentials: 'omit',
        signal: abort.signal,
      });
      const text = await response.text().catch(() => '');
      return { status: response.status, text, retryAfter: response.headers.get('retry-after') };
    })();
    const timeout = new Promise<Answer>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve({ status: 0, text: '', retryAfter: null, error: 'timeout' });
      }, REQUEST_TIMEOUT_MS);
    });
    try {
      return await Promise.race([answer, timeout]);
    } catch {
      return { status: 0, text: '', retryAfter: null, error: 'network' };
    } finally {
      clearTimeout(timer);
    }
  };
}
