import { describe, expect, it } from 'vitest';
import { cartBody, cartEvent, FP, fakeApi, makeTracker, order } from '../helpers';

describe('wire format (README: What goes over the wire)', () => {
  // keepalive is asserted in e2e: happy-dom's Request drops it.
  it('posts the exact cart body to the region host, as JSON, without cookies', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    await expect(tracker.trackCartEvent(cartEvent())).resolves.toMatchObject({ status: 'recorded' });
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request).toMatchObject({
      url: 'https://app.alhena.ai/analytics/cart_events',
      method: 'POST',
      contentType: 'application/json',
      credentials: 'omit',
    });
    expect(request.body).toStrictEqual(cartBody());
  });

  it('sends the configured source instead of CUSTOM', async () => {
    const api = fakeApi();
    await makeTracker({ source: 'WOOCOMMERCE' }, { fetch: api.fetch }).trackCartEvent(cartEvent());
    expect(api.requests[0].body.source).toBe('WOOCOMMERCE');
  });

  it('posts a checkout with both orderId and order_id carrying the same value', async () => {
    const api = fakeApi();
    const result = await makeTracker({ region: 'eu' }, { fetch: api.fetch }).trackCheckout(order());
    expect(result.status).toBe('recorded');
    expect(api.requests[0].url).toBe('https://eu.alhena.ai/analytics/checkout_events');
    expect(api.requests[0].body).toStrictEqual({
      company_key: 'acme',
      user_fingerprint: FP.user,
      user_faq_fingerprint: FP.faq,
      value: 199.97,
      currency: 'USD',
      orderId: 'ORD-7890',
      order_id: 'ORD-7890',
      line_items: [
        { product_id: '123', product_name: 'Product 1', quantity: 2, value: 159.98, currency: 'USD' },
        { product_id: '456', product_name: 'Product 2', quantity: 1, value: 39.99, currency: 'USD' },
      ],
    });
  });

  it('sends neither orderId nor order_id for an order without an id', async () => {
    const api = fakeApi();
    await makeTracker({}, { fetch: api.fetch }).trackCheckout(order({ orderId: undefined }));
    const body = api.requests[0].body;
    expect(body).not.toHaveProperty('orderId');
    expect(body).not.toHaveProperty('order_id');
    expect(Object.keys(body)).toEqual(['company_key', 'user_fingerprint', 'user_faq_fingerprint', 'value', 'currency', 'line_items']);
  });

  it('uses the configured default currency for events that name none', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ currency: 'EUR' }, { fetch: api.fetch });
    await tracker.trackCartEvent(cartEvent({ currency: undefined }));
    await tracker.trackCheckout(order({ currency: undefined, orderId: 'A-2' }));
    expect(api.requests.map((r) => r.body.currency)).toEqual(['EUR', 'EUR']);
    expect((api.requests[1].body.line_items as { currency: string }[]).map((l) => l.currency)).toEqual(['EUR', 'USD']);
  });

  it('posts to a first-party proxy given as apiBaseUrl', async () => {
    const api = fakeApi();
    await makeTracker({ apiBaseUrl: 'https://shop.example/a/' }, { fetch: api.fetch }).trackCartEvent(cartEvent());
    expect(api.requests[0].url).toBe('https://shop.example/a/analytics/cart_events');
  });
});
