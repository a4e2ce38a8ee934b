// The shop server's own record of the requests it answered, for tests that count what a page asked for
// (the SDK's Store API reads, its platform file): GET /__demo/requests lists them, DELETE clears them.

/**
 * @typedef {{ seq: number, at: number, method: string, path: string, search: string, referer: string | null, fetchDest: string | null }} LoggedRequest
 *   `referer`: the page that asked (a same-origin fetch names its page); `fetchDest`: `Sec-Fetch-Dest`
 *   (`script`, `empty` for fetch and XHR, `document`), where the browser sends it.
 */

const LIMIT = 10_000;

/** @typedef {ReturnType<typeof createRequestLog>} RequestLog */

export function createRequestLog() {
  /** @type {LoggedRequest[]} */ const entries = [];
  let seq = 0;
  return {
    /** @param {import('node:http').IncomingMessage} req @param {URL} url */
    record(req, url) {
      const header = (/** @type {string} */ name) => {
        const value = req.headers[name];
        return typeof value === 'string' ? value : null;
      };
      entries.push({
        seq: ++seq,
        at: Date.now(),
        method: req.method ?? 'GET',
        path: url.pathname,
        search: url.search,
        referer: header('referer'),
        fetchDest: header('sec-fetch-dest'),
      });
      if (entries.length > LIMIT) entries.splice(0, entries.length - LIMIT);
    },
    list: () => [...entries],
    clear: () => void entries.splice(0),
  };
}
