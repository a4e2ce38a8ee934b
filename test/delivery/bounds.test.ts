import { describe, expect, it, vi } from 'vitest';
import { MAX_QUEUE_BYTES, MAX_QUEUE_EVENTS } from '../../src/delivery/bounds';
import { cartEvent, eventually, fakeApi, json, makeTracker, order } from '../helpers';

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

  it('trims a burst far over the bound in one pass, with one write for the queue', async () => {
    vi.useFakeTimers();
    const onError = vi.fn();
    const tracker = makeTracker({ onError }, { fetch: fakeApi(down).fetch });
    await tracker.trackCartEvent(cartEvent({ productId: 'P-0' }));
    await vi.advanceTimersByTimeAsync(10); // the API answered 503: delivery waits
    const writes = vi.spyOn(localStorage, 'setItem');
    const ids = (
      await Promise.all(Array.from({ length: 500 }, (_, i) => tracker.trackCartEvent(cartEvent({ productId: `P-${i + 1}` }))))
    ).map((r) => r.eventId);
    await vi.advanceTimersByTimeAsync(10);
    const dropped = onError.mock.calls.map(([e]) => e).filter((e) => e.code === 'QUEUE_FULL');
    expect(dropped).toHaveLength(301);
    expect(dropped.slice(1).map((e) => e.eventId)).toEqual(ids.slice(0, 300));
    // One cursor write moves the queue past all 301 (the others are the next head's attempt state).
    const cursorWrites = writes.mock.calls.filter(([key]) => key.includes(':qc:'));
    expect(cursorWrites.filter(([, value]) => JSON.parse(value).n === 0 && JSON.parse(value).s === undefined)).toHaveLength(1);
    expect(cursorWrites.length).toBeLessThan(5);
  });

  it('keeps at most 256 KiB, dropping the oldest', async () => {
    vi.useFakeTimers();
    const onError = vi.fn();
    const tracker = makeTracker({ onError }, { fetch: fakeApi(down).fetch });
    // Names are at most 512 characters: an order of ten long-named lines is about 4.5 kB.
    const lineItems = Array.from({ length: 10 }, (_, j) => ({
      productId: `SKU-${j}`,
      productName: 'x'.repeat(400),
      quantity: 1,
      value: 1,
    }));
    for (let i = 0; i < 80; i++) await tracker.trackCheckout(order({ orderId: `O-${i}`, lineItems, value: 10 }));
    await vi.advanceTimersByTimeAsync(10);
    // The bound is on what the queue holds (its entries as stored), not on the keys it is stored under.
    const bytes = queuedKeys().reduce((sum, key) => sum + (localStorage.getItem(key) ?? '').length, 0);
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
