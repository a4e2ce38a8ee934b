import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueue } from '../src/delivery/queue';
import { MAX_EVENT_AGE_MS, retryDelayMs } from '../src/delivery/retry-policy';
import type { EventBody } from '../src/events/wire';
import { createStorage } from '../src/lib/storage';
import { cartBody, cartEvent, FP, fakeApi, KEYS, makeTracker, order, setWidget, watchPageErrors } from './helpers';

// What storefronts' own scripts do to the globals the SDK relies on. Each case once lost every event,
// sent a malformed body, or threw into the page.

const restores: (() => void)[] = [];
/** Defines `name` on `target` for one test. */
function patch(target: object, name: string, descriptor: PropertyDescriptor) {
  const before = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(target, name, { configurable: true, ...descriptor });
  restores.push(() => (before ? Object.defineProperty(target, name, before) : delete (target as Record<string, unknown>)[name]));
}
afterEach(() => {
  vi.useRealTimers();
  for (const restore of restores.splice(0).reverse()) restore();
});

describe('a page that changed the globals', () => {
  it('an enumerable property on Object.prototype: events are still validated and sent', async () => {
    patch(Object.prototype, 'count', { value: 7, enumerable: true, writable: true });
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'recorded' });
    expect(await tracker.trackCartEvent(cartEvent({ value: 'free' }))).toMatchObject({ status: 'invalid', issues: [{ path: 'value' }] });
    expect(api.bodies()).toEqual([cartBody()]);
  });

  // Prototype.js's Array.prototype.toJSON runs in real browsers (e2e/journeys/old-libraries.spec.ts): happy-dom
  // copies a Headers object through JSON.stringify, which that patch breaks, where browsers' own Headers do not.

  it('Web Locks that refuse (Chromium blocking site data): the events still go out', async () => {
    const request = vi.fn(() => Promise.reject(new DOMException('The request was denied.', 'SecurityError')));
    patch(navigator, 'locks', { get: () => ({ request }) });
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'recorded' });
    expect(request).toHaveBeenCalled();
    expect(api.requests).toHaveLength(1);
  });

  it('a navigator.locks getter that throws: nothing reaches the page, the events go out', async () => {
    const page = watchPageErrors();
    patch(navigator, 'locks', {
      get: () => {
        throw new Error('locks');
      },
    });
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'recorded' });
    expect(await tracker.trackCartEvent(cartEvent({ type: 'QUANTITY_INCREASED', quantity: 2 }))).toMatchObject({ status: 'recorded' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(page.stop()).toEqual([]);
  });

  it('no TextEncoder: a body too long to measure cheaply is sent without keepalive, not lost', async () => {
    patch(globalThis, 'TextEncoder', { value: undefined, writable: true });
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    const lineItems = Array.from({ length: 60 }, (_, i) => ({
      productId: `SKU-${i}`,
      productName: 'x'.repeat(500),
      quantity: 1,
      value: 1,
    }));
    expect(await tracker.trackCheckout(order({ lineItems, value: 60 }))).toMatchObject({ status: 'recorded' });
    expect(api.requests[0].keepalive).toBe(false);
  });

  it('a document.gleenConfig that throws as it is read: an explicit company key still works', async () => {
    patch(document, 'gleenConfig', {
      get: () => {
        throw new Error('gleenConfig');
      },
    });
    const api = fakeApi();
    const tracker = makeTracker({ apiBaseUrl: undefined }, { fetch: api.fetch });
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'recorded' });
    expect(api.requests[0].url).toBe('https://app.alhena.ai/analytics/cart_events');
  });

  it('a widget whose `on` throws as it is read: no error reaches the page, the event goes out once fingerprints exist', async () => {
    const widget = {
      getFingerprint: () => undefined as string | undefined,
      getFAQFingerprint: () => undefined as string | undefined,
      get on() {
        throw new Error('widget-on');
      },
    };
    patch(globalThis, 'gleenWidget', { value: widget, writable: true });
    vi.useFakeTimers();
    const page = watchPageErrors();
    const api = fakeApi();
    const tracker = makeTracker({ fingerprints: undefined }, { fetch: api.fetch });
    const result = tracker.trackCartEvent(cartEvent());
    await vi.advanceTimersByTimeAsync(600); // two polls, each reading `on` again
    expect(await result).toMatchObject({ status: 'queued' });
    widget.getFingerprint = () => FP.user;
    widget.getFAQFingerprint = () => FP.faq;
    await vi.advanceTimersByTimeAsync(300);
    expect(api.requests).toHaveLength(1);
    expect(page.stop()).toEqual([]);
  });
});

describe('answers and stored state that could spin the page', () => {
  it('a Retry-After of 35 days waits at most the day an event lives', () => {
    expect(retryDelayMs(1, 503, '3000000', 0)).toBe(MAX_EVENT_AGE_MS);
  });

  it('a stored retry time 35 days ahead (tampered) does not spin the page: one wait, no request', async () => {
    vi.useFakeTimers();
    const stored = createQueue(createStorage(), KEYS, 'other');
    const entry = stored.add(cartBody() as EventBody, [FP.user, FP.faq], Date.now());
    stored.save({ ...entry, tries: 1, notBefore: Date.now() + 35 * 24 * 3_600_000 });
    const debug = vi.spyOn(console, 'info').mockImplementation(() => {});
    const api = fakeApi();
    const tracker = makeTracker({ debug: true }, { fetch: api.fetch });
    // A timer over 2^31 - 1 ms fires at once: the sender would wake only to wait again, over and over.
    const waits = () => debug.mock.calls.filter((args) => String(args[1]).startsWith('waiting (retry')).length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(waits()).toBe(1);
    expect(api.requests).toHaveLength(0);
    // The sender is alive: once the day the stored event lives is over, it drops that event and sends the next.
    void tracker.trackCartEvent(cartEvent({ productId: 'VALID' }));
    await vi.advanceTimersByTimeAsync(MAX_EVENT_AGE_MS);
    expect(api.requests.map((r) => r.body.product_id)).toEqual(['VALID']);
    expect(waits()).toBe(2); // once more as the new event woke it, and not again all day
  });

  it('a stored lease that runs out further ahead than a lease ever does is not honoured', async () => {
    setWidget();
    localStorage.setItem('alhena-cart:1:acme:sender:lease', 'deadtab0 99999999999999');
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'recorded' });
  });
});
