// WooCommerce, classic and block themes, with no template edits (README, WooCommerce). The store's own cart,
// read from the Store API, is the truth; WooCommerce's events and cart requests only say when to read it
// again. Facts from WooCommerce's own code are cited by file (plugins/woocommerce/…).
import { roundMoney } from '../lib/money';
import { createHost, type PlatformHost } from './host';
import type { PlatformSession } from './platform-plugin';

/**
 * jQuery events WooCommerce triggers on `document.body` (client/legacy/js/frontend/add-to-cart.js, cart.js,
 * cart-fragments.js). jQuery does not dispatch them as DOM events: `jQuery.event.trigger` calls each element's
 * `on<name>` property on the way up to `window`, which is how they are heard here without the page's jQuery.
 * Newer scripts (single-add-to-cart.js) and the blocks dispatch real DOM events of some of the same names.
 */
const JQUERY_SIGNALS = [
  'added_to_cart',
  'removed_from_cart',
  'updated_wc_div',
  'updated_cart_totals',
  'wc_fragments_refreshed',
  'wc_cart_emptied',
];
/** The blocks' DOM events (client/blocks/assets/js/base/utils/legacy-events.ts); the Cart block's store sync is on window. */
const DOM_SIGNALS = [...JQUERY_SIGNALS, 'wc-blocks_added_to_cart', 'wc-blocks_removed_from_cart'];
const WINDOW_SIGNALS = ['wc-blocks_store_sync_required', 'pageshow'];
/** Requests that change the cart: the Store API's (blocks, batched as `batch`) and the classic AJAX endpoints. */
const CART_REQUEST =
  /\/wc\/store\/(v1\/)?(cart\/(add|update|remove)-item|cart\/(apply|remove)-coupon|batch)|rest_route=%2Fwc%2Fstore.*(item|batch)|wc-ajax=(add_to_cart|remove_from_cart)/;
/** Signals closer together than this are one burst: one read. */
const BURST_MS = 100;

interface StoreItem {
  id?: unknown;
  name?: unknown;
  quantity?: unknown;
  prices?: { price?: unknown; currency_code?: unknown; currency_minor_unit?: unknown };
}
interface StoreOrder {
  id?: unknown;
  status?: unknown;
  items?: StoreItem[];
  totals?: { total_price?: unknown; currency_code?: unknown; currency_minor_unit?: unknown };
}

/** Store API names come HTML-escaped (`&#8217;`, `&#038;`): decoded by a parser that runs nothing. */
const decode = (text: unknown) =>
  typeof text === 'string' && text.includes('&')
    ? (new DOMParser().parseFromString(text, 'text/html').documentElement.textContent ?? text)
    : text;

/** A minor-unit price string (`"1999"` with `currency_minor_unit` 2) in major units. */
const money = (minor: unknown, unit: unknown) => Number(minor) / 10 ** (Number(unit) || 0);

/** A Store API item (cart or order) as a `reportCart` line; `id` is the variation's own id for a variation. */
const lineOf = ({ id, name, quantity, prices = {} }: StoreItem) => ({
  productId: id,
  productName: decode(name),
  value: money(prices.price, prices.currency_minor_unit),
  quantity,
  currency: prices.currency_code,
});

/**
 * The Store API's root, from WordPress's `<link rel="https://api.w.org/">` (`/wp-json/`, or `/?rest_route=/`
 * without pretty permalinks). Only on the page's own origin: the read carries the shopper's cookies.
 */
function storeApiUrl(route: string, query: Record<string, string> = {}): string {
  const link = document.querySelector<HTMLLinkElement>('link[rel="https://api.w.org/"]')?.href;
  let url = new URL('/?rest_route=/', location.href);
  if (link && new URL(link).origin === location.origin) url = new URL(link);
  if (url.searchParams.has('rest_route')) url.searchParams.set('rest_route', `/wc/store/v1/${route}`);
  else url = new URL(`wc/store/v1/${route}`, url);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.href;
}

/** The order-received page's order id and key: `/checkout/order-received/123/?key=wc_order_…`, or `?order-received=123`. */
function orderOnPage(): { id: string; key: string } | undefined {
  const params = new URLSearchParams(location.search);
  const id = params.get('order-received') ?? /\/order-received\/(\d+)/.exec(location.pathname)?.[1];
  const key = params.get('key');
  return id && key ? { id, key } : undefined;
}

/**
 * The checkout page (`woocommerce-checkout` in `wc_body_class`), not yet the order-received page: placing the
 * order empties the cart here, and a read just then would report the bought lines as removed.
 */
const onCheckoutPage = () => document.body.classList.contains('woocommerce-checkout') && !orderOnPage();

/** `woocommerce_cart_hash`, set by WooCommerce whenever the cart changes (WC_Cart_Session::set_cart_cookies). */
const cartHash = () => /(?:^|;\s*)woocommerce_cart_hash=([^;]*)/.exec(document.cookie)?.[1] ?? '';

/** Reads and reports the order on the order-received page, once per order id, before any cart comparison. */
async function reportOrder(host: PlatformHost, order: { id: string; key: string }): Promise<void> {
  if (host.orderTracked(order.id)) return host.debug(`order ${order.id} already tracked in this browser`);
  let data: StoreOrder | undefined;
  try {
    data = (await host.readJson(storeApiUrl(`order/${order.id}`, { key: order.key }))) as StoreOrder;
  } catch (error) {
    // Older than 10 minutes, the Store API wants the billing email too: the last cart read stands in.
    host.debug(`order ${order.id}: the Store API did not give it (${String(error)}); using the last cart read`);
  }
  if (data && (data.status === 'failed' || data.status === 'cancelled')) return host.debug(`order ${order.id} is ${data.status}: not sent`);
  const lines = data?.items?.map(lineOf) ?? host.cartLines();
  if (!lines.length) return host.debug(`order ${order.id}: no line items known, not sent`);
  const currency = data ? data.totals?.currency_code : lines[0].currency;
  const value = data
    ? money(data.totals?.total_price, data.totals?.currency_minor_unit)
    : lines.reduce((sum, l) => sum + Number(l.value) * Number(l.quantity), 0);
  await host.trackCheckout({
    orderId: order.id,
    value,
    currency,
    lineItems: lines.map(({ productId, productName, value: unit, quantity, currency: lineCurrency }) => ({
      productId,
      productName,
      quantity,
      value: roundMoney(Number(unit) * Number(quantity)),
      currency: lineCurrency,
    })),
  });
}

/**
 * Follows a WooCommerce store's cart: reads it as the page loads (after the order, on the order-received
 * page) and after each signal that it may have changed; one read in flight at a time, a burst of signals
 * one read. A read that fails, or answers something that is not a cart, reports nothing.
 */
export function startWooCommerce(session: PlatformSession): () => void {
  const host = createHost(session);
  let reading = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let hashRead: string | undefined;

  const read = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        hashRead = cartHash();
        await host.oneTabAtATime(async () => {
          const cart = (await host.readJson(storeApiUrl('cart'))) as { items?: unknown };
          if (stopped) return;
          if (!Array.isArray(cart?.items)) return host.debug('the Store API answered something that is not a cart', cart);
          if (!cart.items.length && onCheckoutPage() && host.cartLines().length)
            return host.debug('the cart emptied on the checkout page: an order is being placed, and its page reports it');
          // Compared and recorded at once; the record is written a microtask later, still inside the lock.
          // The events' answers are not waited for here.
          void host.reportCart(cart.items.map(lineOf));
          await Promise.resolve();
        });
      } while (again && !stopped);
    } catch (error) {
      host.debug(`cart read failed: ${String(error)}`);
    } finally {
      reading = false;
    }
  };
  const signal = (name: string) => {
    // cart-fragments.js refreshes the mini-cart on every page load: only a new cart hash is news then.
    if (name === 'wc_fragments_refreshed' && hashRead !== undefined && cartHash() === hashRead) return;
    host.debug(`signal: ${name}`);
    clearTimeout(timer);
    timer = setTimeout(read, BURST_MS);
  };

  const stops: (() => void)[] = [];
  const doc = document as unknown as Record<string, unknown>;
  for (const name of JQUERY_SIGNALS) {
    const property = `on${name}`;
    const before = doc[property];
    const heard = function (this: unknown, ...args: unknown[]) {
      signal(name);
      return typeof before === 'function' ? before.apply(this, args) : undefined;
    };
    doc[property] = heard;
    stops.push(() => {
      if (doc[property] === heard) doc[property] = before;
    });
  }
  const listen = (target: EventTarget, names: string[]) => {
    for (const name of names) {
      const heard = (event: Event) => (name !== 'pageshow' || (event as PageTransitionEvent).persisted) && signal(name);
      target.addEventListener(name, heard, true);
      stops.push(() => target.removeEventListener(name, heard, true));
    }
  };
  listen(document, DOM_SIGNALS);
  listen(window, WINDOW_SIGNALS);
  if (typeof PerformanceObserver === 'function') {
    const requests = new PerformanceObserver((list) => {
      if (list.getEntries().some((entry) => CART_REQUEST.test(entry.name))) signal('cart request');
    });
    try {
      requests.observe({ type: 'resource' });
      stops.push(() => requests.disconnect());
    } catch {
      // No resource timing here: the events above remain.
    }
  }

  const order = orderOnPage();
  (order ? reportOrder(host, order) : Promise.resolve()).catch((error) => host.debug(`order: ${String(error)}`)).then(read);
  return () => {
    stopped = true;
    clearTimeout(timer);
    for (const stop of stops) stop();
  };
}
