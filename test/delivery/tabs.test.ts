import { describe, expect, it, vi } from 'vitest';
import { cartEvent, eventually, fakeApi, installWebLocks, json, makeTracker, removeWebLocks } from '../helpers';

describe.each([
  ['the Web Locks API', installWebLocks],
  ['the storage lease fallback', removeWebLocks],
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
