import { describe, expect, it, vi } from 'vitest';
import { addToCart, gtagArguments, purchase, removeFromCart } from '../fixtures/ga4';
import { eventually, expectSentEvents, expectStillSends, fakeApi, makeTracker, started } from '../helpers';

type Layer = unknown[] & { push: (...entries: unknown[]) => number };
const layer = () => (window as unknown as { dataLayer: Layer }).dataLayer;
const gtag = (...args: unknown[]) => layer().push(gtagArguments(...args));

describe('GA4 dataLayer bridge', () => {
  it('turns GTM-style pushes into cart events with the quantity after the change, and a purchase into a checkout', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ dataLayer: true }, { fetch: api.fetch });
    await started();
    layer().push({ ecommerce: null });
    layer().push({ event: 'add_to_cart', ecommerce: addToCart });
    layer().push({ ecommerce: null });
    layer().push({ event: 'add_to_cart', ecommerce: { ...addToCart, items: [{ ...addToCart.items[0], quantity: 1 }] } });
    layer().push({ ecommerce: null });
    layer().push({ event: 'remove_from_cart', ecommerce: { ...removeFromCart, items: [{ ...removeFromCart.items[0], quantity: 2 }] } });
    layer().push({ event: 'remove_from_cart', ecommerce: removeFromCart });
    layer().push({ event: 'purchase', ecommerce: purchase });
    await tracker.flush();
    expectSentEvents(api.requests, [
      ['ITEM_ADDED', 'SKU_12345', 3],
      ['QUANTITY_INCREASED', 'SKU_12345', 4],
      ['QUANTITY_DECREASED', 'SKU_12345', 2],
      ['ITEM_REMOVED', 'SKU_12345', 0],
      ['CHECKOUT', 'T_12345'],
    ]);
    expect(api.requests[0].body).toMatchObject({ value: 10.01, currency: 'USD', product_name: 'Stan and Friends Tee' });
  });

  it('keeps the recorded name of a product the cart holds when an item has no item_name', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ dataLayer: true }, { fetch: api.fetch });
    await started();
    layer().push({
      event: 'add_to_cart',
      ecommerce: { currency: 'USD', items: [{ item_id: 'SKU-9', item_name: 'Blue Mug', price: 12, quantity: 2 }] },
    });
    layer().push({ event: 'remove_from_cart', ecommerce: { currency: 'USD', items: [{ item_id: 'SKU-9', price: 12, quantity: 1 }] } });
    layer().push({ event: 'add_to_cart', ecommerce: { currency: 'USD', items: [{ item_id: 'SKU-10', price: 5 }] } });
    await tracker.flush();
    expect(api.bodies().map((b) => [b.type, b.product_id, b.product_name, b.quantity])).toEqual([
      ['ITEM_ADDED', 'SKU-9', 'Blue Mug', 2],
      ['QUANTITY_DECREASED', 'SKU-9', 'Blue Mug', 1],
      ['ITEM_ADDED', 'SKU-10', 'SKU-10', 1], // a product the cart does not hold: named by its id
    ]);
  });

  it('reads gtag() calls, which push their arguments object', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ dataLayer: true }, { fetch: api.fetch });
    await started();
    gtag('js', new Date());
    gtag('config', 'G-XXXX');
    gtag('event', 'add_to_cart', addToCart);
    await tracker.flush();
    expectSentEvents(api.requests, [['ITEM_ADDED', 'SKU_12345', 3]]);
  });

  it('processes entries pushed before the SDK loaded exactly once', async () => {
    (window as unknown as { dataLayer: unknown[] }).dataLayer = [{ ecommerce: null }, { event: 'purchase', ecommerce: purchase }];
    const api = fakeApi();
    const tracker = makeTracker({ dataLayer: true }, { fetch: api.fetch });
    await started();
    await tracker.flush();
    layer().push({ event: 'page_view' });
    await tracker.flush();
    expectSentEvents(api.requests, [['CHECKOUT', 'T_12345']]);
  });

  it('keeps GTM and other wrappers of push working, in either load order', async () => {
    const seenByEarlier: unknown[] = [];
    const earlier = [] as unknown as Layer;
    (window as unknown as { dataLayer: Layer }).dataLayer = earlier;
    const original = earlier.push;
    earlier.push = function (...entries: unknown[]) {
      seenByEarlier.push(...entries);
      return original.apply(this, entries);
    };
    const api = fakeApi();
    const tracker = makeTracker({ dataLayer: true }, { fetch: api.fetch });
    await started();
    // A tag manager that loads later wraps push the same way, keeping the previous one.
    const seenByLater: unknown[] = [];
    const ours = layer().push;
    layer().push = function (...entries: unknown[]) {
      seenByLater.push(...entries);
      return ours.apply(this, entries);
    };
    const entry = { event: 'add_to_cart', ecommerce: addToCart };
    expect(layer().push(entry)).toBe(1);
    await tracker.flush();
    expect(seenByEarlier).toEqual([entry]);
    expect(seenByLater).toEqual([entry]);
    expect([...layer()]).toEqual([entry]);
    expect(api.requests).toHaveLength(1);
  });

  it('is off unless asked for', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    (window as unknown as { dataLayer: unknown[] }).dataLayer = [];
    layer().push({ event: 'add_to_cart', ecommerce: addToCart });
    await tracker.flush();
    expect(api.requests).toHaveLength(0);
    // The tracker sends what it is given, and the pushed add never follows.
    await expectStillSends(tracker, api);
  });

  it('with DOM capture also on, counts one add once: the first source to report owns the page', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ dataLayer: true, autoTrack: true }, { fetch: api.fetch });
    await started();
    const template = document.createElement('template');
    template.innerHTML = `<div data-alhena-product-id="SKU_12345" data-alhena-product-name="Stan and Friends Tee" data-alhena-price="10.01" data-alhena-currency="USD">
      <button id="add" data-alhena-action="add-to-cart" data-alhena-quantity="3">Add</button></div>`;
    document.body.append(template.content);
    // The store's own click handler also pushes the GA4 event for the same add.
    document.querySelector('#add')?.addEventListener('click', () => layer().push({ event: 'add_to_cart', ecommerce: addToCart }));
    (document.querySelector('#add') as HTMLElement).click();
    await tracker.flush();
    expectSentEvents(api.requests, [['ITEM_ADDED', 'SKU_12345', 3]]);
  });

  it('reports an item it cannot use and keeps going', async () => {
    const api = fakeApi();
    const onError = vi.fn();
    const tracker = makeTracker({ dataLayer: true, onError }, { fetch: api.fetch });
    await started();
    layer().push({
      event: 'add_to_cart',
      ecommerce: {
        currency: 'USD',
        items: [
          { item_id: 'X', item_name: 'X' },
          { item_id: 'Y', item_name: 'Y', price: 2 },
        ],
      },
    });
    await eventually(() => expect(onError).toHaveBeenCalled());
    expect(onError.mock.calls[0][0].message).toContain('value is required');
    await tracker.flush();
    expectSentEvents(api.requests, [['ITEM_ADDED', 'Y', 1]]);
  });
});
