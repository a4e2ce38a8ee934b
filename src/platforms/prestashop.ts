// PrestaShop 1.7 and 8, classic theme and themes built on it, with no template edits (README, PrestaShop). The
// store's own cart data is the truth: `prestashop.cart` as the page loads, the cart in each `updateCart` answer, or
// the cart controller's JSON; PrestaShop's `updateCart` event only says when to look again. Facts from PrestaShop's
// own code are cited by file (PrestaShop/PrestaShop …, PrestaShop/classic-theme …).
import { type CartRead, type CartTotal, createHost, followCart, guarded, reportOrderFromCart } from './host';
import type { PlatformSession } from './platform-plugin';

/** A line of the presented cart (CartPresenter, filtered by src/Core/Filter/FrontEndObject/ProductFilter.php). */
interface CartProduct {
  id_product?: unknown;
  id_product_attribute?: unknown;
  name?: unknown;
  price_amount?: unknown;
  quantity?: unknown;
}
/** The presented cart: `prestashop.cart` (CartFilter) and the `cart` of CartController::displayAjaxUpdate's answer. */
interface PresentedCart {
  products?: unknown;
  totals?: { total?: { amount?: unknown } };
}
/** What `updateCart` carries (themes/_core/js/cart.js; classic-theme _dev/js/cart.js): `cart` on adds, a dataset otherwise. */
interface UpdateCartEvent {
  reason?: { cart?: PresentedCart };
  resp?: { cart?: PresentedCart };
}
/**
 * The `prestashop` object every front page defines (FrontController::assignGeneralPurposeVariables, printed by
 * Media::addJsDef), an EventEmitter once core.js has run (themes/_core/js/theme.js copies EventEmitter.prototype on it).
 */
interface PrestaShopGlobal {
  cart?: PresentedCart;
  currency?: { iso_code?: unknown };
  page?: { page_name?: unknown };
  urls?: { pages?: { cart?: unknown } };
  on?: (name: string, listener: (event: UpdateCartEvent) => void) => void;
}

const prestashop = () => (window as { prestashop?: PrestaShopGlobal }).prestashop;

/** `id_product`, or `id_product-id_product_attribute` for a combination (contract § 10). */
const productIdOf = ({ id_product, id_product_attribute }: CartProduct) =>
  Number(id_product_attribute) > 0 ? `${id_product}-${id_product_attribute}` : String(id_product);

/**
 * The presented cart as `reportCart` lines, in the page's currency (`prestashop.currency.iso_code`,
 * FrontController::getTemplateVarCurrency): `price_amount` is the line's unit price. Lines of one product and
 * combination with different customizations are one line of their summed quantity. Undefined for what is not a cart.
 */
function cartRead(cart: PresentedCart | undefined): CartRead | undefined {
  if (!Array.isArray(cart?.products)) return undefined;
  const currency = prestashop()?.currency?.iso_code;
  const lines = new Map<string, { productId: string; productName: unknown; value: number; quantity: number; currency: unknown }>();
  for (const product of cart.products as CartProduct[]) {
    const productId = productIdOf(product);
    const line = lines.get(productId);
    if (line) line.quantity += Number(product.quantity);
    else
      lines.set(productId, {
        productId,
        productName: product.name,
        value: Number(product.price_amount),
        quantity: Number(product.quantity),
        currency,
      });
  }
  const value = Number(cart.totals?.total?.amount);
  const total: CartTotal | undefined = Number.isFinite(value) && typeof currency === 'string' ? { value, currency } : undefined;
  return { items: [...lines.values()], total };
}

/**
 * The cart controller's URL (`prestashop.urls.pages.cart`, `/cart` or `index.php?controller=cart`) asked for
 * `ajax=1&action=update` with no product: CartController changes nothing (updateCart acts only on `add`, `update`
 * or `delete`) and displayAjaxUpdate answers `{ success, cart }`, the presented cart. A GET, on this origin only.
 */
function cartReadUrl(): string | undefined {
  const page = prestashop()?.urls?.pages?.cart;
  if (typeof page !== 'string') return undefined;
  const url = new URL(page, location.href);
  if (url.origin !== location.origin) return undefined;
  url.searchParams.set('ajax', '1');
  url.searchParams.set('action', 'update');
  return url.href;
}

/**
 * The order-confirmation page's order (`controller=order-confirmation&id_cart=…&id_module=…&id_order=…&key=…`,
 * classic-theme templates/checkout/order-confirmation.tpl): the page names it so, and its address carries the
 * order's id and key. A URL alone is not enough: a crafted link must not turn the cart into a purchase.
 */
function orderOnPage(): string | undefined {
  if (prestashop()?.page?.page_name !== 'order-confirmation') return undefined;
  const params = new URLSearchParams(location.search);
  const id = params.get('id_order');
  return id && /^\d+$/.test(id) && params.get('key') ? id : undefined;
}

/**
 * The events after which the cart is looked at again: `updateCart` (themes/_core/js/cart.js, classic-theme
 * _dev/js/cart.js) and `updatedDeliveryForm` (themes/_core/js/checkout-delivery.js: a carrier chosen on the checkout
 * changes the cart's total, which the order's value comes from; its answer carries no cart).
 */
const SIGNALS = ['updateCart', 'updatedDeliveryForm'];

/**
 * Hears `SIGNALS` once core.js has made `prestashop` an EventEmitter: at once if it has, else when core.js's loop
 * assigns `on` (a setter on the object: no timing luck), and when the document is parsed and loaded (a theme that
 * builds the emitter otherwise). Returns the function that stops hearing.
 */
function onCartEvents(heard: (name: string, event: UpdateCartEvent) => void): () => void {
  const global = prestashop() as PrestaShopGlobal & Record<string, unknown>;
  let state: 'waiting' | 'listening' | 'stopped' = 'waiting';
  const attach = () => {
    if (state !== 'waiting' || typeof global.on !== 'function') return;
    state = 'listening';
    // Heard inside the page's own emit: nothing may throw into its other listeners.
    for (const name of SIGNALS) global.on(name, (event) => state === 'listening' && guarded(() => heard(name, event ?? {})));
  };
  const untrap = () => {
    if (Object.getOwnPropertyDescriptor(global, 'on')?.set) delete global.on;
  };
  const events: [EventTarget, string][] = [
    [document, 'DOMContentLoaded'],
    [window, 'load'],
  ];
  guarded(attach);
  if (state === 'waiting') {
    guarded(() =>
      Object.defineProperty(global, 'on', {
        configurable: true,
        enumerable: true,
        set(value) {
          untrap();
          global.on = value;
          queueMicrotask(() => guarded(attach)); // once the rest of EventEmitter.prototype is copied too
        },
      }),
    );
    for (const [target, name] of events) target.addEventListener(name, () => guarded(attach), { once: true });
  }
  return () => {
    if (state === 'waiting') guarded(untrap);
    state = 'stopped';
  };
}

/**
 * Follows a PrestaShop store's cart (`followCart`): the order first on the order-confirmation page, then the cart
 * as the page loads (`prestashop.cart`, no request) and after each `updateCart` (the cart its answer carries, else
 * one read of the cart controller) or carrier chosen on the checkout (a read: the order's value is the cart's total). On the order-confirmation page the order goes first, its lines those of the
 * last cart read (the checkout page's: the confirmation page has no order data but formatted text), so the cart
 * the order emptied is compared with a record the checkout already emptied. Never throws into the page.
 */
export function startPrestaShop(session: PlatformSession): () => void {
  const host = createHost(session);
  let loaded = prestashop()?.cart; // the page's own cart, for the first read only
  let answered: PresentedCart | undefined; // the cart the last `updateCart` carried, not yet read
  const read = async (): Promise<CartRead | undefined> => {
    const given = answered ?? loaded;
    answered = loaded = undefined;
    const cart = cartRead(given);
    if (cart) return cart;
    const url = cartReadUrl();
    if (!url) return void host.debug('no cart URL in prestashop.urls.pages.cart on this origin');
    const answer = (await host.readJson(url)) as { cart?: PresentedCart } | undefined;
    return cartRead(answer?.cart) ?? void host.debug('the cart controller answered something that is not a cart', answer);
  };
  const orderId = orderOnPage();
  const follower = followCart(host, read, orderId ? () => reportOrderFromCart(host, orderId) : undefined);
  const stopHearing = onCartEvents((name, event) => {
    answered = event.resp?.cart ?? event.reason?.cart;
    follower.signal(name);
  });
  const pageshow = (event: PageTransitionEvent) => event.persisted && follower.signal('pageshow');
  window.addEventListener('pageshow', pageshow);
  return () => {
    follower.stop();
    stopHearing();
    window.removeEventListener('pageshow', pageshow);
  };
}
