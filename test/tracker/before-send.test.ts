import { describe, expect, it, vi } from 'vitest';
import { capture } from '../../src/capture/capture-plugin';
import { startSoon } from '../../src/lib/start-soon';
import { type PlatformLoader, platformPlugin } from '../../src/platforms/platform-plugin';
import { startWooCommerce } from '../../src/platforms/woocommerce';
import { buildTracker } from '../../src/tracker/tracker';
import type { BeforeSend, CartEventInput, CheckoutInput } from '../../src/types';
import { cartBody, eventually, expectStillSends, FP, fakeApi, json, makeTracker, order, setWidget, started } from '../helpers';

/** The store's lookup from its platform's ids (WooCommerce variation ids) to the SKUs its catalogue knows. */
const SKUS: Record<string, string> = { '11': 'BEANIE-RED', '42': 'HOODIE-BLUE-M', 'SKU-1': 'SHOE-42' };
const toSku = (id: string | number) => SKUS[String(id)] ?? String(id);
const mapSkus: BeforeSend = (event) =>
  'lineItems' in event
    ? { ...event, lineItems: event.lineItems.map((line) => ({ ...line, productId: toSku(line.productId) })) }
    : { ...event, productId: toSku(event.productId) };

describe('beforeSend', () => {
  it('sends the event the hook returns: platform ids become SKUs in the body, the hook sees the checked event and its kind', async () => {
    const api = fakeApi();
    const seen: unknown[] = [];
    const tracker = makeTracker(
      {
        currency: 'USD',
        beforeSend: (event, kind) => {
          seen.push([kind, structuredClone(event)]);
          return mapSkus(event, kind);
        },
      },
      { fetch: api.fetch },
    );
    expect(
      await tracker.trackCartEvent({ type: 'ITEM_ADDED', productId: 42, productName: 'Hoodie', value: 45, quantity: 2 }),
    ).toMatchObject({
      status: 'recorded',
    });
    expect(api.bodies()).toEqual([cartBody({ product_id: 'HOODIE-BLUE-M', product_name: 'Hoodie', value: 45, quantity: 2 })]);
    expect(seen).toEqual([
      ['cart', { type: 'ITEM_ADDED', productId: '42', productName: 'Hoodie', value: 45, currency: 'USD', quantity: 2 }],
    ]);
  });

  it('drops the event the hook answers null for (BEFORE_SEND), and the cart record still follows the store’s event', async () => {
    const api = fakeApi();
    const onEvent = vi.fn();
    const onError = vi.fn();
    let drop = true;
    const tracker = makeTracker({ onEvent, onError, beforeSend: (event) => (drop ? null : event) }, { fetch: api.fetch });
    expect(
      await tracker.addToCart({ productId: 'SKU-1', productName: 'Black Running Shoes', value: 79.99, currency: 'USD' }),
    ).toMatchObject({
      status: 'dropped',
      code: 'BEFORE_SEND',
    });
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ status: 'dropped', code: 'BEFORE_SEND' }));
    expect(onError).not.toHaveBeenCalled(); // the store's own choice, not an error
    await tracker.flush();
    expect(api.requests).toEqual([]);
    drop = false;
    // The record holds the dropped add: one more is an increase to 2, computed from the store's event.
    expect(await tracker.addToCart({ productId: 'SKU-1' })).toMatchObject({ status: 'recorded' });
    expect(api.bodies()).toEqual([cartBody({ type: 'QUANTITY_INCREASED', quantity: 2 })]);
  });

  it('keeps the record on the store’s ids when the hook changes them: a later change is computed from the store’s event', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ beforeSend: mapSkus }, { fetch: api.fetch });
    await tracker.addToCart({ productId: 'SKU-1', productName: 'Black Running Shoes', value: 79.99, currency: 'USD' }, 2);
    await tracker.updateQuantity({ productId: 'SKU-1' }, 1);
    await tracker.removeFromCart({ productId: 'SKU-1' });
    expect(api.bodies()).toEqual([
      cartBody({ product_id: 'SHOE-42', quantity: 2 }),
      cartBody({ type: 'QUANTITY_DECREASED', product_id: 'SHOE-42', quantity: 1 }),
      cartBody({ type: 'ITEM_REMOVED', product_id: 'SHOE-42', quantity: 0 }),
    ]);
  });

  it('sends the original event when the hook throws, and reports the error to onError', async () => {
    const api = fakeApi();
    const onError = vi.fn();
    const tracker = makeTracker(
      {
        onError,
        beforeSend: (event) => {
          (event as CartEventInput).productId = 'MUTATED';
          throw new Error('lookup not loaded');
        },
      },
      { fetch: api.fetch },
    );
    expect(
      await tracker.trackCartEvent({
        type: 'ITEM_ADDED',
        productId: 'SKU-1',
        productName: 'Black Running Shoes',
        value: 79.99,
        currency: 'USD',
        quantity: 1,
      }),
    ).toMatchObject({
      status: 'recorded',
    });
    expect(api.bodies()).toEqual([cartBody()]);
    expect(onError).toHaveBeenCalledWith({
      code: 'BEFORE_SEND_FAILED',
      message: 'beforeSend failed (lookup not loaded); the event is sent as it was',
    });
  });

  it.each([
    ['nothing', undefined, 'undefined'],
    ['a string', 'SKU-1', 'string'],
    ['a list', [], 'a list'],
    ['a promise', Promise.resolve(null), 'a promise'],
  ])('sends the original event when the hook returns %s, and reports it', async (_, returned, said) => {
    const api = fakeApi();
    const onError = vi.fn();
    const tracker = makeTracker({ onError, beforeSend: () => returned as never }, { fetch: api.fetch });
    expect(await tracker.trackCheckout(order())).toMatchObject({ status: 'recorded' });
    expect(api.bodies()).toMatchObject([{ orderId: 'ORD-7890', line_items: [{ product_id: '123' }, { product_id: '456' }] }]);
    expect(onError).toHaveBeenCalledWith({
      code: 'BEFORE_SEND_FAILED',
      message: `beforeSend failed (it returned ${said}); the event is sent as it was`,
    });
  });

  it('says so in debug mode when the hook fails', async () => {
    const api = fakeApi();
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const tracker = makeTracker({ debug: true, beforeSend: () => undefined as never }, { fetch: api.fetch });
    await tracker.trackCartEvent({
      type: 'ITEM_ADDED',
      productId: 'SKU-1',
      productName: 'Black Running Shoes',
      value: 79.99,
      currency: 'USD',
      quantity: 1,
    });
    const logged = info.mock.calls.map((args) => args.join(' '));
    expect(logged.some((line) => line.includes('BEFORE_SEND_FAILED') && line.includes('beforeSend failed (it returned undefined)'))).toBe(
      true,
    );
    expect(api.bodies()).toEqual([cartBody()]);
  });

  it('makes an event the hook breaks invalid, naming the field, and sends nothing for it', async () => {
    const api = fakeApi();
    const tracker = makeTracker(
      { beforeSend: (event) => ('productId' in event && event.productId === 'BROKEN' ? { ...event, productId: '' } : event) },
      { fetch: api.fetch },
    );
    const result = await tracker.trackCartEvent({
      type: 'ITEM_ADDED',
      productId: 'BROKEN',
      productName: 'X',
      value: 1,
      currency: 'USD',
      quantity: 1,
    });
    expect(result).toMatchObject({ status: 'invalid', code: 'INVALID_INPUT', issues: [{ path: 'productId' }] });
    await expectStillSends(tracker, api);
  });

  it('rewrites a checkout’s line items, and drops test orders', async () => {
    const api = fakeApi();
    const hook: BeforeSend = (event, kind) =>
      'lineItems' in event && String(event.orderId).startsWith('TEST-') ? null : mapSkus(event, kind);
    const tracker = makeTracker({ beforeSend: hook }, { fetch: api.fetch });
    const given = order({
      orderId: 'A-1',
      value: 135,
      lineItems: [
        { productId: 11, productName: 'Beanie', quantity: 1, value: 18 },
        { productId: '42', productName: 'Hoodie', quantity: 2, value: 90, currency: 'USD' },
        { productId: 'NO-SKU', productName: 'Gift card', quantity: 1, value: 27 },
      ],
    });
    expect(await tracker.trackCheckout(order({ orderId: 'TEST-9' }))).toMatchObject({ status: 'dropped', code: 'BEFORE_SEND' });
    expect(await tracker.trackCheckout(given)).toMatchObject({ status: 'recorded' });
    // The order guard keeps the store's id: the dropped order, tracked again (a reloaded thank-you page), is a duplicate.
    expect(await tracker.trackCheckout(order({ orderId: 'TEST-9' }))).toMatchObject({ status: 'duplicate' });
    expect(api.bodies()).toEqual([
      {
        company_key: 'acme',
        user_fingerprint: FP.user,
        user_faq_fingerprint: FP.faq,
        value: 135,
        currency: 'USD',
        orderId: 'A-1',
        order_id: 'A-1',
        line_items: [
          { product_id: 'BEANIE-RED', product_name: 'Beanie', quantity: 1, value: 18, currency: 'USD' },
          { product_id: 'HOODIE-BLUE-M', product_name: 'Hoodie', quantity: 2, value: 90, currency: 'USD' },
          { product_id: 'NO-SKU', product_name: 'Gift card', quantity: 1, value: 27, currency: 'USD' },
        ],
      },
    ]);
  });

  it('applies to a data-attribute add', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ autoTrack: true, beforeSend: mapSkus }, { fetch: api.fetch });
    await started();
    const button = document.createElement('button');
    const attributes = { 'product-id': '42', 'product-name': 'Hoodie', price: '45', currency: 'USD', action: 'add-to-cart' };
    for (const [name, value] of Object.entries(attributes)) button.setAttribute(`data-alhena-${name}`, value);
    document.body.append(button);
    button.click();
    await eventually(() => expect(api.requests).toHaveLength(1));
    await tracker.flush();
    expect(api.bodies()).toEqual([cartBody({ product_id: 'HOODIE-BLUE-M', product_name: 'Hoodie', value: 45 })]);
  });

  it('applies to a dataLayer add', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ dataLayer: true, beforeSend: mapSkus }, { fetch: api.fetch });
    await started();
    const w = window as unknown as { dataLayer: unknown[] };
    w.dataLayer.push({
      event: 'add_to_cart',
      ecommerce: { currency: 'USD', items: [{ item_id: '11', item_name: 'Beanie', price: 18, quantity: 1 }] },
    });
    await eventually(() => expect(api.requests).toHaveLength(1));
    await tracker.flush();
    expect(api.bodies()).toEqual([cartBody({ product_id: 'BEANIE-RED', product_name: 'Beanie', value: 18 })]);
  });

  it('applies to an order element', async () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<section data-alhena-order data-alhena-order-id="ORD-1" data-alhena-order-value="18" data-alhena-currency="USD">
        <div data-alhena-line-item data-alhena-product-id="11" data-alhena-product-name="Beanie" data-alhena-price="18"></div>
      </section>`,
    );
    const api = fakeApi();
    const tracker = makeTracker({ autoTrack: true, beforeSend: mapSkus }, { fetch: api.fetch });
    await eventually(() => expect(api.requests).toHaveLength(1));
    await tracker.flush();
    expect(api.bodies()).toMatchObject([{ orderId: 'ORD-1', line_items: [{ product_id: 'BEANIE-RED', quantity: 1, value: 18 }] }]);
  });

  it('applies to reportCart’s events, and the record keeps the store’s ids', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ currency: 'USD', beforeSend: mapSkus }, { fetch: api.fetch });
    const beanie = { productId: 11, productName: 'Beanie', value: 18, quantity: 1 };
    expect(await tracker.reportCart([beanie])).toEqual([]);
    await tracker.reportCart([
      { ...beanie, quantity: 3 },
      { productId: 42, productName: 'Hoodie', value: 45, quantity: 1 },
    ]);
    await tracker.reportCart([{ productId: 42, productName: 'Hoodie', value: 45, quantity: 1 }]);
    expect(api.bodies()).toEqual([
      cartBody({ type: 'QUANTITY_INCREASED', product_id: 'BEANIE-RED', product_name: 'Beanie', value: 18, quantity: 3 }),
      cartBody({ type: 'ITEM_ADDED', product_id: 'HOODIE-BLUE-M', product_name: 'Hoodie', value: 45, quantity: 1 }),
      cartBody({ type: 'ITEM_REMOVED', product_id: 'BEANIE-RED', product_name: 'Beanie', value: 18, quantity: 0 }),
    ]);
  });

  it('applies to a platform’s cart: WooCommerce’s variation ids become the store’s SKUs', async () => {
    document.body.classList.add('woocommerce-js');
    const api = fakeApi();
    let reads = 0;
    const store = {
      items: [{ id: 11, name: 'Beanie', quantity: 1, prices: { price: '1800', currency_code: 'USD', currency_minor_unit: 2 } }],
    };
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = decodeURIComponent(input instanceof Request ? input.url : String(input));
      if (url.includes('wc/store')) reads++;
      return url.includes('wc/store') ? json(200, { items: store.items, totals: { currency_code: 'USD' } }) : api.fetch(input, init);
    }) as typeof globalThis.fetch;
    const woo: PlatformLoader = async (name) => (name === 'woocommerce' ? startWooCommerce : undefined);
    const tracker = buildTracker(
      { companyKey: 'acme', fingerprints: () => FP, platform: 'auto', beforeSend: mapSkus },
      { seams: { fetch }, plugins: [capture, platformPlugin(woo)], schedule: startSoon, autoTrackDefault: true },
    );
    try {
      await eventually(() => expect(reads).toBe(1));
      store.items = [{ ...store.items[0], quantity: 2 }];
      document.body.dispatchEvent(new Event('added_to_cart'));
      await eventually(() => expect(api.requests).toHaveLength(1));
      await tracker.flush();
      expect(api.bodies()).toEqual([
        cartBody({ type: 'QUANTITY_INCREASED', product_id: 'BEANIE-RED', product_name: 'Beanie', value: 18, quantity: 2 }),
      ]);
    } finally {
      tracker.shutdown();
      document.body.classList.remove('woocommerce-js');
    }
  });
});

describe('the beforeSend option', () => {
  it('must be a function: anything else is a configuration error naming it, and nothing is sent', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const api = fakeApi();
    const onError = vi.fn();
    const tracker = makeTracker({ onError, beforeSend: 'mapSkus' as unknown as BeforeSend }, { fetch: api.fetch });
    expect(
      await tracker.trackCartEvent({ type: 'ITEM_ADDED', productId: 'SKU-1', productName: 'X', value: 1, currency: 'USD', quantity: 1 }),
    ).toMatchObject({
      status: 'dropped',
      code: 'CONFIG',
    });
    expect(onError).toHaveBeenCalledWith({ code: 'CONFIG', message: 'option `beforeSend` must be a function' });
    expect(logged).toHaveBeenCalledWith('[alhena-cart]', 'option `beforeSend` must be a function');
    expect(api.requests).toEqual([]);
    const fine = makeTracker({ beforeSend: (event) => event }, { fetch: api.fetch });
    await expectStillSends(fine, api);
  });

  it('is given a copy: a hook that changes the event in place and returns it sends the change, and the record keeps the store’s', async () => {
    const api = fakeApi();
    const tracker = makeTracker(
      {
        beforeSend: (event, kind) => {
          if (kind === 'checkout') (event as CheckoutInput).orderId = 'CHANGED';
          else (event as CartEventInput).productId = 'CHANGED';
          return event;
        },
      },
      { fetch: api.fetch },
    );
    await tracker.addToCart({ productId: 'SKU-1', productName: 'Black Running Shoes', value: 79.99, currency: 'USD' });
    await tracker.addToCart({ productId: 'SKU-1' });
    expect(api.bodies()).toEqual([
      cartBody({ product_id: 'CHANGED' }),
      cartBody({ type: 'QUANTITY_INCREASED', product_id: 'CHANGED', quantity: 2 }),
    ]);
  });
});

describe('beforeSend with the script tag', () => {
  it('comes from a pre-load init, as the README shows it: SKUs from the page’s lookup, test orders dropped', async () => {
    setWidget();
    const api = fakeApi();
    const w = window as unknown as { alhenaCart?: unknown; storeSkus?: Record<string, string> };
    w.storeSkus = { '42': 'HOODIE-BLUE-M' };
    // The README's hook, word for word (ES5, for a theme's <script>).
    type Loose = { productId: string; orderId?: string; lineItems: { productId: string }[] };
    const beforeSend = (event: Loose, kind: string) => {
      const skus = w.storeSkus || {};
      const sku = (id: string) => skus[id] || id;
      if (kind === 'cart') return Object.assign({}, event, { productId: sku(event.productId) });
      if (String(event.orderId).indexOf('TEST-') === 0) return null;
      return Object.assign({}, event, {
        lineItems: event.lineItems.map((line: { productId: string }) => Object.assign({}, line, { productId: sku(line.productId) })),
      });
    };
    w.alhenaCart = [['init', { beforeSend }]];
    const script = document.createElement('script');
    script.setAttribute('src', 'https://cdn.example/alhena-cart.min.js');
    script.setAttribute('data-company-key', 'acme');
    document.head.append(script);
    vi.stubGlobal('fetch', api.fetch);
    vi.resetModules();
    const current = vi.spyOn(document, 'currentScript', 'get').mockReturnValue(script);
    await import('../../src/script-tag');
    current.mockRestore();
    const alhenaCart = w.alhenaCart as Record<string, (...args: unknown[]) => Promise<unknown>>;
    try {
      await alhenaCart.trackCartEvent({
        type: 'ITEM_ADDED',
        productId: 42,
        productName: 'Hoodie',
        value: 45,
        currency: 'USD',
        quantity: 1,
      });
      expect(await alhenaCart.trackCheckout(order({ orderId: 'TEST-1' }))).toMatchObject({ status: 'dropped', code: 'BEFORE_SEND' });
      await alhenaCart.trackCheckout(
        order({ orderId: 'A-1', value: 45, lineItems: [{ productId: '42', productName: 'Hoodie', quantity: 1, value: 45 }] }),
      );
      expect(api.bodies()).toEqual([
        cartBody({ product_id: 'HOODIE-BLUE-M', product_name: 'Hoodie', value: 45 }),
        expect.objectContaining({ orderId: 'A-1', line_items: [expect.objectContaining({ product_id: 'HOODIE-BLUE-M' })] }),
      ]);
    } finally {
      alhenaCart.shutdown();
      delete w.storeSkus;
    }
  });
});
