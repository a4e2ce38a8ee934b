import { afterEach, describe, expect, it, vi } from 'vitest';
import { cartEvent, eventually, fakeApi, json, makeTracker } from '../helpers';

/** A minimal Web Locks API: exclusive, first come first served, per name. */
function installWebLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const request = (name: string, callback: () => Promise<void>) => {
    const run = (tails.get(name) ?? Promise.resolve()).then(() => callback());
    tails.set(
      name,
      run.catch(() => {}),
    );
    return run;
  };
  Object.defineProperty(navigator, 'locks', { configurable: true, value: { request } });
}

afterEach(() => {
  delete (navigator as unknown as Record<string, unknown>).locks;
});

describe.each([
  ['the Web Locks API', installWebLocks],
  ['the storage lease fallback', () => {}],
])('two tabs sharing the queue, with %s', (_, install) => {
  it('send every event exactly once, in tracked order, through failures and recovery', async () => {
    vi.useFakeTimers();
    install();
    const api = fakeApi((_, n) => (n <= 3 ? json(503, {}) : undefined));
    const tabA = makeTracker({}, { fetch: api.fetch });
    for (const id of ['A1', 'A2', 'A3']) tabA.trackCartEvent(cartEvent({ productId: id }));
    await vi.advanceTimersByTimeAsync(5);
    const tabB = makeTracker({}, { fetch: api.fetch });
    for (const id of ['B1', 'B2']) tabB.trackCartEvent(cartEvent({ productId: id }));
    await vi.advanceTimersByTimeAsync(60_000);
    await eventually(() => expect(api.requests.length).toBeGreaterThanOrEqual(8));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.requests.map((r) => r.body.product_id)).toEqual(['A1', 'A1', 'A1', 'A1', 'A2', 'A3', 'B1', 'B2']);
  });
});
