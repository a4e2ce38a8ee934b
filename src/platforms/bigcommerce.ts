// BigCommerce Stencil themes (Cornerstone and themes built on it) with no template edits (README, BigCommerce).
// The store's own cart, read from the Storefront Cart API, is the truth; the storefront's cart requests and BODL's
// events only say when to read it again. Facts are cited by file: bigcommerce/stencil-utils (src/…),
// bigcommerce/cornerstone (assets/…, templates/…), bigcommerce/checkout-js (packages/core/…), bigcommerce/docs (reference/…).
import {
  type CartRead,
  type CartTotal,
  createHost,
  followCart,
  guarded,
  type PlatformHost,
  reportOrderFromCart,
  watchRequests,
} from './host';
import type { PlatformSession } from './platform-plugin';

/**
 * Requests that change the cart: stencil-utils' remote cart calls (src/api/cart.js `itemAdd`, `itemUpdate`,
 * `itemRemove`: `/remote/v1/cart/add|update|remove`), and the Storefront Cart API's item calls a custom theme may
 * make (reference/carts.sf.yml: `/api/storefront/carts/{cartId}/items[/{itemId}]`); never the SDK's own read.
 */
const CART_REQUEST = /\/remote\/v1\/cart\/(add|update|remove)|\/api\/storefront\/carts\/[^/?#]+\/items/;
/** The order-confirmation page (templates/pages/order-confirmation.html), with or without the order id in its path. */
const ORDER_PAGE = /^\/checkout\/order-confirmation(?:\/(\d+))?\/?$/;

/** A Storefront Cart or Order API line item (reference/carts.sf.yml, orders.sf.yml). */
interface Line {
  productId?: unknown;
  variantId?: unknown;
  name?: unknown;
  quantity?: unknown;
  salePrice?: unknown;
  extendedSalePrice?: unknown;
}
interface Priced {
  currency?: { code?: unknown };
  lineItems?: { physicalItems?: unknown; digitalItems?: unknown };
}
type StoreCart = Priced & { cartAmount?: unknown };
type StoreOrder = Priced & { orderId?: unknown; orderAmount?: unknown };

/** BODL's consumer API (bigcommerce/docs, "Big Open Data Layer"): each call subscribes `heard` to one event. */
interface Bodl {
  cart?: { addItem?(heard: () => void): void; removeItem?(heard: () => void): void };
  checkout?: { orderPurchased?(heard: (payload?: { order_id?: unknown; transaction_id?: unknown }) => void): void };
}

/** The physical and digital lines (gift certificates name no product). */
const linesOf = ({ lineItems }: Priced): Line[] =>
  [lineItems?.physicalItems, lineItems?.digitalItems].flatMap((list) => (Array.isArray(list) ? (list as Line[]) : []));

/** A line's id: its variant's (every product has a base variant), as contract § 10 names it. */
const idOf = (line: Line) => line.variantId ?? line.productId;

/** `salePrice`: the unit price after all discounts, before tax; else the line's total over its quantity. */
const unitPrice = ({ salePrice, extendedSalePrice, quantity }: Line) =>
  typeof salePrice === 'number' ? salePrice : Number(extendedSalePrice) / Number(quantity);

const currencyOf = (data: Priced) => data.currency?.code;

function totalOf(value: unknown, currency: unknown): CartTotal | undefined {
  return typeof value === 'number' && value >= 0 && typeof currency === 'string' && currency.length === 3 ? { value, currency } : undefined;
}

const bodl = () => (window as { bodlEvents?: Bodl }).bodlEvents;

/**
 * The order id the order-confirmation page was rendered for: the checkout app's own config
 * (`window.checkoutConfig.orderId`, read by checkout-js packages/core/src/app/auto-loader.ts), else its path.
 */
function orderOnPage(): { id: string; fromConfig: boolean } | undefined {
  const page = ORDER_PAGE.exec(location.pathname);
  if (!page) return undefined;
  const configured = (window as { checkoutConfig?: { orderId?: unknown } }).checkoutConfig?.orderId;
  const id = String(configured ?? page[1] ?? '');
  return /^\d+$/.test(id) ? { id, fromConfig: configured !== undefined } : undefined;
}

/**
 * The order, once per order id, from the Storefront Order API (reference/orders.sf.yml: only the shopper who placed
 * it can read it): its lines with the cart's ids, its amount and currency. Where that API does not answer, an order
 * id the page's own data names (checkoutConfig, BODL) is sent with the last cart read's lines; a path alone is not
 * enough for that.
 */
async function reportOrder(host: PlatformHost, id: string, trusted: boolean): Promise<void> {
  if (host.orderTracked(id)) return host.debug(`order ${id} already tracked in this browser`);
  let order: StoreOrder | undefined;
  try {
    order = (await host.readJson(`/api/storefront/orders/${id}`)) as StoreOrder;
  } catch (error) {
    host.debug(`order ${id}: the Storefront Order API did not give it (${String(error)})`);
  }
  const lines = order && String(order.orderId) === id ? linesOf(order) : [];
  if (!lines.length) return trusted ? reportOrderFromCart(host, id) : host.debug(`order ${id}: no order data, not sent`);
  const currency = currencyOf(order as StoreOrder);
  await host.trackCheckout({
    orderId: id,
    value: (order as StoreOrder).orderAmount,
    currency,
    lineItems: lines.map((line) => ({
      productId: idOf(line),
      productName: line.name,
      quantity: line.quantity,
      value: line.extendedSalePrice,
      currency,
    })),
  });
}

/**
 * The checkout pages (`/checkout`, the order-confirmation page among them): placing an order empties the cart
 * there, and a read just then would report the bought lines as removed; the order's own page reports them.
 */
const onCheckoutPage = () => /^\/checkout(\/|$)/.test(location.pathname);

/** The cart as the Storefront Cart API gives it (an array: none, or the shopper's one cart), as `reportCart` lines. */
async function readCart(host: PlatformHost): Promise<CartRead | undefined> {
  const carts = (await host.readJson('/api/storefront/carts')) as StoreCart[];
  if (!Array.isArray(carts)) return void host.debug('the Storefront Cart API answered something that is not a list of carts', carts);
  const cart: StoreCart = carts[0] ?? {};
  const currency = currencyOf(cart);
  const items = linesOf(cart).map((line) => ({
    productId: idOf(line),
    productName: line.name,
    value: unitPrice(line),
    quantity: line.quantity,
    currency,
  }));
  if (!items.length && onCheckoutPage() && host.cartLines().length)
    return void host.debug('the cart emptied on a checkout page: an order empties it, and its own page reports it');
  return { items, total: totalOf(cart.cartAmount, currency) };
}

/**
 * Follows a BigCommerce store's cart (`followCart`): the order first on the order-confirmation page, then a cart
 * read as the page loads and after every cart request (BODL emits nothing for quantity changes nor for removing
 * the last line, stencil-utils src/bodl/emitters/cart.js) and every BODL cart event. BODL's add event comes for
 * refused adds too, with an empty payload: only the read decides.
 */
export function startBigCommerce(session: PlatformSession): () => void {
  const host = createHost(session);
  let stopped = false;
  const order = orderOnPage();
  const follower = followCart(host, () => readCart(host), order && (() => reportOrder(host, order.id, order.fromConfig)));
  const signal = (name: string) => stopped || follower.signal(name);
  const stopRequests = watchRequests(CART_REQUEST, signal);
  // A page restored from the back-forward cache: the cart may have changed in another page since.
  const restored = (event: PageTransitionEvent) => event.persisted && signal('pageshow');
  addEventListener('pageshow', restored);
  // BODL is there only where the merchant has it on and the shopper consented; its subscriptions cannot be undone.
  guarded(() => bodl()?.cart?.addItem?.(() => signal('bodl add item')));
  guarded(() => bodl()?.cart?.removeItem?.(() => signal('bodl remove item')));
  guarded(() =>
    bodl()?.checkout?.orderPurchased?.((payload) => {
      const id = String(payload?.order_id ?? payload?.transaction_id ?? '');
      if (!stopped && /^\d+$/.test(id) && ORDER_PAGE.test(location.pathname))
        host.oneTabAtATime(() => reportOrder(host, id, true)).catch((error) => host.debug(`order: ${String(error)}`));
    }),
  );
  return () => {
    stopped = true;
    follower.stop();
    stopRequests();
    removeEventListener('pageshow', restored);
  };
}
