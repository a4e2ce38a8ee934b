import { afterEach, describe, expect, it, vi } from 'vitest';
import { capture } from '../../src/capture/capture-plugin';
import { startSoon } from '../../src/lib/start-soon';
import { type PlatformLoader, platformPlugin, recognisePlatform } from '../../src/platforms/platform-plugin';
import { startPrestaShop } from '../../src/platforms/prestashop';
import { buildTracker } from '../../src/tracker/tracker';
import type { Options, Tracker } from '../../src/types';
import { cartBody, eventually, FP, fakeApi, json, KEYS, watchPageErrors } from '../helpers';

/**
 * A line of the presented cart as `prestashop.cart` and displayAjaxUpdate's `cart` carry it (CartPresenter filtered
 * by ProductFilter): ids as the database's strings, `price_amount` the unit price.
 */
const product = (id: number, attribute: number, name: string, quantity: number, price: number) => ({
  id_product: String(id),
  id_product_attribute: String(attribute),
  id_customization: null,
  name,
  price: `€${price.toFixed(2)}`,
  price_amount: price,
  quantity,
});
const MUG = product(6, 0, 'Mug The best is yet to come', 1, 11.9);
const TSHIRT_M = product(1, 2, 'Hummingbird printed t-shirt', 1, 23.9);
const NOTEBOOK = product(9, 0, 'Mountain fox notebook', 1, 12.9);
const presented = (products: unknown[], total?: number) => ({
  products,
  products_count: products.length,
  totals: { total: { type: 'total', label: 'Total', amount: total ?? 0, value: '' } },
});

type Listener = (event: unknown) => void;
interface Emitter {
  _events: Record<string, Listener[]> | undefined;
  emit(name: string, event: unknown): void;
  on(name: string, listener: Listener): void;
}
/** core.js's "inherit EventEmitter" (themes/_core/js/theme.js): EventEmitter.prototype copied on the object by for…in. */
function makeEmitter(target: Record<string, unknown>) {
  const proto: Emitter = {
    _events: undefined,
    emit(name, event) {
      for (const listener of this._events?.[name] ?? []) listener(event);
    },
    on(name, listener) {
      this._events ??= {};
      this._events[name] = [...(this._events[name] ?? []), listener];
    },
  };
  for (const key in proto) target[key] = proto[key as keyof Emitter];
}

interface Global extends Record<string, unknown> {
  cart?: unknown;
  emit?: (name: string, event: unknown) => void;
}
/**
 * The page's `prestashop` object as Media::addJsDef prints it (no emitter until core.js has run: `withCore`), and
 * the cart controller behind the injected fetch: `cart` is what it answers now, every read is counted.
 */
function prestaShopStore({ cart = [] as unknown[], page = 'category', withCore = true, total = undefined as number | undefined } = {}) {
  const global: Global = {
    cart: presented(cart, total),
    currency: { id: 1, name: 'Euro', iso_code: 'EUR', sign: '€' },
    page: { page_name: page },
    urls: { base_url: 'http://localhost:3000/', pages: { cart: 'http://localhost:3000/cart' } },
    static_token: 'abc',
  };
  (window as unknown as Record<string, unknown>).prestashop = global;
  if (withCore) makeEmitter(global);
  const store = { cart, total, reads: [] as string[] };
  const api = fakeApi();
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith('http://localhost:3000/cart')) return api.fetch(input, init);
    store.reads.push(url);
    return json(200, { success: true, id_product: 0, quantity: 0, cart: presented(store.cart, store.total), errors: '' });
  });
  return { global, store, api, fetch: fetch as unknown as typeof globalThis.fetch };
}

const prestaShop: PlatformLoader = async (name) => (name === 'prestashop' ? startPrestaShop : undefined);

const running: Tracker[] = [];
afterEach(() => {
  for (const tracker of running.splice(0)) tracker.shutdown();
  delete (window as unknown as Record<string, unknown>).prestashop;
  window.history.replaceState(null, '', '/');
});

function makeTracker(fetch: typeof globalThis.fetch, options: Options = {}): Tracker {
  const tracker = buildTracker(
    { companyKey: 'acme', fingerprints: () => FP, platform: 'auto', ...options },
    { seams: { fetch }, plugins: [capture, platformPlugin(prestaShop)], schedule: startSoon, autoTrackDefault: true },
  );
  running.push(tracker);
  return tracker;
}

const body = (type: string, id: string, name: string, value: number, quantity: number) =>
  cartBody({ type, product_id: id, product_name: name, value, currency: 'EUR', quantity });
/** The record a previous page left: these lines, as the SDK stores them. */
const recorded = (...lines: [string, number, string, number][]) =>
  localStorage.setItem(KEYS.cart, JSON.stringify(lines.map(([id, q, n, p]) => ({ id, q, n, p, c: 'EUR' }))));
const settle = () => new Promise((resolve) => setTimeout(resolve, 250));

describe('PrestaShop recognition', () => {
  it('recognises the `prestashop` object with its urls, not an element whose id is prestashop', () => {
    const element = document.createElement('div');
    element.id = 'prestashop';
    document.body.append(element);
    expect(recognisePlatform()).toBeUndefined();
    prestaShopStore();
    expect(recognisePlatform()).toBe('prestashop');
  });
});

describe('PrestaShop', () => {
  it('reads `prestashop.cart` as the page loads, with no request: a first visit records it and sends nothing', async () => {
    const { api, fetch, store } = prestaShopStore({ cart: [MUG] });
    const tracker = makeTracker(fetch);
    await settle();
    await tracker.flush();
    expect(api.requests).toEqual([]);
    expect(store.reads).toEqual([]);
    expect(JSON.parse(localStorage.getItem(KEYS.cart) ?? '[]')).toMatchObject([{ id: '6', q: 1 }]);
  });

  it('finds what a full page load changed by comparing the page’s cart with the record: a combination as id_product-id_product_attribute', async () => {
    recorded(['6', 2, 'Mug The best is yet to come', 11.9]);
    const { api, fetch, store } = prestaShopStore({ cart: [MUG, TSHIRT_M] });
    const tracker = makeTracker(fetch);
    await eventually(() => expect(api.requests).toHaveLength(2));
    await tracker.flush();
    expect(api.bodies()).toEqual([
      body('QUANTITY_DECREASED', '6', 'Mug The best is yet to come', 11.9, 1),
      body('ITEM_ADDED', '1-2', 'Hummingbird printed t-shirt', 23.9, 1),
    ]);
    expect(store.reads).toEqual([]);
  });

  it('takes the cart an `updateCart` carries (reason.cart on an add, resp.cart on the cart page): no request', async () => {
    const { api, fetch, global, store } = prestaShopStore({ cart: [MUG] });
    const tracker = makeTracker(fetch);
    await settle();
    const added = presented([{ ...MUG, quantity: 2 }, TSHIRT_M]);
    global.emit?.('updateCart', {
      reason: { idProduct: 1, idProductAttribute: 2, linkAction: 'add-to-cart', cart: added },
      resp: { cart: added },
    });
    await eventually(() => expect(api.requests).toHaveLength(2));
    global.emit?.('updateCart', {
      reason: { idProduct: '1', linkAction: 'delete-from-cart' },
      resp: { success: true, cart: presented([{ ...MUG, quantity: 2 }]) },
    });
    await eventually(() => expect(api.requests).toHaveLength(3));
    await tracker.flush();
    expect(api.bodies()).toEqual([
      body('QUANTITY_INCREASED', '6', 'Mug The best is yet to come', 11.9, 2),
      body('ITEM_ADDED', '1-2', 'Hummingbird printed t-shirt', 23.9, 1),
      body('ITEM_REMOVED', '1-2', 'Hummingbird printed t-shirt', 23.9, 0),
    ]);
    expect(store.reads).toEqual([]);
  });

  it('reads the cart controller (GET ajax=1&action=update, same origin) when an `updateCart` carries no cart; a burst is one read', async () => {
    const { api, fetch, global, store } = prestaShopStore({ cart: [MUG] });
    const tracker = makeTracker(fetch);
    await settle();
    store.cart = [{ ...MUG, quantity: 3 }];
    global.emit?.('updateCart', { reason: { 'link-action': 'delete-from-cart' } });
    global.emit?.('updateCart', { reason: { downUrl: '/cart?update=1&op=down' }, resp: { hasError: true, errors: ['No'], quantity: 3 } });
    global.emit?.('updateCart', undefined);
    await eventually(() => expect(api.requests).toHaveLength(1));
    await settle();
    await tracker.flush();
    expect(store.reads).toEqual(['http://localhost:3000/cart?ajax=1&action=update']);
    expect(api.bodies()).toEqual([body('QUANTITY_INCREASED', '6', 'Mug The best is yet to come', 11.9, 3)]);
  });

  it('a refused add (`handleError`, no `updateCart`) sends nothing and reads nothing', async () => {
    const { api, fetch, global, store } = prestaShopStore({ cart: [MUG] });
    const tracker = makeTracker(fetch);
    await settle();
    global.emit?.('handleError', {
      eventType: 'addProductToCart',
      resp: { hasError: true, errors: ['There are not enough products in stock.'] },
    });
    await settle();
    await tracker.flush();
    expect(api.requests).toEqual([]);
    expect(store.reads).toEqual([]);
  });

  it('hears `updateCart` when core.js makes the object an emitter after the SDK started (no timing luck)', async () => {
    const { api, fetch, global } = prestaShopStore({ cart: [MUG], withCore: false });
    const tracker = makeTracker(fetch);
    await settle();
    expect(global.on).toBeUndefined();
    makeEmitter(global); // core.js, at the end of the body
    expect(typeof global.on).toBe('function');
    await Promise.resolve();
    const cart = presented([MUG, NOTEBOOK]);
    global.emit?.('updateCart', { reason: { linkAction: 'add-to-cart', cart }, resp: { cart } });
    await eventually(() => expect(api.requests).toHaveLength(1));
    await tracker.flush();
    expect(api.bodies()).toEqual([body('ITEM_ADDED', '9', 'Mountain fox notebook', 12.9, 1)]);
  });

  it('sends the order once on the order-confirmation page, its lines and total from the checkout’s last cart read (a carrier chosen there included); the emptied cart is no removal', async () => {
    const lines = [{ ...MUG, quantity: 2 }, TSHIRT_M];
    const checkout = prestaShopStore({ cart: lines, page: 'checkout', total: 54.7 });
    recorded(['6', 2, 'Mug The best is yet to come', 11.9], ['1-2', 1, 'Hummingbird printed t-shirt', 23.9]);
    const first = makeTracker(checkout.fetch);
    await settle();
    // A carrier chosen on the checkout: its answer has no cart, so one read; the cart's new total is the order's value.
    checkout.store.total = 59.7;
    checkout.global.emit?.('updatedDeliveryForm', { dataForm: [], resp: { preview: '<section></section>' } });
    await eventually(() => expect(checkout.store.reads).toHaveLength(1));
    await settle();
    await first.flush();
    first.shutdown();
    expect(checkout.api.requests).toEqual([]);

    window.history.replaceState(null, '', '/order-confirmation?id_cart=10&id_module=31&id_order=7&key=0add74fe');
    const confirmation = prestaShopStore({ page: 'order-confirmation' });
    const second = makeTracker(confirmation.fetch);
    await eventually(() => expect(confirmation.api.requests).toHaveLength(1));
    await settle();
    await second.flush();
    expect(confirmation.api.bodies()).toEqual([
      {
        company_key: 'acme',
        user_fingerprint: FP.user,
        user_faq_fingerprint: FP.faq,
        value: 59.7,
        currency: 'EUR',
        orderId: '7',
        order_id: '7',
        line_items: [
          { product_id: '6', product_name: 'Mug The best is yet to come', quantity: 2, value: 23.8, currency: 'EUR' },
          { product_id: '1-2', product_name: 'Hummingbird printed t-shirt', quantity: 1, value: 23.9, currency: 'EUR' },
        ],
      },
    ]);
    second.shutdown();

    const reload = prestaShopStore({ page: 'order-confirmation' });
    const third = makeTracker(reload.fetch);
    await settle();
    await third.flush();
    expect(reload.api.requests).toEqual([]);
  });

  it('takes no order from a confirmation URL without its key, nor from another page with the same query', async () => {
    recorded(['6', 1, 'Mug The best is yet to come', 11.9]);
    window.history.replaceState(null, '', '/order-confirmation?id_cart=10&id_module=31&id_order=7');
    const noKey = prestaShopStore({ cart: [MUG], page: 'order-confirmation' });
    const tracker = makeTracker(noKey.fetch);
    await settle();
    await tracker.flush();
    tracker.shutdown();
    window.history.replaceState(null, '', '/cart?id_order=7&key=abc');
    const other = prestaShopStore({ cart: [MUG], page: 'cart' });
    const second = makeTracker(other.fetch);
    await settle();
    await second.flush();
    expect([...noKey.api.requests, ...other.api.requests]).toEqual([]);
  });

  it('reads nothing from a cart URL on another origin, and never throws into a page whose object is frozen', async () => {
    const errors = watchPageErrors();
    const { api, fetch, global, store } = prestaShopStore({ cart: [MUG], withCore: false });
    (global.urls as { pages: { cart: string } }).pages.cart = 'https://elsewhere.example/cart';
    Object.freeze(global);
    const tracker = makeTracker(fetch);
    await settle();
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await settle();
    await tracker.flush();
    expect(store.reads).toEqual([]);
    expect(api.requests).toEqual([]);
    expect(errors.stop()).toEqual([]);
  });

  it('once stopped, hears nothing more and leaves no trap on the object', async () => {
    const { api, fetch, global } = prestaShopStore({ cart: [MUG], withCore: false });
    const tracker = makeTracker(fetch);
    await settle();
    expect(Object.getOwnPropertyDescriptor(global, 'on')?.set).toBeTypeOf('function');
    tracker.shutdown();
    expect(Object.getOwnPropertyDescriptor(global, 'on')).toBeUndefined();
    makeEmitter(global);
    global.emit?.('updateCart', { resp: { cart: presented([{ ...MUG, quantity: 4 }]) } });
    await settle();
    expect(api.requests).toEqual([]);
  });
});
