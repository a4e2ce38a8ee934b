import { describe, expect, it } from 'vitest';
import { cartEvent, eventually, expectSentEvents, fakeApi, json, makeTracker, ok, order } from '../helpers';

describe('ordering', () => {
  it('holds a cart event behind a slow checkout until the checkout has its answer', async () => {
    let answerCheckout: (response: Response) => void = () => {};
    const api = fakeApi((request) =>
      request.path.endsWith('checkout_events') ? new Promise<Response>((resolve) => (answerCheckout = resolve)) : undefined,
    );
    const tracker = makeTracker({}, { fetch: api.fetch });
    const checkout = tracker.trackCheckout(order());
    const cart = tracker.trackCartEvent(cartEvent());
    await eventually(() => expect(api.requests).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(api.requests).toHaveLength(1);
    answerCheckout(ok('/analytics/checkout_events'));
    expect((await checkout).status).toBe('recorded');
    expect((await cart).status).toBe('recorded');
    expectSentEvents(api.requests, [
      ['CHECKOUT', 'ORD-7890'],
      ['ITEM_ADDED', 'SKU-1'],
    ]);
  });

  it('sends a QUANTITY_INCREASED only after its ITEM_ADDED was answered, across both endpoints', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    const results = await Promise.all([
      tracker.trackCartEvent(cartEvent()),
      tracker.trackCheckout(order({ orderId: 'A-1' })),
      tracker.trackCartEvent(cartEvent({ type: 'QUANTITY_INCREASED', quantity: 3 })),
      tracker.trackCartEvent(cartEvent({ productId: 'SKU-2' })),
      tracker.trackCartEvent(cartEvent({ type: 'ITEM_REMOVED', quantity: 0 })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['recorded', 'recorded', 'recorded', 'recorded', 'recorded']);
    expectSentEvents(api.requests, [
      ['ITEM_ADDED', 'SKU-1', 1],
      ['CHECKOUT', 'A-1'],
      ['QUANTITY_INCREASED', 'SKU-1', 3],
      ['ITEM_ADDED', 'SKU-2', 1],
      ['ITEM_REMOVED', 'SKU-1', 0],
    ]);
  });

  it('keeps a rejected event from blocking the ones behind it', async () => {
    const api = fakeApi((_, n) => (n === 1 ? json(400, { error_code: 'PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND' }) : undefined));
    const tracker = makeTracker({}, { fetch: api.fetch });
    const first = tracker.trackCartEvent(cartEvent({ type: 'QUANTITY_INCREASED', quantity: 2 }));
    const second = tracker.trackCartEvent(cartEvent({ productId: 'SKU-9' }));
    expect(await first).toMatchObject({ status: 'rejected', code: 'PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND' });
    expect(await second).toMatchObject({ status: 'recorded' });
  });
});
