import { describe, expect, it, vi } from 'vitest';
import { MAX_QUEUE_BYTES, MAX_QUEUE_EVENTS } from '../../src/delivery/delivery';
import { cartEvent, eventually, fakeApi, json, makeTracker } from '../helpers';

const queuedKeys = () => Object.keys(localStorage).filter((k) => k.includes(':q:'));
const down = () => json(503, {}, { 'retry-after': '600' });

describe('bounds', () => {
  it('keeps at most 200 events while delivery is stalled, dropping and reporting the oldest', async () => {
    vi.useFakeTimers();
    const api = fakeApi(down);
    const onError = vi.fn();
    const onEvent = vi.fn();
    const tracker = makeTracker({ onError, onEvent }, { fetch: api.fetch });
    const first = await Promise.all([tracker.trackCartEvent(cartEvent({ productId: 'P-0' }))].concat([]));
    await vi.advanceTimersByTimeAsync(10);
    const ids = [first[0].eventId];
    for (let i = 1; i < MAX_QUEUE_EVENTS + 10; i++) ids.push((await tracker.trackCartEvent(cartEvent({ productId: `P-${i}` }))).eventId);
    await vi.advanceTimersByTimeAsync(10); // the sender wakes for the new events, finds the API still down and trims
    expect(queuedKeys()).toHaveLength(MAX_QUEUE_EVENTS);
    const dropped = onError.mock.calls.map(([e]) => e).filter((e) => e.code === 'QUEUE_FULL');
    expect(dropped.map((e) => e.eventId)).toEqual(ids.slice(0, 10));
    expect(onEvent).toHaveBeenCalledWith({ status: 'dropped', eventId: ids[0], code: 'QUEUE_FULL' });
  });

  it('keeps at most 256 KiB, dropping the oldest', async () => {
    vi.useFakeTimers();
    const onError = vi.fn();
    const tracker = makeTracker({ onError }, { fetch: fakeApi(down).fetch });
    const longName = 'x'.repeat(4_000);
    for (let i = 0; i < 80; i++) await tracker.trackCartEvent(cartEvent({ productId: `P-${i}`, productName: longName }));
    await vi.advanceTimersByTimeAsync(10);
    const bytes = queuedKeys().reduce((sum, key) => sum + key.length + (localStorage.getItem(key) ?? '').length, 0);
    expect(bytes).toBeLessThanOrEqual(MAX_QUEUE_BYTES);
    expect(queuedKeys().length).toBeGreaterThan(50);
    expect(onError.mock.calls.filter(([e]) => e.code === 'QUEUE_FULL').length).toBe(80 - queuedKeys().length);
  });

  it('does not cut short a burst that is being delivered', async () => {
    const api = fakeApi();
    const onError = vi.fn();
    const tracker = makeTracker({ onError }, { fetch: api.fetch });
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => tracker.trackCartEvent(cartEvent({ productId: `P-${i}` }))));
    expect(results.every((r) => r.status === 'recorded')).toBe(true);
    expect(api.requests.map((r) => r.body.product_id)).toEqual(Array.from({ length: 500 }, (_, i) => `P-${i}`));
    expect(onError).not.toHaveBeenCalled();
    await eventually(() => expect(queuedKeys()).toHaveLength(0));
  });
});
