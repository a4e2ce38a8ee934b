// Visitors of the stand-in WooCommerce store: a session per browser kept by WooCommerce's session cookie, the cart
// cookies JavaScript reads, and the per-visitor settings tests switch with query flags.
// Cookie facts: includes/class-wc-session-handler.php (`wp_woocommerce_session_{COOKIEHASH}`, HttpOnly) and
// includes/class-wc-cart-session.php set_cart_cookies (`woocommerce_items_in_cart` = 1 and `woocommerce_cart_hash`,
// readable by scripts; expired an hour back once the cart is empty).
import { createHash, randomBytes } from 'node:crypto';
import { cartHash, createCart } from './woo-cart.mjs';

/**
 * @typedef {import('./woo-store-api.mjs').WooSession} WooSession
 * @typedef {import('./woo-store-api.mjs').WooSettings} WooSettings
 */

export const SESSION_COOKIE = `wp_woocommerce_session_${createHash('md5').update('http://ember-and-oak.test').digest('hex')}`;
const SESSION_DAYS = 2;

/**
 * Query flags that switch a visitor's settings, kept in the session for the pages after (demo and tests only):
 * `demo-redirect-to-cart=yes|no` (woocommerce_cart_redirect_after_add), `demo-ajax-add=yes|no`
 * (woocommerce_enable_ajax_add_to_cart), `demo-cart-script=yes|no` (cart.js on the cart page, else Update cart
 * reloads the page), `demo-permalinks=plain|pretty`, `demo-order-email=grace|always`, `debug` / `debug=0`
 * (the SDK's tag gets `data-debug="true"`).
 * @param {WooSettings} settings @param {URLSearchParams} query
 */
export function applySettingFlags(settings, query) {
  const yes = (/** @type {string} */ name, /** @type {boolean} */ current) => (query.has(name) ? query.get(name) !== 'no' : current);
  settings.redirectToCart = yes('demo-redirect-to-cart', settings.redirectToCart);
  settings.ajaxAdd = yes('demo-ajax-add', settings.ajaxAdd);
  settings.cartScript = yes('demo-cart-script', settings.cartScript);
  const permalinks = query.get('demo-permalinks');
  if (permalinks === 'plain' || permalinks === 'pretty') settings.permalinks = permalinks;
  const orderEmail = query.get('demo-order-email');
  if (orderEmail === 'grace' || orderEmail === 'always') settings.orderEmail = orderEmail;
  if (query.has('debug')) settings.debug = query.get('debug') !== '0';
}

/** @returns {WooSettings} */
const defaultSettings = () => ({
  redirectToCart: false,
  ajaxAdd: true,
  cartScript: true,
  permalinks: 'pretty',
  orderEmail: 'grace',
  debug: false,
});

/** @param {string | undefined} header @returns {Map<string, string>} */
export function parseCookies(header) {
  const cookies = new Map();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
  }
  return cookies;
}

export function createSessions() {
  /** @type {Map<string, WooSession>} */ const sessions = new Map();

  return {
    /**
     * The visitor's session, made on the first request without one. `setCookie` is the cookie to send when new:
     * `customer_id||expiration||expiring||hash` as WooCommerce writes it.
     * @param {Map<string, string>} cookies
     */
    sessionOf(cookies) {
      const customerId = cookies.get(SESSION_COOKIE)?.split('||')[0];
      const known = customerId ? sessions.get(customerId) : undefined;
      if (known) return { session: known, setCookie: null };
      const id = `t_${randomBytes(15).toString('hex')}`;
      /** @type {WooSession} */
      const session = {
        id,
        cart: createCart(),
        nonce: randomBytes(5).toString('hex'),
        email: '',
        settings: defaultSettings(),
        notices: [],
      };
      sessions.set(id, session);
      const expires = Math.floor(Date.now() / 1000) + SESSION_DAYS * 86_400;
      const value = [id, expires, expires - 3600, createHash('md5').update(id).digest('hex')].join('||');
      return {
        session,
        setCookie: `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; Max-Age=${SESSION_DAYS * 86_400}; HttpOnly; SameSite=Lax`,
      };
    },
  };
}

/**
 * The cart cookies for the session's cart now; for an empty cart, their expiry if the browser still has them.
 * @param {WooSession} session @param {Map<string, string>} cookies
 * @returns {string[]}
 */
export function cartCookies(session, cookies) {
  const hash = cartHash(session.cart);
  if (hash) return [`woocommerce_items_in_cart=1; Path=/; SameSite=Lax`, `woocommerce_cart_hash=${hash}; Path=/; SameSite=Lax`];
  if (!cookies.has('woocommerce_items_in_cart') && !cookies.has('woocommerce_cart_hash')) return [];
  const past = new Date(Date.now() - 3_600_000).toUTCString();
  return [`woocommerce_items_in_cart=0; Path=/; Expires=${past}`, `woocommerce_cart_hash=; Path=/; Expires=${past}`];
}
