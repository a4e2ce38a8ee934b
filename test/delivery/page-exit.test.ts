import { afterEach, describe, expect, it } from 'vitest';
import { NETWORK_ERROR_GRACE_MS } from '../../src/delivery/outbox';
import { createQueue } from '../../src/delivery/queue';
import { createStorage } from '../../src/lib/storage';
import { cartEvent, eventually, expectSentEvents, fakeApi, KEYS, makeTracker, order } from '../helpers';

/** A page that sent `body` with keepalive and went away before its answer: the entry keeps its sentAt mark. */
function leftInFlight(kind: 'cart' | 'checkout') {
  const queue = createQueue(createStorage(), KEYS, 'gone');
  const cart = {
    company_key: 'acme',
    type: 'ITEM_ADDED' as const,
    product_id: 'A',
    product_name: 'A',
    value: 1,
    currency: 'USD',
    quantity: 1,
    source: 'CUSTOM',
  };
  const checkout = {
    company_key: 'acme',
    value: 1,
    currency: 'USD',
    orderId: 'O-1',
    order_id: 'O-1',
    line_items: [{ product_id: 'A', product_name: 'A', quantity: 1, value: 1, currency: 'USD' }],
  };
  const entry = queue.add(kind === 'cart' ? cart : checkout, ['u', 'f'], Date.now());
  queue.save({ ...entry, sentAt: Date.now() });
}

/** Web Locks whose grant never arrives: what a page sees when it navigates right after tracking. */
function locksThatNeverGrant() {
  Object.defineProperty(navigator, 'locks', { configurable: true, value: { request: () => new Promise(() => {}) } });
}

afterEach(() => {
  delete (navigator as unknown as Record<string, unknown>).locks;
});

describe('page exit', () => {
  it('sends the head with keepalive at pagehide when the lock grant has not come and no tab is sending', async () => {
    locksThatNeverGrant();
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    tracker.trackCartEvent(cartEvent());
    tracker.trackCartEvent(cartEvent({ productId: 'B' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.requests).toHaveLength(0);
    window.dispatchEvent(new Event('pagehide'));
    await eventually(() => expect(api.requests).toHaveLength(1));
    expect(api.requests[0]).toMatchObject({ keepalive: true, body: expect.objectContaining({ product_id: 'SKU-1' }) });
    tracker.shutdown();
    // The next page trusts the browser with the request that left and sends only what stayed behind.
    delete (navigator as unknown as Record<string, unknown>).locks;
    const next = fakeApi();
    await makeTracker({}, { fetch: next.fetch }).flush();
    expectSentEvents(next.requests, [['ITEM_ADDED', 'B']]);
  });

  it('leaves the head alone at pagehide while another tab holds the sender lease', async () => {
    locksThatNeverGrant();
    localStorage.setItem('alhena-cart:1:acme:sender:lease', `othertab ${Date.now() + 10_000}`);
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    tracker.trackCartEvent(cartEvent());
    window.dispatchEvent(new Event('pagehide'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.requests).toHaveLength(0);
    // Once that tab's lease is gone, the same page exit sends the head, with keepalive.
    localStorage.removeItem(KEYS.lease);
    window.dispatchEvent(new Event('pagehide'));
    await eventually(() => expect(api.requests).toHaveLength(1));
    expect(api.requests[0]).toMatchObject({ keepalive: true, body: expect.objectContaining({ product_id: 'SKU-1' }) });
  });

  it('does not send again a cart event whose request left as its page closed (the browser finished it)', async () => {
    leftInFlight('cart');
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    await tracker.trackCartEvent(cartEvent({ productId: 'B' }));
    await tracker.flush();
    expectSentEvents(api.requests, [['ITEM_ADDED', 'B']]);
  });

  it('does not send again an order whose request left as its page closed: an order id goes out at most once', async () => {
    leftInFlight('checkout');
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    await tracker.trackCartEvent(cartEvent({ productId: 'B' }));
    await tracker.flush();
    expectSentEvents(api.requests, [['ITEM_ADDED', 'B']]);
  });

  it('a window closed by script fails its request before pagehide: that network error is not taken as one', async () => {
    // The popup: its keepalive request fails on the page's side, then the page hides (window.close()).
    const popup = fakeApi(() => {
      setTimeout(() => window.dispatchEvent(new Event('pagehide')), 10);
      return 'network-error';
    });
    const closing = makeTracker({}, { fetch: popup.fetch });
    await closing.trackCartEvent(cartEvent());
    await new Promise((resolve) => setTimeout(resolve, NETWORK_ERROR_GRACE_MS + 50));
    closing.shutdown();
    window.dispatchEvent(new Event('pageshow'));
    // The opener, or the next page: the browser finished that request, so it is not sent again.
    const api = fakeApi();
    const next = makeTracker({}, { fetch: api.fetch });
    await next.trackCartEvent(cartEvent({ productId: 'B' }));
    await next.flush();
    expectSentEvents(api.requests, [['ITEM_ADDED', 'B']]);
  });

  it('settles waiting calls queued when the page hides, and sends the head itself if no tab holds the lock', async () => {
    const api = fakeApi(() => new Promise<Response>(() => {}));
    const tracker = makeTracker({}, { fetch: api.fetch });
    const pending = tracker.trackCheckout(order());
    await eventually(() => expect(api.requests).toHaveLength(1));
    window.dispatchEvent(new Event('pagehide'));
    expect(await pending).toMatchObject({ status: 'queued' });
    // Tracked while leaving: stored for the next page, the caller hears "queued" at once.
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'queued' });
  });
});
