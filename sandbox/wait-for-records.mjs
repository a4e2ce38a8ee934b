// Waiting, without polling, until the request records satisfy a condition.

/** @typedef {import('./request-log.mjs').RequestRecord} RequestRecord */

/**
 * Resolves with the records once `predicate(records)` is true, checked now and after every sandbox event;
 * rejects after `timeoutMs`, or when the predicate throws.
 * @param {ReturnType<typeof import('./request-log.mjs').createRequestLog>} log
 * @param {ReturnType<typeof import('./event-hub.mjs').createEventHub>} hub
 * @param {(records: RequestRecord[]) => boolean} predicate
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<RequestRecord[]>}
 */
export function waitForRecords(log, hub, predicate, { timeoutMs = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (/** @type {unknown} */ error, /** @type {RequestRecord[]} */ records = []) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(records);
    };
    const check = () => {
      try {
        const records = log.list();
        if (predicate(records)) finish(null, records);
      } catch (error) {
        finish(error);
      }
    };
    const unsubscribe = hub.subscribe(check);
    const timer = setTimeout(() => finish(new Error(`waitFor: condition not met within ${timeoutMs} ms`)), timeoutMs);
    check();
  });
}
