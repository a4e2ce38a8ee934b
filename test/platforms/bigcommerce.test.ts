import { afterEach, describe, expect, it, vi } from 'vitest';
import { capture } from '../../src/capture/capture-plugin';
import { startSoon } from '../../src/lib/start-soon';
import { startBigCommerce } from '../../src/platforms/bigcommerce';
import { type PlatformLoader, platformPlugin, recognisePlatform } from '../../src/platforms/platform-plugin';
import { buildTracker } from '../../src/tracker/tracker';
import type { Options, Tracker } from '../../src/types';
import { cartBody, eventually, FP, fakeApi, json, KEYS } from '../helpers';

/** A Storefront Cart API line (reference/carts.sf.yml): the variant's id beside the product's, prices in dollars. */
const line = (productId: number, variantId: number, name: string, quantity: number, salePrice: number) => ({
  id: `line-${variantId}`,
  productId,
  variantId,
  sku: `SKU-${variantId}`,
  name,
  quantity,
  listPrice: salePrice,
  salePrice,
  extendedSalePrice: salePrice * quantity,
});
const TOTE = line(111, 211, 'Canvas Tote Bag', 1, 24);
const CREW_L = line(113, 233, 'Merino Crew Sweater', 1, 68);
const cartOf = (...lines: unknown[]) =>
  lines.length ? [{ id: 'cart-1', currency: { code: 'USD' }, cartAmount: 92, lineItems: { physicalItems: lines, digitalItems: [] } }] : [];
const ORDER = {
  orderId: 301,
  currency: { code: 'USD' },
  orderAmount: 116,
  lineItems: {
    physicalItems: [
      { ...line(111, 211, 'Canvas Tote Bag', 2, 24), id: 901 },
      { ...line(113, 233, 'Merino Crew Sweater', 1, 68), id: 902 },
    ],
    digitalItems: [],
  },
};

/** A BigCommerce store behind the injected fetch: `carts` is what the Storefront Cart API answers now; reads counted. */
function bcStore(initial: unknown[] = []) {
  const store = { carts: cartOf(...initial) as unknown, reads: [] as string[], order: undefined as unknown };
  const api = fakeApi();
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.includes('/api/storefront/')) return api.fetch(input, init);
    store.reads.push(new URL(url).pathname);
    if (url.includes('/orders/')) return store.order ? json(200, store.order) : json(404, { status: 404, title: 'Order not found' });
    return json(200, store.carts);
  });
  return { store, api, fetch: fetch as unknown as typeof globalThis.fetch };
}
const cartReads = (store: { reads: string[] }) => store.reads.filter((path) => path === '/api/storefront/carts');
const orderReads = (store: { reads: string[] }) => store.reads.filter((path) => path.startsWith('/api/storefront/orders/'));

const bc: PlatformLoader = async (name) => (name === 'bigcommerce' ? startBigCommerce : undefined);
const running: Tracker[] = [];
const globals = window as unknown as Record<string, unknown>;

afterEach(() => {
  for (const tracker of running.splice(0)) tracker.shutdown();
  for (const name of ['BCData', 'stencilBootstrap', 'bodlEvents', 'checkoutConfig']) delete globals[name];
  history.replaceState({}, '', '/');
  vi.unstubAllGlobals();
});

function makeTracker(fetch: typeof globalThis.fetch, options: Options = {}): Tracker {
  const tracker = buildTracker(
    { companyKey: 'acme', fingerprints: () => FP, platform: 'auto', ...options },
    { seams: { fetch }, plugins: [capture, platformPlugin(bc)], schedule: startSoon, autoTrackDefault: true },
  );
  running.push(tracker);
  return tracker;
}

const stencilPage = () => {
  globals.BCData = { csrf_token: 'abc' };
};
/** A stand-in for BODL's consumer API: what the store's stencil-utils and checkout would emit, by hand. */
function installBodl() {
  const heard: Record<string, ((payload?: unknown) => void)[]> = {};
  const on = (name: string) => (callback: (payload?: unknown) => void) => {
    heard[name] = [...(heard[name] ?? []), callback];
  };
  globals.bodlEvents = {
    cart: { addItem: on('add'), removeItem: on('remove') },
    checkout: { orderPurchased: on('purchased') },
  };
  return (name: string, payload: unknown = {}) => {
    for (const callback of heard[name] ?? []) callback(payload);
  };
}
/** A PerformanceObserver whose resource entries the test hands it: the storefront's requests finishing. */
function stubResourceTiming() {
  const observers: ((list: { getEntries(): { name: string }[] }) => void)[] = [];
  vi.stubGlobal(
    'PerformanceObserver',
    class {
      constructor(private readonly callback: (list: { getEntries(): { name: string }[] }) => void) {}
      observe() {
        observers.push(this.callback);
      }
      disconnect() {
        observers.splice(observers.indexOf(this.callback), 1);
      }
    },
  );
  return (url: string) => {
    for (const observer of [...observers]) observer({ getEntries: () => [{ name: `http://localhost:3000${url}` }] });
  };
}
const body = (type: string, id: string, name: string, value: number, quantity: number) =>
  cartBody({ type, product_id: id, product_name: name, value, currency: 'USD', quantity });
/** `pageshow`, as from the back-forward cache or not (happy-dom's PageTransitionEvent leaves `persisted` out). */
const pageshow = (persisted: boolean) => Object.assign(new Event('pageshow'), { persisted });
const remember = (...lines: { id: string; q: number; n: string; p: number }[]) =>
  localStorage.setItem(KEYS.cart, JSON.stringify(lines.map((l) => ({ ...l, c: 'USD' }))));

describe('BigCommerce recognition', () => {
  it('recognises BigCommerce by BCData or stencilBootstrap, and a plain page as nothing', () => {
    expect(recognisePlatform()).toBeUndefined();
    globals.BCData = {};
    expect(recognisePlatform()).toBe('bigcommerce');
    delete globals.BCData;
    globals.stencilBootstrap = () => ({ load() {} });
    expect(recognisePlatform()).toBe('bigcommerce');
    delete globals.stencilBootstrap;
    expect(recognisePlatform()).toBeUndefined();
  });
});

describe('BigCommerce', () => {
  it('reads the Storefront Cart API once as the page loads; a change after a BODL add is sent with the variant id, sale price and currency', async () => {
    stencilPage();
    const emit = installBodl();
    const { api, fetch, store } = bcStore([TOTE]);
    const tracker = makeTracker(fetch);
    await eventually(() => expect(cartReads(store)).toHaveLength(1));
    await tracker.flush();
    expect(api.requests).toEqual([]);
    store.carts = cartOf({ ...TOTE, quantity: 2 }, CREW_L);
    emit('add', { currency: 'USD', line_items: [] });
    await eventually(() => expect(api.requests).toHaveLength(2));
    await tracker.flush();
    expect(api.bodies()).toEqual([
      body('QUANTITY_INCREASED', '211', 'Canvas Tote Bag', 24, 2),
      body('ITEM_ADDED', '233', 'Merino Crew Sweater', 68, 1),
    ]);
    expect(cartReads(store)).toHaveLength(2);
  });

  it('an add the store refuses (BODL’s add event with an empty payload) reads the cart and sends nothing; a real add after it is sent', async () => {
    stencilPage();
    const emit = installBodl();
    remember({ id: '211', q: 1, n: 'Canvas Tote Bag', p: 24 });
    const { api, fetch, store } = bcStore([TOTE]);
    const tracker = makeTracker(fetch);
    await eventually(() => expect(cartReads(store)).toHaveLength(1));
    emit('add', {});
    await eventually(() => expect(cartReads(store)).toHaveLength(2));
    await tracker.flush();
    expect(api.requests).toEqual([]);
    store.carts = cartOf(TOTE, CREW_L);
    emit('add', { line_items: [{}] });
    await eventually(() => expect(api.requests).toHaveLength(1));
    expect(api.bodies()).toEqual([body('ITEM_ADDED', '233', 'Merino Crew Sweater', 68, 1)]);
  });

  it('without BODL, a cart request finishing is the signal: a quantity change and the last line’s removal are sent; its own read is no signal', async () => {
    stencilPage();
    const finished = stubResourceTiming();
    remember({ id: '211', q: 2, n: 'Canvas Tote Bag', p: 24 });
    const { api, fetch, store } = bcStore([{ ...TOTE, quantity: 2 }]);
    const tracker = makeTracker(fetch);
    await eventually(() => expect(cartReads(store)).toHaveLength(1));
    finished('/api/storefront/carts');
    finished('/remote/v1/cart/content');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(cartReads(store)).toHaveLength(1);
    store.carts = cartOf(TOTE);
    finished('/remote/v1/cart/update');
    await eventually(() => expect(api.requests).toHaveLength(1));
    store.carts = [];
    finished('/remote/v1/cart/update');
    await eventually(() => expect(api.requests).toHaveLength(2));
    await tracker.flush();
    expect(api.bodies()).toEqual([
      body('QUANTITY_DECREASED', '211', 'Canvas Tote Bag', 24, 1),
      body('ITEM_REMOVED', '211', 'Canvas Tote Bag', 24, 0),
    ]);
    expect(cartReads(store)).toHaveLength(3);
  });

  it('a burst of signals (the request and BODL’s event for one add) is one read', async () => {
    stencilPage();
    const emit = installBodl();
    const finished = stubResourceTiming();
    const { fetch, store } = bcStore([TOTE]);
    makeTracker(fetch);
    await eventually(() => expect(cartReads(store)).toHaveLength(1));
    finished('/remote/v1/cart/add');
    emit('add', {});
    finished('/api/storefront/carts/cart-1/items');
    await eventually(() => expect(cartReads(store)).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(cartReads(store)).toHaveLength(2);
  });

  it('reads again when the page comes back from the back-forward cache, not on an ordinary pageshow; stopped, not at all', async () => {
    stencilPage();
    const { fetch, store } = bcStore([TOTE]);
    const tracker = makeTracker(fetch);
    await eventually(() => expect(cartReads(store)).toHaveLength(1));
    window.dispatchEvent(pageshow(false));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(cartReads(store)).toHaveLength(1);
    window.dispatchEvent(pageshow(true));
    await eventually(() => expect(cartReads(store)).toHaveLength(2));
    tracker.shutdown();
    window.dispatchEvent(pageshow(true));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(cartReads(store)).toHaveLength(2);
  });

  it('reports nothing for an answer that is not a list of carts, and survives a BODL that throws', async () => {
    stencilPage();
    globals.bodlEvents = {
      cart: {
        addItem() {
          throw new Error('consent withheld');
        },
      },
    };
    remember({ id: '211', q: 1, n: 'Canvas Tote Bag', p: 24 });
    const { api, fetch, store } = bcStore([TOTE]);
    store.carts = { status: 401 };
    const tracker = makeTracker(fetch);
    await eventually(() => expect(cartReads(store)).toHaveLength(1));
    await tracker.flush();
    expect(api.requests).toEqual([]);
    expect(
      await tracker.trackCartEvent({ type: 'ITEM_ADDED', productId: 'A', productName: 'A', value: 1, currency: 'USD', quantity: 1 }),
    ).toMatchObject({
      status: 'recorded',
    });
  });

  describe('the order-confirmation page', () => {
    const orderBody = (orderId: string) => ({
      orderId,
      order_id: orderId,
      value: 116,
      currency: 'USD',
      line_items: [
        { product_id: '211', product_name: 'Canvas Tote Bag', quantity: 2, value: 48, currency: 'USD' },
        { product_id: '233', product_name: 'Merino Crew Sweater', quantity: 1, value: 68, currency: 'USD' },
      ],
    });
    const bought = () => remember({ id: '211', q: 2, n: 'Canvas Tote Bag', p: 24 }, { id: '233', q: 1, n: 'Merino Crew Sweater', p: 68 });

    it('sends the order the checkout app’s config names once, from the Storefront Order API, before the (now empty) cart is compared; reloaded, nothing', async () => {
      stencilPage();
      history.replaceState({}, '', '/checkout/order-confirmation');
      globals.checkoutConfig = { containerId: 'checkout-app', orderId: 301 };
      bought();
      const { api, fetch, store } = bcStore([]);
      store.order = ORDER;
      const tracker = makeTracker(fetch);
      await eventually(() => expect(cartReads(store)).toHaveLength(1));
      await tracker.flush();
      expect(store.reads).toEqual(['/api/storefront/orders/301', '/api/storefront/carts']);
      expect(api.requests.map((r) => r.path)).toEqual(['/analytics/checkout_events']);
      expect(api.bodies()[0]).toMatchObject(orderBody('301'));
      tracker.shutdown();

      const again = bcStore([]);
      again.store.order = ORDER;
      const reloaded = makeTracker(again.fetch);
      await eventually(() => expect(cartReads(again.store)).toHaveLength(1));
      await reloaded.flush();
      expect(orderReads(again.store)).toEqual([]);
      expect(again.api.requests).toEqual([]);
    });

    it('without the config, takes the order BODL’s orderPurchased names, and the empty cart before it is no removal', async () => {
      stencilPage();
      history.replaceState({}, '', '/checkout/order-confirmation');
      const emit = installBodl();
      bought();
      const { api, fetch, store } = bcStore([]);
      store.order = { ...ORDER, orderId: 302 };
      const tracker = makeTracker(fetch);
      await eventually(() => expect(cartReads(store)).toHaveLength(1));
      await tracker.flush();
      expect(api.requests).toEqual([]);
      emit('purchased', { order_id: 302, currency: 'USD', cart_value: 116 });
      await eventually(() => expect(api.requests).toHaveLength(1));
      expect(api.bodies()[0]).toMatchObject(orderBody('302'));
      emit('purchased', { order_id: 302 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tracker.flush();
      expect(orderReads(store)).toEqual(['/api/storefront/orders/302']);
      expect(api.requests).toHaveLength(1);
    });

    it('a crafted address alone (an order the API will not show) sends nothing, and no removals', async () => {
      stencilPage();
      history.replaceState({}, '', '/checkout/order-confirmation/999');
      bought();
      const { api, fetch, store } = bcStore([]);
      const tracker = makeTracker(fetch);
      await eventually(() => expect(cartReads(store)).toHaveLength(1));
      await tracker.flush();
      expect(orderReads(store)).toEqual(['/api/storefront/orders/999']);
      expect(api.requests).toEqual([]);
      // Still alive: a change after it is sent.
      expect(
        await tracker.trackCartEvent({ type: 'ITEM_ADDED', productId: 'A', productName: 'A', value: 1, currency: 'USD', quantity: 1 }),
      ).toMatchObject({
        status: 'recorded',
      });
    });

    it('an order the page’s own config names, when the Order API fails, goes out with the last cart read’s lines', async () => {
      stencilPage();
      history.replaceState({}, '', '/checkout/order-confirmation');
      globals.checkoutConfig = { containerId: 'checkout-app', orderId: 303 };
      bought();
      const { api, fetch, store } = bcStore([]);
      const tracker = makeTracker(fetch);
      await eventually(() => expect(api.requests).toHaveLength(1));
      await tracker.flush();
      expect(orderReads(store)).toEqual(['/api/storefront/orders/303']);
      expect(api.bodies()[0]).toMatchObject(orderBody('303'));
    });
  });
});
