// WooCommerce, classic and block themes, with no template edits (README, WooCommerce). The store's own cart,
// read from the Store API, is the truth; WooCommerce's events and cart requests only say when to read it
// again. Facts from WooCommerce's own code are cited by file (plugins/woocommerce/…).
import {
  type CartRead,
  createHost,
  followCart,
  guarded,
  onJQueryEvent,
  type PlatformHost,
  reportOrderFromCart,
  watchRequests,
} from './host';
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
  /\/wc\/store\/(v1\/)?(cart\/(add|update|remove)-item|cart\/items|cart\/(apply|remove)-coupon|cart\/extensions|batch)|rest_route=%2Fwc%2Fstore.*(item|batch|extensions)|wc-ajax=(add_to_cart|remove_from_cart)/;

interface StoreItem {
  id?: unknown;
  name?: unknown;
  quantity?: unknown;
  prices?: { price?: unknown; currency_code?: unknown; currency_minor_unit?: unknown };
}
interface StoreTotals {
  total_price?: unknown;
  currency_code?: unknown;
  currency_minor_unit?: unknown;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
/**
 * Store API names come HTML-escaped (`&#8217;`, `&#038;`, CartItemSchema's `prepare_html_response`): decoded by
 * a parser that runs nothing, or, where a page has no DOMParser, the numeric and XML entities by hand.
 */
function decode(text: unknown): unknown {
  if (typeof text !== 'string' || !text.includes('&')) return text;
  try {
    return new DOMParser().parseFromString(text, 'text/html').documentElement.textContent ?? text;
  } catch {
    return text.replace(/&(#x?[\da-f]+|[a-z]+);/gi, (entity, code: string) =>
      code[0] === '#'
        ? String.fromCodePoint(Number.parseInt(code.slice(code[1] === 'x' ? 2 : 1), code[1] === 'x' ? 16 : 10))
        : (ENTITIES[code] ?? entity),
    );
  }
}

/** A minor-unit price string (`"1999"` with `currency_minor_unit` 2) in major units; NaN for anything else. */
const money = (minor: unknown, unit: unknown) => (minor === '' || minor === null ? Number.NaN : Number(minor) / 10 ** (Number(unit) || 0));

/** A Store API cart item as a `reportCart` line; `id` is the variation's own id for a variation (CartItemSchema). */
const lineOf = ({ id, name, quantity, prices = {} }: StoreItem) => ({
  productId: id,
  productName: decode(name),
  value: money(prices.price, prices.currency_minor_unit),
  quantity,
  currency: prices.currency_code,
});

/** The cart's or order's total, as its data states it (shipping, taxes and discounts in), or undefined. */
function totalOf(totals: StoreTotals | undefined): { value: number; currency: string } | undefined {
  const value = money(totals?.total_price, totals?.currency_minor_unit);
  const currency = totals?.currency_code;
  return Number.isFinite(value) && value >= 0 && typeof currency === 'string' && currency.length === 3 ? { value, currency } : undefined;
}

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

const bodyHasClass = (name: string) => document.body.classList.contains(name);

/**
 * The order-received page's order: WooCommerce's body class `woocommerce-order-received` (`wc_body_class`), and its
 * address `/checkout/order-received/123/?key=wc_order_…` or `?order-received=123&key=…`. A URL alone is not enough:
 * a crafted link must not turn the cart into a purchase.
 */
function orderOnPage(): { id: string; key: string } | undefined {
  if (!bodyHasClass('woocommerce-order-received')) return undefined;
  const params = new URLSearchParams(location.search);
  const id = params.get('order-received') ?? /\/order-received\/(\d+)/.exec(location.pathname)?.[1];
  const key = params.get('key');
  return id && /^\d+$/.test(id) && key ? { id, key } : undefined;
}

/**
 * The checkout pages (`woocommerce-checkout`, the order-received page among them): placing an order empties the
 * cart there, and a read just then would report the bought lines as removed; a failed order's lines stay recorded.
 */
const onCheckoutPage = () => bodyHasClass('woocommerce-checkout');

/** `woocommerce_cart_hash`, set by WooCommerce whenever the cart changes (WC_Cart_Session::set_cart_cookies). */
const cartHash = () => /(?:^|;\s*)woocommerce_cart_hash=([^;]*)/.exec(document.cookie)?.[1] ?? '';

/**
 * The order on the order-received page, once per order id, before any cart comparison. Its lines are the last
 * cart read's (the Store API's order items carry the order line's id, not the product's: OrderItemSchema); its
 * value, currency and status come from the Store API's order data where it answers (a logged-in customer; a
 * guest's needs the billing email, OrderAuthorizationTrait), else from the last cart read's total.
 */
async function reportOrder(host: PlatformHost, order: { id: string; key: string }): Promise<void> {
  if (host.orderTracked(order.id)) return host.debug(`order ${order.id} already tracked in this browser`);
  if (document.querySelector('.woocommerce-thankyou-order-failed')) return host.debug(`order ${order.id} failed: not sent`);
  let data: { status?: unknown; totals?: StoreTotals } | undefined;
  try {
    data = (await host.readJson(storeApiUrl(`order/${order.id}`, { key: order.key }))) as typeof data;
  } catch (error) {
    host.debug(`order ${order.id}: the Store API did not give its data (${String(error)}); the last cart read stands in`);
  }
  if (data?.status === 'failed' || data?.status === 'cancelled') return host.debug(`order ${order.id} is ${data.status}: not sent`);
  await reportOrderFromCart(host, order.id, totalOf(data?.totals));
}

/** Listens for WooCommerce's signals; returns the function that stops listening. Never throws. */
function listen(signal: (name: string) => void): () => void {
  const stops = JQUERY_SIGNALS.map((name) => onJQueryEvent(name, () => signal(name)));
  const on = (target: EventTarget, names: string[]) => {
    for (const name of names) {
      const heard = (event: Event) => (name !== 'pageshow' || (event as PageTransitionEvent).persisted) && signal(name);
      target.addEventListener(name, heard, true);
      stops.push(() => target.removeEventListener(name, heard, true));
    }
  };
  on(document, DOM_SIGNALS);
  on(window, WINDOW_SIGNALS);
  stops.push(watchRequests(CART_REQUEST, signal));
  return () => {
    for (const stop of stops) guarded(stop);
  };
}

/**
 * Follows a WooCommerce store's cart (`followCart`): the order first on the order-received page, then a Store
 * API read as the page loads and after each signal. A read that answers something that is not a cart reports nothing.
 */
export function startWooCommerce(session: PlatformSession): () => void {
  const host = createHost(session);
  // The load's own read is coming: a fragments refresh with the hash the page loaded with is not news.
  let hashRead = cartHash();
  const read = async (): Promise<CartRead | undefined> => {
    hashRead = cartHash();
    const cart = (await host.readJson(storeApiUrl('cart'))) as { items?: unknown; totals?: StoreTotals };
    if (!Array.isArray(cart?.items)) return void host.debug('the Store API answered something that is not a cart', cart);
    if (!cart.items.length && onCheckoutPage() && host.cartLines().length)
      return void host.debug('the cart emptied on a checkout page: an order empties it, and its own page reports it');
    return { items: cart.items.map(lineOf), total: totalOf(cart.totals) };
  };
  const order = orderOnPage();
  const follower = followCart(host, read, order && (() => reportOrder(host, order)));
  const unlisten = listen((name) => {
    // cart-fragments.js refreshes the mini-cart on every page load: only a new cart hash is news then.
    if (name === 'wc_fragments_refreshed' && cartHash() === hashRead) return;
    follower.signal(name);
  });
  return () => {
    follower.stop();
    unlisten();
  };
}
