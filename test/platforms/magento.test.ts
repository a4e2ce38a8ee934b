import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { capture } from '../../src/capture/capture-plugin';
import { startSoon } from '../../src/lib/start-soon';
import { startMagento } from '../../src/platforms/magento';
import { type PlatformLoader, platformPlugin, recognisePlatform } from '../../src/platforms/platform-plugin';
import { buildTracker } from '../../src/tracker/tracker';
import type { Options, Tracker } from '../../src/types';
import { cartBody, eventually, expectCaptureStillSends, FP, fakeApi, json, KEYS, watchPageErrors } from '../helpers';

/**
 * A customer-data `cart` section line (Magento_Checkout's CustomerData/DefaultItem.php): the name HTML-escaped, the
 * parent's `product_id` and the child's `product_sku` for a configurable.
 */
const line = (itemId: number, productId: number, sku: string, name: string, qty: number, price: unknown) => ({
  item_id: String(itemId),
  product_id: String(productId),
  product_sku: sku,
  product_name: name,
  product_price: '<span class="price">€0.00</span>',
  product_price_value: price,
  qty,
});
const BAG = line(101, 1, '24-MB01', 'Joust Duffle Bag', 1, 34);
const HOODIE_L = line(102, 67, 'MH01-L', 'Chaz Kangeroo Hoodie', 1, 54.5);
const HOODIE_S = line(103, 67, 'MH01-S', 'Chaz Kangeroo Hoodie', 1, 52);
const GRIPS = line(104, 33, '24-UG05', 'Go-Get&#039;r Pushup Grips &amp; Mat', 1, 19);

const SECTION_URL = 'http://localhost:3000/shop/customer/section/load/';

/** A Magento store behind the injected fetch: `cart` is what `customer/section/load` answers now; every read is counted. */
function magentoStore(initial: unknown[] = []) {
  const store = { cart: initial, reads: [] as string[], answer: undefined as unknown };
  const api = fakeApi();
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.includes('/customer/section/load')) return api.fetch(input, init);
    store.reads.push(url);
    return json(200, store.answer ?? { cart: { summary_count: 1, items: store.cart, data_id: 1 } });
  });
  return { store, api, fetch: fetch as unknown as typeof globalThis.fetch };
}

const magento: PlatformLoader = async (name) => (name === 'magento' ? startMagento : undefined);

const running: Tracker[] = [];
function makeTracker(fetch: typeof globalThis.fetch, options: Options = {}, load: PlatformLoader = magento): Tracker {
  const tracker = buildTracker(
    { companyKey: 'acme', fingerprints: () => FP, platform: 'auto', ...options },
    { seams: { fetch }, plugins: [capture, platformPlugin(load)], schedule: startSoon, autoTrackDefault: true },
  );
  running.push(tracker);
  return tracker;
}

/** A Luma page: customer-data's options in an x-magento-init script (Magento_Customer::js/customer-data.phtml). */
function lumaPage(bodyClass = 'cms-index-index') {
  const init = document.createElement('script');
  init.type = 'text/x-magento-init';
  init.textContent = JSON.stringify({ '*': { 'Magento_Customer/js/customer-data': { sectionLoadUrl: SECTION_URL } } });
  document.body.className = bodyClass;
  document.body.append(init);
}
const productMeta = (currency: string) => {
  const meta = document.createElement('meta');
  meta.setAttribute('property', 'product:price:currency');
  meta.content = currency;
  document.head.append(meta);
};

/** customer-data's copy of the section as it leaves it after a reload: stored, versioned in the cookie, not flagged. */
function storeSection(items: unknown[], dataId = 7) {
  localStorage.setItem('mage-cache-storage', JSON.stringify({ cart: { items, data_id: dataId } }));
  localStorage.setItem('mage-cache-storage-section-invalidation', '{}');
  setCookie('section_data_ids', encodeURIComponent(JSON.stringify({ cart: dataId })));
  setCookie('mage-cache-sessid', 'true');
}
// biome-ignore lint/suspicious/noDocumentCookie: Magento's own cookies, set as customer-data sets them
const setCookie = (name: string, value: string) => (document.cookie = `${name}=${value}; path=/`);
// biome-ignore lint/suspicious/noDocumentCookie: Magento's own cookies, cleared between tests
const clearCookie = (name: string) => (document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`);

/** The page's jQuery, enough of it: `$(document).on/off` and `trigger`, as catalog-add-to-cart.js triggers `ajax:addToCart`. */
function fakeJQuery() {
  const handlers = new Map<string, Set<() => void>>();
  const jQuery = () => ({
    on: (name: string, handler: () => void) => handlers.set(name, new Set([...(handlers.get(name) ?? []), handler])),
    off: (name: string, handler: () => void) => handlers.get(name)?.delete(handler),
  });
  (window as unknown as { jQuery?: unknown }).jQuery = jQuery;
  return {
    trigger(name: string) {
      for (const handler of handlers.get(name) ?? []) handler();
    },
    count: (name: string) => handlers.get(name)?.size ?? 0,
  };
}

const body = (type: string, id: string, name: string, value: number, quantity: number, currency = 'EUR') =>
  cartBody({ type, product_id: id, product_name: name, value, currency, quantity });
/** The SDK's record of the cart, as a page before this one left it (with the time of its last change). */
function record(lines: { id: string; q: number; n: string; p: number; c?: string }[]) {
  localStorage.setItem(KEYS.cart, JSON.stringify(lines.map((l) => ({ c: 'EUR', ...l }))));
  localStorage.setItem(`${KEYS.cart}:at`, String(Date.now()));
}

beforeEach(() => {
  history.replaceState({}, '', '/shop/');
});
afterEach(() => {
  for (const tracker of running.splice(0)) tracker.shutdown();
  for (const name of ['section_data_ids', 'mage-cache-sessid']) clearCookie(name);
  const w = window as unknown as Record<string, unknown>;
  for (const name of ['jQuery', 'checkoutConfig', 'BASE_URL']) delete w[name];
  document.body.className = '';
});

describe('platform recognition', () => {
  it('recognises Magento by its x-magento-init scripts only; a plain page is nothing', () => {
    expect(recognisePlatform()).toBeUndefined();
    lumaPage();
    expect(recognisePlatform()).toBe('magento');
    document.body.replaceChildren();
    const json = document.createElement('script');
    json.type = 'application/json';
    document.body.append(json);
    expect(recognisePlatform()).toBeUndefined();
  });
});

describe('Magento', () => {
  it('a new visitor has no cart section: asks customer/section/load for it once, records it, sends nothing; after ajax:addToCart the change is sent', async () => {
    lumaPage();
    productMeta('EUR');
    const jq = fakeJQuery();
    const { api, fetch, store } = magentoStore([BAG]);
    const tracker = makeTracker(fetch);
    await eventually(() => expect(store.reads).toHaveLength(1));
    expect(store.reads[0]).toBe(`${SECTION_URL}?sections=cart`);
    await tracker.flush();
    expect(api.requests).toEqual([]);
    store.cart = [HOODIE_L, { ...BAG, qty: 2 }];
    jq.trigger('ajax:addToCart');
    jq.trigger('ajax:addToCart');
    await eventually(() => expect(api.requests).toHaveLength(2));
    await tracker.flush();
    expect(api.bodies()).toEqual([
      body('ITEM_ADDED', 'MH01-L', 'Chaz Kangeroo Hoodie', 54.5, 1),
      body('QUANTITY_INCREASED', '24-MB01', 'Joust Duffle Bag', 34, 2),
    ]);
    expect(store.reads).toHaveLength(2);
  });

  it('reads customer-data’s copy while it is current (no request), and the server when customer-data invalidated it', async () => {
    lumaPage();
    productMeta('EUR');
    record([{ id: '24-MB01', q: 1, n: 'Joust Duffle Bag', p: 34 }]);
    storeSection([GRIPS, BAG]);
    const jq = fakeJQuery();
    const { api, fetch, store } = magentoStore([BAG]);
    const tracker = makeTracker(fetch);
    await eventually(() => expect(api.requests).toHaveLength(1));
    await tracker.flush();
    expect(store.reads).toEqual([]);
    expect(api.bodies()).toEqual([body('ITEM_ADDED', '24-UG05', "Go-Get'r Pushup Grips & Mat", 19, 1)]);
    // A cart POST: customer-data flags the section and drops its copy until its reload answers.
    localStorage.setItem('mage-cache-storage-section-invalidation', '{"cart":true}');
    store.cart = [GRIPS];
    jq.trigger('ajax:addToCart');
    await eventually(() => expect(api.requests).toHaveLength(2));
    expect(store.reads).toHaveLength(1);
    expect(api.bodies()[1]).toEqual(body('ITEM_REMOVED', '24-MB01', 'Joust Duffle Bag', 34, 0));
  });

  it('does not trust a copy of another version than the cookie names, or one left from a closed browser session', async () => {
    lumaPage();
    storeSection([BAG], 7);
    setCookie('section_data_ids', encodeURIComponent(JSON.stringify({ cart: 1007 })));
    const first = magentoStore([BAG]);
    makeTracker(first.fetch);
    await eventually(() => expect(first.store.reads).toHaveLength(1));
    storeSection([BAG], 7);
    clearCookie('mage-cache-sessid');
    const second = magentoStore([BAG]);
    makeTracker(second.fetch, { companyKey: 'other' });
    await eventually(() => expect(second.store.reads).toHaveLength(1));
  });

  it('a malformed cookie or a broken sectionLoadUrl costs nothing: the cart is still read and compared', async () => {
    const page = watchPageErrors();
    const init = document.createElement('script');
    init.type = 'text/x-magento-init';
    init.textContent = JSON.stringify({ '*': { 'Magento_Customer/js/customer-data': { sectionLoadUrl: 'http://[broken' } } });
    document.body.append(init);
    setCookie('section_data_ids', '%E0%A4%A');
    record([{ id: '24-MB01', q: 1, n: 'Joust Duffle Bag', p: 34 }]);
    const { api, fetch, store } = magentoStore([{ ...BAG, qty: 2 }]);
    const tracker = makeTracker(fetch, { currency: 'EUR' });
    await eventually(() => expect(api.requests).toHaveLength(1));
    await tracker.flush();
    expect(store.reads).toEqual(['http://localhost:3000/customer/section/load/?sections=cart']);
    expect(api.bodies()).toEqual([body('QUANTITY_INCREASED', '24-MB01', 'Joust Duffle Bag', 34, 2)]);
    expect(page.stop()).toEqual([]);
  });

  it('an add the store refuses: ajax:addToCart fires, the cart read finds nothing changed, nothing is sent; the next real add is', async () => {
    lumaPage();
    productMeta('EUR');
    const jq = fakeJQuery();
    const { api, fetch, store } = magentoStore([BAG]);
    const tracker = makeTracker(fetch);
    await eventually(() => expect(store.reads).toHaveLength(1));
    jq.trigger('ajax:addToCart');
    await eventually(() => expect(store.reads).toHaveLength(2));
    await tracker.flush();
    expect(api.requests).toEqual([]);
    store.cart = [HOODIE_S, BAG];
    jq.trigger('ajax:addToCart');
    await eventually(() => expect(api.requests).toHaveLength(1));
    expect(api.bodies()).toEqual([body('ITEM_ADDED', 'MH01-S', 'Chaz Kangeroo Hoodie', 52, 1)]);
  });

  it('prices: the tax-inclusive one of `{incl_tax, excl_tax}` (tax shown both ways); a category page uses the currency last read on this store, else the option', async () => {
    lumaPage('catalog-category-view');
    const jq = fakeJQuery();
    const { api, fetch, store } = magentoStore([]);
    const tracker = makeTracker(fetch, { currency: 'USD' });
    await eventually(() => expect(store.reads).toHaveLength(1));
    store.cart = [line(105, 14, '24-MB04', 'Strive Shoulder Pack', 1, { incl_tax: 38.4, excl_tax: 32 })];
    jq.trigger('ajax:addToCart');
    await eventually(() => expect(api.requests).toHaveLength(1));
    // A product page seen since: its currency is remembered for the category pages after it.
    localStorage.setItem(`${KEYS.namespace}platform:magento:currency`, 'GBP');
    store.cart = [{ ...(store.cart[0] as object), qty: 2 }];
    jq.trigger('ajax:addToCart');
    await eventually(() => expect(api.requests).toHaveLength(2));
    await tracker.flush();
    expect(api.bodies()).toEqual([
      body('ITEM_ADDED', '24-MB04', 'Strive Shoulder Pack', 38.4, 1, 'USD'),
      body('QUANTITY_INCREASED', '24-MB04', 'Strive Shoulder Pack', 38.4, 2, 'GBP'),
    ]);
  });

  it('remembers the product page’s currency for the pages without one', async () => {
    lumaPage('catalog-product-view');
    productMeta('EUR');
    const { fetch, store } = magentoStore([]);
    makeTracker(fetch);
    await eventually(() => expect(store.reads).toHaveLength(1));
    // Under the company key's namespace, as consent governs the SDK's other keys.
    expect(localStorage.getItem(`${KEYS.namespace}platform:magento:currency`)).toBe('EUR');
  });

  it('with consent pending, remembers the currency in memory only', async () => {
    lumaPage('catalog-product-view');
    productMeta('EUR');
    const { fetch, store } = magentoStore([]);
    makeTracker(fetch, { consent: 'pending' });
    await eventually(() => expect(store.reads).toHaveLength(1));
    expect(Object.keys(localStorage).filter((key) => key.includes('currency'))).toEqual([]);
  });

  it('finds the section under BASE_URL when customer-data’s options are not on the page', async () => {
    const init = document.createElement('script');
    init.type = 'text/x-magento-init';
    init.textContent = '{"[data-block=minicart]": {"Magento_Checkout/js/sidebar": {}}}';
    document.body.append(init);
    (window as unknown as { BASE_URL: string }).BASE_URL = 'http://localhost:3000/de/';
    const { fetch, store } = magentoStore([]);
    makeTracker(fetch);
    await eventually(() => expect(store.reads).toEqual(['http://localhost:3000/de/customer/section/load/?sections=cart']));
  });

  it('hears ajax:addToCart when RequireJS defines jQuery only after the code started', async () => {
    lumaPage();
    const { fetch, store } = magentoStore([]);
    makeTracker(fetch);
    await eventually(() => expect(store.reads).toHaveLength(1));
    const jq = fakeJQuery();
    window.dispatchEvent(new Event('load'));
    expect(jq.count('ajax:addToCart')).toBe(1);
    jq.trigger('ajax:addToCart');
    await eventually(() => expect(store.reads).toHaveLength(2));
  });

  it('reports nothing for an answer that is not a cart: no removal is guessed', async () => {
    lumaPage();
    const jq = fakeJQuery();
    record([{ id: '24-MB01', q: 1, n: 'Joust Duffle Bag', p: 34 }]);
    const { api, fetch, store } = magentoStore([BAG]);
    store.answer = { messages: {} };
    const tracker = makeTracker(fetch);
    await eventually(() => expect(store.reads).toHaveLength(1));
    store.answer = undefined;
    store.cart = [];
    jq.trigger('ajax:addToCart');
    await eventually(() => expect(api.requests).toHaveLength(1));
    await tracker.flush();
    expect(api.bodies()).toEqual([body('ITEM_REMOVED', '24-MB01', 'Joust Duffle Bag', 34, 0)]);
  });

  it('owns the cart while its code runs, and leaves capture its cart events when its code cannot load', async () => {
    lumaPage();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { api, fetch } = magentoStore([]);
    const tracker = makeTracker(fetch, {}, async () => {
      throw new Error('CSP refused alhena-cart.magento.min.js');
    });
    await tracker.flush();
    await expectCaptureStillSends(tracker, api);
  });

  describe('the checkout and the success page', () => {
    const CHECKOUT = {
      quoteData: { quote_currency_code: 'EUR', grand_total: '127.5000' },
      quoteItemData: [
        { item_id: '102', sku: 'MH01-L', name: 'Chaz Kangeroo Hoodie', qty: '1.0000', price: '54.5000', price_incl_tax: '54.5000' },
        { item_id: '101', sku: '24-MB01', name: 'Joust Duffle Bag', qty: '2.0000', price: '34.0000', price_incl_tax: '34.0000' },
      ],
      totalsData: { grand_total: 127.5 },
    };
    const checkoutBody = (orderId: string) => ({
      orderId,
      order_id: orderId,
      value: 127.5,
      currency: 'EUR',
      line_items: [
        { product_id: 'MH01-L', product_name: 'Chaz Kangeroo Hoodie', quantity: 1, value: 54.5, currency: 'EUR' },
        { product_id: '24-MB01', product_name: 'Joust Duffle Bag', quantity: 2, value: 68, currency: 'EUR' },
      ],
    });
    /** The checkout page read: its own data, lines and grand total; placing the order empties the section there. */
    async function visitCheckout() {
      lumaPage('checkout-index-index');
      (window as unknown as { checkoutConfig: unknown }).checkoutConfig = CHECKOUT;
      record([
        { id: 'MH01-L', q: 1, n: 'Chaz Kangeroo Hoodie', p: 54.5 },
        { id: '24-MB01', q: 2, n: 'Joust Duffle Bag', p: 34 },
      ]);
      const jq = fakeJQuery();
      const { api, fetch, store } = magentoStore([]);
      const tracker = makeTracker(fetch);
      await tracker.flush();
      jq.trigger('ajax:addToCart');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await tracker.flush();
      tracker.shutdown();
      expect(store.reads).toEqual([]);
      expect(api.requests).toEqual([]);
      delete (window as unknown as Record<string, unknown>).checkoutConfig;
      document.body.replaceChildren();
    }
    /** The success page (Magento_Checkout::success.phtml), a guest's or a customer's. */
    function successPage(orderId: string, customer: boolean) {
      lumaPage('checkout-onepage-success');
      const success = document.createElement('div');
      success.className = 'checkout-success';
      success.innerHTML = customer
        ? `<p>Your order number is: <a href="/sales/order/view/order_id/31/" class="order-number"><strong>${orderId}</strong></a>.</p>`
        : `<p>Your order # is: <span>${orderId}</span>.</p>`;
      document.body.append(success);
    }

    for (const customer of [false, true]) {
      it(`sends the order once with the checkout’s lines and grand total, for ${customer ? 'a customer' : 'a guest'}; the emptied cart is no removal, and a second visit sends nothing`, async () => {
        const page = watchPageErrors();
        await visitCheckout();
        successPage('000000031', customer);
        const { api, fetch, store } = magentoStore([]);
        const tracker = makeTracker(fetch);
        await eventually(() => expect(store.reads).toHaveLength(1));
        await tracker.flush();
        expect(api.requests.map((r) => r.path)).toEqual(['/analytics/checkout_events']);
        expect(api.bodies()).toEqual([expect.objectContaining(checkoutBody('000000031'))]);
        tracker.shutdown();

        const again = magentoStore([]);
        const second = makeTracker(again.fetch);
        await eventually(() => expect(again.store.reads).toHaveLength(1));
        await second.flush();
        expect(again.api.requests).toEqual([]);
        expect(page.stop()).toEqual([]);
      });
    }

    it('does not take an order number outside the success page’s body class for an order', async () => {
      await visitCheckout();
      successPage('000000032', false);
      document.body.className = 'cms-index-index';
      const { api, fetch, store } = magentoStore([]);
      const tracker = makeTracker(fetch);
      await eventually(() => expect(store.reads).toHaveLength(1));
      await tracker.flush();
      expect(api.requests.map((r) => r.path)).toEqual(['/analytics/cart_events', '/analytics/cart_events']);
      expect(api.bodies().map((b) => b.type)).toEqual(['ITEM_REMOVED', 'ITEM_REMOVED']);
    });
  });
});
