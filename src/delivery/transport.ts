import ky from 'ky';
import type { Answer } from './answer';

/** A request that has had no answer after this long is abandoned and retried later. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** POSTs a JSON text; never throws: a failure is an Answer with status 0. */
export type Send = (url: string, json: string, keepalive: boolean) => Promise<Answer>;

/**
 * The SDK's one HTTP call. ky's own retry is off: the delivery queue owns the schedule, because
 * it must survive page loads, honour Retry-After across them and wait for `online`.
 */
export function createTransport(fetchImpl?: typeof fetch): Send {
  return async (url, json, keepalive) => {
    try {
      const response = await ky.post(url, {
        body: json,
        headers: { 'content-type': 'application/json' },
        keepalive,
        credentials: 'omit',
        timeout: REQUEST_TIMEOUT_MS,
        retry: 0,
        throwHttpErrors: false,
        fetch: fetchImpl,
      });
      const text = await response.text().catch(() => '');
      return { status: response.status, text, retryAfter: response.headers.get('retry-after') };
    } catch (error) {
      const timedOut = (error as Error | undefined)?.name === 'TimeoutError';
      return { status: 0, text: '', retryAfter: null, error: timedOut ? 'timeout' : 'network' };
    }
  };
}
