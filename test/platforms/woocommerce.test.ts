import { afterEach, describe, expect, it, vi } from 'vitest';
import { capture } from '../../src/capture/capture-plugin';
import { startSoon } from '../../src/lib/start-soon';
import { type PlatformLoader, platformPlugin, recognisePlatform } from '../../src/platforms/platform-plugin';
import { startWooCommerce } from '../../src/platforms/woocommerce';
import { buildTracker } from '../../src/tracker/tracker';
import type { Options, Tracker } from '../../src/types';
import {
  cartBody,
  eventually,
  expectCaptureStillSends,
  expectStillSends,
  FP,
  fakeApi,
  json,
  KEYS,
  removeWebLocks,
  watchPageErrors,
} from '../helpers';

/** A Store API cart item as WooCommerce's CartItemSchema gives it: names HTML-escaped, prices in minor-unit strings. */
const item = (id: number, name: string, quantity: number, price: string) => ({
  key: `key-${id}`,
  id,
  quantity,
  name,
  prices: { price, regular_price: price, currency_code: 'EUR', currency_minor_unit: 2 },
});
const BEANIE = item(11, 'Beanie', 1, '1800');
const HOODIE_BLUE = item(42, 'Hoodie &#8211; Blue', 2, '4500');
const TEA = item(7, 'Tom&#8217;s Tea &#038; Biscuits', 1, '950');

/**
 * A WooCommerce store behind the injected fetch: `cart` is what the Store API answers now; every read is
 * counted; anything else goes to the Alhena API stand-in.
 */
function wooStore(initial: unknown[] = []) {
  const store = {
    cart: initial as unknown[],
    reads: [] as string[],
    order: undefined as unknown,
    orderStatus: 200,
    orderDelayMs: 0,
    answer: undefined as unknown,
  };
  const api = fakeApi();
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const path = decodeURIComponent(url);
    if (!path.includes('wc/store')) return api.fetch(input, init);
    store.reads.push(url);
    if (path.includes('/order/')) {
      await new Promise((resolve) => setTimeout(resolve, store.orderDelayMs));
      // A guest's order wants the billing email too (OrderAuthorizationTrait): the SDK has none to give.
      return store.order ? json(store.orderStatus, store.order) : json(401, { code: 'woocommerce_rest_invalid_billing_email' });
    }
    return json(200, store.answer ?? { items: store.cart, totals: { currency_code: 'EUR' } });
  });
  return { store, api, fetch: fetch as unknown as typeof globalThis.fetch };
}

const woo: PlatformLoader = async (name) => (name === 'woocommerce' ? startWooCommerce : undefined);

const running: Tracker[] = [];
afterEach(() => {
  for (const tracker of running.splice(0)) tracker.shutdown();
});

function makeTracker(fetch: typeof globalThis.fetch, options: Options = {}, load: PlatformLoader = woo): Tracker {
  const tracker = buildTracker(
    { companyKey: 'acme', fingerprints: () => FP, platform: 'auto', ...options },
    { seams: { fetch }, plugins: [capture, platformPlugin(load)], schedule: startSoon, autoTrackDefault: true },
  );
  running.push(tracker);
  return tracker;
}

const wooPage = () => document.body.classList.add('woocommerce-js');
/** A data-attribute add-to-cart button on the page, clicked. */
function clickDataAttributeAdd() {
  const button = document.createElement('button');
  const attributes = { 'product-id': 'X', 'product-name': 'X', price: '1', currency: 'EUR', action: 'add-to-cart' };
  for (const [name, value] of Object.entries(attributes)) button.setAttribute(`data-alhena-${name}`, value);
  document.body.append(button);
  button.click();
}
/** WooCommerce's jQuery: `trigger` calls the `on<name>` property of each element up to the window. */
const jQueryTrigger = (name: string) =>
  (document as unknown as Record<string, (...args: unknown[]) => unknown>)[`on${name}`]?.({ type: name }, {}, 'hash');
const body = (type: string, id: string, name: string, value: number, quantity: number) =>
  cartBody({ type, product_id: id, product_name: name, value, currency: 'EUR', quantity });
const cartReads = (store: { reads: string[] }) => store.reads.filter((url) => url.endsWith('/cart') || url.includes('%2Fcart'));

/**
 * Two tabs of the store whose reads of one change answer together, as two tabs reading it at once would:
 * the change is sent once. `settleMs`: how long the first tab's read is held (a storage lease confirms itself
 * for 100 ms before it reads).
 */
async function twoTabsReadOneChange(settleMs: number) {
  wooPage();
  const { api, fetch, store } = wooStore([BEANIE]);
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const gated = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (cartReads(store).length >= 2) await gate;
    return fetch(input, init);
  }) as typeof globalThis.fetch;
  const first = makeTracker(gated);
  const second = makeTracker(gated);
  await eventually(() => expect(cartReads(store)).toHaveLength(2));
  store.cart = [{ ...BEANIE, quantity: 3 }];
  jQueryTrigger('added_to_cart');
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  release();
  await eventually(() => expect(cartReads(store)).toHaveLength(4), { timeoutMs: 5000 });
  await first.flush();
  await second.flush();
  expect(api.bodies()).toEqual([body('QUANTITY_INCREASED', '11', 'Beanie', 18, 3)]);
}

describe('platform recognition', () => {
  it('recognises WooCommerce by its body class or its script data, and nothing else', () => {
    expect(recognisePlatform()).toBeUndefined();
    document.body.className = 'home woocommerce-no-js';
    expect(recognisePlatform()).toBe('woocommerce');
    document.body.className = 'home';
    (window as unknown as Record<string, unknown>).wc_add_to_cart_params = { ajax_url: '/wp-admin/admin-ajax.php' };
    expect(recognisePlatform()).toBe('woocommerce');
    delete (window as unknown as Record<string, unknown>).wc_add_to_cart_params;
    document.body.className = 'not-woocommerce-theme';
    expect(recognisePlatform()).toBeUndefined();
  });

  it('loads nothing and reads nothing on a page that is not a platform’s, and data attributes still send', async () => {
    const { api, fetch, store } = wooStore();
    const load = vi.fn(woo);
    const tracker = makeTracker(fetch, {}, load);
    await tracker.flush();
    expect(load).not.toHaveBeenCalled();
    await expectCaptureStillSends(tracker, api);
    expect(store.reads).toEqual([]);
  });

  it('with platform "none", loads nothing even on WooCommerce', async () => {
    wooPage();
    const { fetch, store } = wooStore();
    const load = vi.fn(woo);
    const tracker = makeTracker(fetch, { platform: 'none' }, load);
    await tracker.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(load).not.toHaveBeenCalled();
    expect(store.reads).toEqual([]);
  });

  it('owns the cart while its code runs: a data-attribute add is not sent, an order still is', async () => {
    wooPage();
    const { api, fetch, store } = wooStore([BEANIE]);
    const tracker = makeTracker(fetch);
    await eventually(() => expect(cartReads(store)).toHaveLength(1));
    clickDataAttributeAdd();
    await tracker.trackCheckout({
      orderId: 'A-1',
      value: 18,
      currency: 'EUR',
      lineItems: [{ productId: '11', productName: 'Beanie', quantity: 1, value: 18 }],
    });
    await tracker.flush();
    expect(api.requests.map((r) => r.path)).toEqual(['/analytics/checkout_events']);
  });

  it('a platform without code in this version is reported, and the tracker goes on', async () => {
    const { api, fetch } = wooStore();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const tracker = makeTracker(fetch, { platform: 'magento' });
    await eventually(() =>
      expect(errors).toHaveBeenCalledWith(
        '[alhena-cart]',
        'platform magento: its code could not run',
        expect.objectContaining({ message: 'its file registered no code' }),
      ),
    );
    expect(
      await tracker.trackCartEvent({ type: 'ITEM_ADDED', productId: 'A', productName: 'A', value: 1, currency: 'EUR', quantity: 1 }),
    ).toMatchObject({
      status: 'recorded',
    });
    expect(api.requests).toHaveLength(1);
  });
});

describe('WooCommerce', () => {
  it('reads the cart once as the page loads: the first visit records it, sending nothing; a change after a signal is sent', async () => {
    wooPage();
    const { api, fetch, store } = wooStore([BEANIE]);
    const tracker = makeTracker(fetch);
    await eventually(() => expect(cartReads(store)).toHaveLength(1));
    expect(store.reads[0]).toBe('http://localhost:3000/?rest_route=%2Fwc%2Fstore%2Fv1%2Fcart');
    store.cart = [{ ...BEANIE, quantity: 2 }, HOODIE_BLUE];
    jQueryTrigger('added_to_cart');
    await eventually(() => expect(api.requests).toHaveLength(2));
    await tracker.flush();
    expect(api.bodies()).toEqual([body('QUANTITY_INCREASED', '11', 'Beanie', 18, 2), body('ITEM_ADDED', '42', 'Hoodie – Blue', 45, 2)]);
    expect(cartReads(store)).toHaveLength(2);
  });

  it('finds on the next page what a full page load changed, and decodes names', async () => {
    wooPage();
    localStorage.setItem(KEYS.cart, JSON.stringify([{ id: '11', q: 1, n: 'Beanie', p: 18, c: 'EUR' }]));
    const { api, fetch } = wooStore([BEANIE, TEA]);
    const tracker = makeTracker(fetch);
    await eventually(() => expect(api.requests).toHaveLength(1));
    await tracker.flush();
    expect(api.bodies()).toEqual([body('ITEM_ADDED', '7', 'Tom’s Tea & Biscuits', 9.5, 1)]);
  });

  it('reads the Store API where WordPress’s api.w.org link says, on this origin only', async () => {
    const link = document.createElement('link');
    link.rel = 'https://api.w.org/';
    link.href = 'http://localhost:3000/shop/wp-json/';
    document.head.append(link);
    wooPage();
    const { fetch, store } = wooStore();
    makeTracker(fetch);
    await eventually(() => expect(store.reads).toEqual(['http://localhost:3000/shop/wp-json/wc/store/v1/cart']));
    link.href = 'https://elsewhere.example/wp-json/';
    const other = wooStore();
    makeTracker(other.fetch, { companyKey: 'other' });
    await eventually(() => expect(other.store.reads).toEqual(['http://localhost:3000/?rest_route=%2Fwc%2Fstore%2Fv1%2Fcart']));
  });

  it('collapses a burst of signals into one read, and a signal during a read into one more', async () => {
    wooPage();
    const { fetch, store } = wooStore([BEANIE]);
    makeTracker(fetch);
    await eventually(() => expect(cartReads(store)).toHaveLength(1));
    jQueryTrigger('updated_wc_div');
    jQueryTrigger('updated_cart_totals');
    document.body.dispatchEvent(new CustomEvent('wc-blocks_added_to_cart', { bubbles: true }));
    window.dispatchEvent(new CustomEvent('wc-blocks_store_sync_required'));
    await eventually(() => expect(cartReads(store)).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(cartReads(store)).toHaveLength(2);
  });

  it('skips the mini-cart’s refresh on load when the cart hash is unchanged, and reads when it changed', async () => {
    wooPage();
    // biome-ignore lint/suspicious/noDocumentCookie: WooCommerce's own cookie, set as its server would set it
    document.cookie = 'woocommerce_cart_hash=aaa; path=/';
    const { fetch, store } = wooStore([BEANIE]);
    makeTracker(fetch);
    await eventually(() => expect(cartReads(store)).toHaveLength(1));
    jQueryTrigger('wc_fragments_refreshed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(cartReads(store)).toHaveLength(1);
    // biome-ignore lint/suspicious/noDocumentCookie: WooCommerce's own cookie, set as its server would set it
    document.cookie = 'woocommerce_cart_hash=bbb; path=/';
    jQueryTrigger('wc_fragments_refreshed');
    await eventually(() => expect(cartReads(store)).toHaveLength(2));
    // biome-ignore lint/suspicious/noDocumentCookie: WooCommerce's own cookie, set as its server would set it
    document.cookie = 'woocommerce_cart_hash=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  it('reports nothing for a failed read or an answer that is not a cart: no removal is guessed', async () => {
    wooPage();
    const { api, fetch, store } = wooStore([BEANIE]);
    const tracker = makeTracker(fetch);
    await eventually(() => expect(cartReads(store)).toHaveLength(1));
    store.answer = { code: 'rest_no_route' };
    jQueryTrigger('removed_from_cart');
    await eventually(() => expect(cartReads(store)).toHaveLength(2));
    store.answer = undefined;
    store.cart = [];
    jQueryTrigger('removed_from_cart');
    await eventually(() => expect(api.requests).toHaveLength(1));
    await tracker.flush();
    expect(api.bodies()).toEqual([body('ITEM_REMOVED', '11', 'Beanie', 18, 0)]);
  });

  it('says in debug mode which platform it recognised, what each read returned and what the comparison sent, and why a data-attribute add is ignored', async () => {
    wooPage();
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const { fetch, store } = wooStore([BEANIE]);
    makeTracker(fetch, { debug: true });
    await eventually(() => expect(cartReads(store)).toHaveLength(1));
    store.cart = [];
    jQueryTrigger('removed_from_cart');
    await eventually(() =>
      expect(info.mock.calls.map((call) => call[1])).toContain('woocommerce: cart read, 0 line(s), 1 event(s) from the comparison'),
    );
    const lines = info.mock.calls.map((call) => call[1]);
    expect(lines).toContain('platform: woocommerce (recognised)');
    expect(lines).toContain("platform: woocommerce's code runs and owns the cart");
    expect(lines).toContain('woocommerce: cart read, 1 line(s), 0 event(s) from the comparison');
    expect(lines).toContain('woocommerce: signal: removed_from_cart');
    clickDataAttributeAdd();
    expect(info.mock.calls.map((call) => call[1])).toContain("dom: cart event ignored, this page's cart events come from woocommerce");
  });

  it('two tabs reading the same change at once send it once: one compares while the other waits', () => twoTabsReadOneChange(150));

  it('on the checkout page, a cart emptied by the order being placed is not reported as removals', async () => {
    document.body.className = 'woocommerce-js woocommerce-checkout';
    const { api, fetch, store } = wooStore([BEANIE]);
    const tracker = makeTracker(fetch);
    await eventually(() => expect(cartReads(store)).toHaveLength(1));
    store.cart = [];
    window.dispatchEvent(new CustomEvent('wc-blocks_store_sync_required'));
    await eventually(() => expect(cartReads(store)).toHaveLength(2));
    await tracker.flush();
    expect(api.requests).toEqual([]);
    store.cart = [{ ...BEANIE, quantity: 2 }];
    window.dispatchEvent(new CustomEvent('wc-blocks_store_sync_required'));
    await eventually(() => expect(api.requests).toHaveLength(1));
    expect(api.bodies()).toEqual([body('QUANTITY_INCREASED', '11', 'Beanie', 18, 2)]);
  });

  it('chains a handler the page had set, and restores it when stopped', async () => {
    wooPage();
    const theirs = vi.fn();
    (document as unknown as Record<string, unknown>).onadded_to_cart = theirs;
    const { fetch, store } = wooStore();
    const tracker = makeTracker(fetch);
    await eventually(() => expect(cartReads(store)).toHaveLength(1));
    jQueryTrigger('added_to_cart');
    expect(theirs).toHaveBeenCalledTimes(1);
    tracker.shutdown();
    expect((document as unknown as Record<string, unknown>).onadded_to_cart).toBe(theirs);
  });

  describe('on the order-received page', () => {
    /** WooCommerce's answer: order line ids (not product ids) and today's prices, so only the totals and status are used. */
    const ORDER = {
      id: 812,
      status: 'processing',
      items: [{ ...item(901, 'Beanie', 2, '1500') }, { ...item(902, 'Hoodie - Blue', 2, '4000') }],
      totals: { total_price: '13600', currency_code: 'EUR', currency_minor_unit: 2 },
    };
    const RECORD = [
      { id: '11', q: 2, n: 'Beanie', p: 18, c: 'EUR' },
      { id: '42', q: 2, n: 'Hoodie – Blue', p: 45, c: 'EUR' },
    ];
    const orderPage = (url: string) => {
      document.body.className = 'woocommerce-js woocommerce-checkout woocommerce-order-received';
      history.replaceState({}, '', url);
      localStorage.setItem(KEYS.cart, JSON.stringify(RECORD));
    };
    const checkoutBody = (orderId: string, value: number) => ({
      orderId,
      order_id: orderId,
      value,
      currency: 'EUR',
      line_items: [
        { product_id: '11', product_name: 'Beanie', quantity: 2, value: 36, currency: 'EUR' },
        { product_id: '42', product_name: 'Hoodie – Blue', quantity: 2, value: 90, currency: 'EUR' },
      ],
    });
    afterEach(() => {
      history.replaceState({}, '', '/');
      document.body.className = '';
    });

    it('sends the order once, before the cart is compared: lines from the last cart read, total from the order data', async () => {
      orderPage('/checkout/order-received/812/?key=wc_order_abc');
      const { api, fetch, store } = wooStore([]);
      store.order = ORDER;
      const tracker = makeTracker(fetch);
      await eventually(() => expect(cartReads(store)).toHaveLength(1));
      await tracker.flush();
      expect(store.reads[0]).toBe('http://localhost:3000/?rest_route=%2Fwc%2Fstore%2Fv1%2Forder%2F812&key=wc_order_abc');
      expect(api.requests.map((r) => r.path)).toEqual(['/analytics/checkout_events']);
      expect(api.bodies()[0]).toMatchObject(checkoutBody('812', 136));
      tracker.shutdown();
      // The page reloaded: the order is not read or sent again.
      const again = wooStore([]);
      again.store.order = ORDER;
      const reloaded = makeTracker(again.fetch);
      await eventually(() => expect(again.store.reads).toHaveLength(1));
      await reloaded.flush();
      expect(again.store.reads.some((url) => url.includes('order'))).toBe(false);
      expect(again.api.requests).toEqual([]);
    });

    it('takes the total from the last cart read when the Store API will not give a guest’s order, also without pretty permalinks', async () => {
      const { fetch: first, store: before } = wooStore([BEANIE, HOODIE_BLUE]);
      (before as { answer: unknown }).answer = {
        items: [{ ...BEANIE, quantity: 2 }, HOODIE_BLUE],
        totals: { total_price: '14150', currency_code: 'EUR', currency_minor_unit: 2 },
      };
      // The checkout page: the last cart read there records the lines and the total (shipping and tax in).
      document.body.className = 'woocommerce-js woocommerce-checkout';
      localStorage.setItem(KEYS.cart, JSON.stringify(RECORD));
      const checkout = makeTracker(first);
      await eventually(() => expect(cartReads(before)).toHaveLength(1));
      checkout.shutdown();
      orderPage('/?page_id=9&order-received=813&key=wc_order_def');
      localStorage.setItem(KEYS.cart, JSON.stringify(RECORD));
      const { api, fetch, store } = wooStore([]);
      const tracker = makeTracker(fetch);
      await eventually(() => expect(cartReads(store)).toHaveLength(1));
      await tracker.flush();
      expect(api.bodies()).toEqual([expect.objectContaining(checkoutBody('813', 141.5))]);
    });

    it('sends no failed or cancelled order, whether its data or its page says so', async () => {
      orderPage('/checkout/order-received/814/?key=wc_order_x');
      const { api, fetch, store } = wooStore([]);
      store.order = { ...ORDER, id: 814, status: 'failed' };
      const tracker = makeTracker(fetch);
      await eventually(() => expect(cartReads(store)).toHaveLength(1));
      await tracker.flush();
      tracker.shutdown();
      orderPage('/checkout/order-received/815/?key=wc_order_y');
      const notice = document.createElement('p');
      notice.className = 'woocommerce-notice woocommerce-thankyou-order-failed';
      document.body.append(notice);
      const second = wooStore([]);
      makeTracker(second.fetch);
      await eventually(() => expect(cartReads(second.store)).toHaveLength(1));
      expect(second.store.reads.some((url) => url.includes('order'))).toBe(false);
      expect([...api.requests, ...second.api.requests]).toEqual([]);
    });

    it('waits for the order before any read: a signal during the order’s read does not report the bought lines as removed', async () => {
      orderPage('/checkout/order-received/816/?key=wc_order_w');
      const { api, fetch, store } = wooStore([]);
      store.order = { ...ORDER, id: 816 };
      store.orderDelayMs = 300;
      const tracker = makeTracker(fetch);
      await new Promise((resolve) => setTimeout(resolve, 20));
      jQueryTrigger('wc_fragments_refreshed');
      window.dispatchEvent(new CustomEvent('wc-blocks_store_sync_required'));
      await eventually(() => expect(cartReads(store)).toHaveLength(1));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await tracker.flush();
      expect(api.requests.map((r) => r.path)).toEqual(['/analytics/checkout_events']);
      expect(cartReads(store)).toHaveLength(1);
    });

    it('does not take an address alone for an order page: a crafted ?order-received link sends nothing', async () => {
      wooPage();
      history.replaceState({}, '', '/shop/?order-received=999&key=x');
      localStorage.setItem(KEYS.cart, JSON.stringify(RECORD));
      const { api, fetch, store } = wooStore([{ ...BEANIE, quantity: 2 }, HOODIE_BLUE]);
      const tracker = makeTracker(fetch);
      await eventually(() => expect(cartReads(store)).toHaveLength(1));
      await tracker.flush();
      expect(store.reads.some((url) => url.includes('order'))).toBe(false);
      expect(api.requests).toEqual([]);
    });
  });

  describe('on a hostile or unusual page', () => {
    afterEach(() => {
      document.body.className = '';
      for (const name of ['onadded_to_cart', 'onremoved_from_cart']) delete (document as unknown as Record<string, unknown>)[name];
    });

    it('leaves capture its cart events when the platform’s code cannot load (bundled tag, 404, CSP)', async () => {
      wooPage();
      vi.spyOn(console, 'error').mockImplementation(() => {});
      const { api, fetch } = wooStore([BEANIE]);
      const tracker = makeTracker(fetch, {}, async () => {
        throw new Error('could not load alhena-cart.woocommerce.min.js');
      });
      await tracker.flush();
      await expectCaptureStillSends(tracker, api);
    });

    it('recognition that throws (a hostile className) is reported, and the tracker still sends', async () => {
      const page = watchPageErrors();
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      Object.defineProperty(document.body, 'className', {
        configurable: true,
        get: () =>
          new Proxy(
            {},
            {
              get() {
                throw new Error('hostile');
              },
            },
          ),
      });
      const { api, fetch } = wooStore([]);
      const tracker = makeTracker(fetch);
      await tracker.flush();
      delete (document.body as unknown as Record<string, unknown>).className;
      expect(error).toHaveBeenCalledWith('[alhena-cart]', 'platform: could not be recognised', expect.any(Error));
      await expectStillSends(tracker, api);
      expect(page.stop()).toEqual([]);
    });

    it('a property the page froze costs that one signal only; shut down, none of its handlers stays', async () => {
      wooPage();
      Object.defineProperty(document, 'onremoved_from_cart', { value: () => {}, writable: false, configurable: true });
      const { api, fetch, store } = wooStore([BEANIE]);
      const tracker = makeTracker(fetch);
      await eventually(() => expect(cartReads(store)).toHaveLength(1));
      store.cart = [{ ...BEANIE, quantity: 2 }];
      jQueryTrigger('added_to_cart');
      await eventually(() => expect(api.requests).toHaveLength(1));
      tracker.shutdown();
      expect((document as unknown as Record<string, unknown>).onadded_to_cart).toBeUndefined();
      jQueryTrigger('updated_wc_div');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(cartReads(store)).toHaveLength(2);
    });

    it('without Web Locks, two tabs reading one change at once still send it once (a storage lease)', async () => {
      removeWebLocks();
      await twoTabsReadOneChange(400);
    });

    it('decodes names without DOMParser too', async () => {
      wooPage();
      localStorage.setItem(KEYS.cart, '[]');
      vi.stubGlobal('DOMParser', undefined);
      const { api, fetch } = wooStore([TEA]);
      const tracker = makeTracker(fetch);
      await eventually(() => expect(api.requests).toHaveLength(1));
      await tracker.flush();
      expect(api.bodies()).toEqual([body('ITEM_ADDED', '7', 'Tom’s Tea & Biscuits', 9.5, 1)]);
    });
  });
});
