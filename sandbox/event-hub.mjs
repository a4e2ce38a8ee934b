// Fan-out of what happens in the sandbox: in-process listeners and Server-Sent Events streams.

/**
 * @typedef {'request' | 'answer' | 'preflight' | 'reset' | 'ticket'} HubEventType
 * @typedef {(type: HubEventType, data: unknown) => void} HubListener
 */

const HEARTBEAT_MS = 15_000;

export function createEventHub() {
  /** @type {Set<HubListener>} */ const listeners = new Set();
  /** @type {Set<import('node:http').ServerResponse>} */ const streams = new Set();

  /** @param {HubEventType} type @param {unknown} data */
  function publish(type, data) {
    for (const listener of [...listeners]) {
      try {
        listener(type, data);
      } catch {
        // A faulty listener must not break the request that triggered the event.
      }
    }
  }

  /** @param {HubListener} listener @returns {() => void} unsubscribe */
  function subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /**
   * Turns a response into an SSE stream of every hub event (`event: <type>`, `data: <JSON>`).
   * @param {import('node:http').ServerResponse} res
   * @param {Record<string, string>} baseHeaders
   */
  function attachStream(res, baseHeaders) {
    res.writeHead(200, {
      ...baseHeaders,
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS).unref();
    const unsubscribe = subscribe((type, data) => res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`));
    streams.add(res);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  function closeStreams() {
    for (const res of streams) res.destroy();
  }

  return { publish, subscribe, attachStream, closeStreams };
}
