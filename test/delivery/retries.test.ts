import { describe, expect, it, vi } from 'vitest';
import { MAX_EVENT_AGE_MS } from '../../src/delivery/retry-policy';
import { cartEvent, errorCode, eventually, expectSentEvents, fakeApi, json, makeTracker, order } from '../helpers';

const unavailable = (retryAfter?: string) => json(503, { message: 'down' }, retryAfter ? { 'retry-after': retryAfter } : {});

describe('retries', () => {
  it('retries three 503s with growing, jittered delays, then delivers once and keeps order', async () => {
    vi.useFakeTimers();
    const api = fakeApi((_, n) => (n <= 3 ? unavailable() : undefined));
    const onEvent = vi.fn();
    const tracker = makeTracker({ onEvent }, { fetch: api.fetch, random: () => 1 });
    tracker.trackCartEvent(cartEvent());
    tracker.trackCartEvent(cartEvent({ type: 'QUANTITY_INCREASED', quantity: 2 }));
    await vi.advanceTimersByTimeAsync(10);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(980);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(api.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_980);
    expect(api.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(20);
    expect(api.requests).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(4_000);
    await eventually(() => expect(api.requests).toHaveLength(5));
    expectSentEvents(api.requests, [
      ['ITEM_ADDED', 'SKU-1', 1],
      ['ITEM_ADDED', 'SKU-1', 1],
      ['ITEM_ADDED', 'SKU-1', 1],
      ['ITEM_ADDED', 'SKU-1', 1],
      ['QUANTITY_INCREASED', 'SKU-1', 2],
    ]);
    expect(onEvent.mock.calls.map(([r]) => r.status)).toEqual(['recorded', 'recorded']);
  });

  it('settles the caller queued when the next attempt is more than 3 s away, and reports the outcome later', async () => {
    vi.useFakeTimers();
    const api = fakeApi((_, n) => (n === 1 ? unavailable('10') : undefined));
    const onEvent = vi.fn();
    const tracker = makeTracker({ onEvent }, { fetch: api.fetch });
    const result = tracker.trackCartEvent(cartEvent());
    await vi.advanceTimersByTimeAsync(10);
    expect(await result).toMatchObject({ status: 'queued' });
    await vi.advanceTimersByTimeAsync(9_900);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(api.requests).toHaveLength(2);
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ status: 'recorded', eventId: (await result).eventId }));
  });

  it('honours Retry-After given as a date', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-28T10:00:00Z') });
    const api = fakeApi((_, n) => (n === 1 ? json(429, {}, { 'retry-after': 'Sat, 28 Nov 2026 10:00:07 GMT' }) : undefined));
    makeTracker({}, { fetch: api.fetch }).trackCartEvent(cartEvent());
    await vi.advanceTimersByTimeAsync(6_900);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(api.requests).toHaveLength(2);
  });

  it.each([
    ['MISSING_REQUIRED_FIELDS', 400],
    ['COMPANY_NOT_FOUND', 404],
    ['PREVIOUS_QUANTITY_INCREASED_EVENT_NOT_FOUND', 400],
    ['HTTP_403', 403],
  ])('never retries a final answer (%s)', async (code, status) => {
    vi.useFakeTimers();
    const api = fakeApi(() => (code.startsWith('HTTP') ? new Response('', { status }) : errorCode(code, status)));
    const result = makeTracker({}, { fetch: api.fetch }).trackCartEvent(cartEvent());
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(await result).toMatchObject({ status: 'rejected', code });
    expect(api.requests).toHaveLength(1);
  });

  it('retries network errors and timeouts', async () => {
    vi.useFakeTimers();
    const api = fakeApi((_, n) => (n === 1 ? 'network-error' : n === 2 ? new Promise<Response>(() => {}) : undefined));
    const result = makeTracker({}, { fetch: api.fetch, random: () => 0 }).trackCartEvent(cartEvent());
    await vi.advanceTimersByTimeAsync(600);
    expect(api.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10_000 + 1_100);
    expect(api.requests).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(20_000);
    expect((await result).status).toMatch(/recorded|queued/);
  });

  it('drops and reports an event older than 24 hours instead of sending it', async () => {
    vi.useFakeTimers();
    const api = fakeApi(() => unavailable());
    const onError = vi.fn();
    const tracker = makeTracker({ onError }, { fetch: api.fetch });
    tracker.trackCartEvent(cartEvent());
    await vi.advanceTimersByTimeAsync(MAX_EVENT_AGE_MS + 10 * 60_000);
    const attempts = api.requests.length;
    // Capped at 10 minutes apart (5–10 with jitter): a failing event costs at most ~300 requests a day.
    expect(attempts).toBeGreaterThan(100);
    expect(attempts).toBeLessThan(300);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'EXPIRED' }));
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(api.requests).toHaveLength(attempts);
  });

  it('waits for the browser to come back online instead of burning attempts', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const tracker = makeTracker({}, { fetch: api.fetch });
    const result = tracker.trackCartEvent(cartEvent());
    expect(await result).toMatchObject({ status: 'queued' });
    await tracker.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.requests).toHaveLength(0);
    onLine.mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await eventually(() => expect(api.requests).toHaveLength(1));
  });

  it('continues the persisted schedule on the next page instead of sending at once', async () => {
    vi.useFakeTimers();
    const failing = fakeApi(() => unavailable('60'));
    const first = makeTracker({}, { fetch: failing.fetch });
    first.trackCheckout(order());
    await vi.advanceTimersByTimeAsync(100);
    first.shutdown();
    expect(failing.requests).toHaveLength(1);
    const api = fakeApi();
    makeTracker({}, { fetch: api.fetch });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(api.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0].body.orderId).toBe('ORD-7890');
  });

  it('sends a body over the 64 KiB keepalive budget without keepalive', async () => {
    const api = fakeApi();
    const lineItems = Array.from({ length: 200 }, (_, i) => ({
      productId: `SKU-${i}`,
      productName: `A product with a long name ${i}`.padEnd(400, '.'),
      quantity: 1,
      value: 1,
    }));
    const tracker = makeTracker({}, { fetch: api.fetch });
    await tracker.trackCartEvent(cartEvent());
    await tracker.trackCheckout(order({ lineItems, value: 200 }));
    expect(JSON.stringify(api.requests[1].body).length).toBeGreaterThan(64 * 1024);
    expect(api.requests.map((r) => r.keepalive)).toEqual([true, false]);
  });
});
