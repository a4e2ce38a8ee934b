// The stand-in BigCommerce store (Stencil, Cornerstone) on the shop's origin: its pages under /bigcommerce/, and
// what BigCommerce serves at a store's root: the cart page and its form handler (/cart.php), stencil-utils' remote
// API (/remote/v1/cart/add|update), the Storefront API (/api/storefront/carts, /api/storefront/orders/{id}), the
// checkout and its order-confirmation page (/checkout, /checkout/order-confirmation). Written for the demo from
// BigCommerce's behaviour; each fact's source is named where it is used (bigcommerce-cart.mjs, bigcommerce-pages.mjs).
// Query flags (kept in the visitor's session): `demo-bodl=on|off` (the store's BODL), `demo-theme-script=yes|no`
// (no: forms post without script, a full page load), `debug` / `debug=0` (the SDK's tag gets `data-debug`).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  addToCart,
  bodlCartData,
  cartAmount,
  createCart,
  productBySlug,
  storefrontCarts,
  storefrontOrder,
  updateCart,
  variantOf,
} from './bigcommerce-cart.mjs';
import {
  ASSETS,
  cartContent,
  cartPage,
  categoryPage,
  checkoutPage,
  orderConfirmationPage,
  productPage,
  renderPage,
} from './bigcommerce-pages.mjs';
import { DEMO_ROOT } from './paths.mjs';
import { resolveInside, sendFile } from './static-files.mjs';
import { jsonReply, readPosted, redirect } from './store-http.mjs';

/**
 * @typedef {import('./bigcommerce-pages.mjs').BcSession} BcSession
 * @typedef {import('./bigcommerce-cart.mjs').BcOrder} BcOrder
 * @typedef {import('./store-http.mjs').Reply} Reply
 */

/** BigCommerce's session cookie. */
const SESSION_COOKIE = 'SHOP_SESSION_TOKEN';
const MAX_BODY_BYTES = 64 * 1024;
const STORE_PATH = /^\/(bigcommerce(\/|$)|cart\.php$|remote\/v1\/|api\/storefront\/|checkout(\/order-confirmation(\/\d+)?)?\/?$)/;

const json = (/** @type {unknown} */ body, status = 200) => jsonReply(body, status, 'application/json; charset=utf-8');

/** @param {string | undefined} header */
function sessionIdOf(header) {
  for (const part of (header ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value) return value;
  }
  return null;
}

/** @param {BcSession['settings']} settings @param {URLSearchParams} query */
function applyFlags(settings, query) {
  const flag = (/** @type {string} */ name, /** @type {boolean} */ current) =>
    query.has(name) ? !['off', 'no', '0'].includes(query.get(name) ?? '') : current;
  settings.bodl = flag('demo-bodl', settings.bodl);
  settings.themeScript = flag('demo-theme-script', settings.themeScript);
  if (query.has('debug')) settings.debug = query.get('debug') !== '0';
}

/** @param {import('./woo-store.mjs').WooStoreOptions} options */
export function createBigCommerceStore({ companyKey, log = () => {} }) {
  /** @type {Map<string, BcSession>} */ const sessions = new Map();
  /** @type {Map<number, BcOrder & { sessionId: string }>} */ const orders = new Map();
  let nextOrderId = 301;
  let nextOrderLineId = 901;

  /** @param {BcSession} session @param {import('./bigcommerce-pages.mjs').BcPage} page @returns {Reply} */
  const page = (session, page) => {
    const body = renderPage(session, companyKey, page);
    session.notice = null;
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
  };

  /**
   * `POST /remote/v1/cart/add` (stencil-utils src/api/cart.js itemAdd): a refused add answers 200 with
   * `data.error` (Cornerstone product-details.js shows it); both carry BODL's cart fields.
   * @param {BcSession} session @param {URLSearchParams} form
   */
  function remoteAdd(session, form) {
    const added = addToCart(session.cart, form);
    if (!added.ok) return json({ data: { error: added.message, errors: [added.message] } });
    const variant = variantOf(added.line);
    return json({
      data: {
        cart_id: session.cart.id,
        cart_item: { id: added.line.id, product_id: added.line.productId, quantity: added.line.quantity, sku: variant?.sku },
        ...bodlCartData(session.cart),
      },
    });
  }

  /** `POST /remote/v1/cart/update` with `{ items: [{ id, quantity }] }` (itemUpdate, itemRemove: quantity 0). @param {BcSession} session @param {unknown} body */
  function remoteUpdate(session, body) {
    const items = /** @type {{ items?: unknown } | undefined} */ (body)?.items;
    if (!updateCart(session.cart, items)) return json({ data: { status: 'failed', error: 'The cart item could not be found.' } });
    return json({ data: { status: 'succeed', ...bodlCartData(session.cart) } });
  }

  /** Places the order: the cart's lines at their prices, the cart deleted. @param {string} sessionId @param {BcSession} session */
  function placeOrder(sessionId, session) {
    if (!session.cart.lines.length) return redirect('/cart.php');
    /** @type {BcOrder & { sessionId: string }} */
    const order = {
      id: nextOrderId++,
      sessionId,
      cartId: session.cart.id,
      total: cartAmount(session.cart),
      lines: session.cart.lines.map((line) => ({ ...line, orderLineId: nextOrderLineId++, price: variantOf(line)?.price ?? 0 })),
    };
    orders.set(order.id, order);
    session.cart = createCart();
    session.lastOrderId = order.id;
    log(`bigcommerce order ${order.id} ${order.total.toFixed(2)} USD placed`);
    return redirect('/checkout/order-confirmation');
  }

  /**
   * @param {{ path: string, method: string, query: URLSearchParams, sessionId: string, session: BcSession, form: URLSearchParams | null, body: unknown }} ctx
   * @returns {Reply | null} null for a static file
   */
  function route({ path, method, query, sessionId, session, form, body }) {
    if (path === '/remote/v1/cart/add' && method === 'POST') return remoteAdd(session, form ?? new URLSearchParams());
    if (path === '/remote/v1/cart/update' && method === 'POST') return remoteUpdate(session, body ?? Object.fromEntries(form ?? []));
    if (path === '/api/storefront/carts' && method === 'GET') return json(storefrontCarts(session.cart));
    const orderRead = /^\/api\/storefront\/orders\/(\d+)$/.exec(path);
    if (orderRead && method === 'GET') {
      const order = orders.get(Number(orderRead[1]));
      // Only the shopper who placed it can read it.
      return order && order.sessionId === sessionId ? json(storefrontOrder(order)) : json({ status: 404, title: 'Order not found' }, 404);
    }
    if (path === '/cart.php') {
      // The product form posted without script (its action is /cart.php, `action=add`): added, then the cart.
      if (method === 'POST' && form?.get('action') === 'add') {
        const added = addToCart(session.cart, form);
        if (!added.ok) session.notice = added.message;
        return redirect('/cart.php');
      }
      if (query.get('partial') === 'content')
        return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: cartContent(session.cart).toString() };
      return page(session, cartPage(session.cart));
    }
    if (path === '/checkout' || path === '/checkout/') {
      if (method === 'POST') return placeOrder(sessionId, session);
      return session.cart.lines.length ? page(session, checkoutPage(session.cart)) : redirect('/cart.php');
    }
    const confirmed = /^\/checkout\/order-confirmation(?:\/(\d+))?\/?$/.exec(path);
    if (confirmed) {
      const order = orders.get(Number(confirmed[1] ?? session.lastOrderId));
      return page(session, orderConfirmationPage(order && order.sessionId === sessionId ? order : null));
    }
    if (path === '/bigcommerce') return redirect('/bigcommerce/');
    if (path === '/bigcommerce/') return page(session, categoryPage());
    if (path.startsWith(`${ASSETS}/`)) return null;
    const product = productBySlug(/^\/bigcommerce\/([\w-]+)\/?$/.exec(path)?.[1] ?? '');
    if (product) return page(session, productPage(product));
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: `Not found: ${path}` };
  }

  /**
   * Answers the store's requests; resolves false for any other.
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {URL} url
   */
  return async function handleBigCommerce(req, res, url) {
    const path = url.pathname;
    if (!STORE_PATH.test(path)) return false;
    if (path.startsWith(`${ASSETS}/`))
      return sendFile(req, res, resolveInside(join(DEMO_ROOT, 'bigcommerce'), path.slice(ASSETS.length + 1)));
    let sessionId = sessionIdOf(req.headers.cookie);
    let session = sessionId ? sessions.get(sessionId) : undefined;
    const fresh = !session;
    if (!session || !sessionId) {
      sessionId = randomBytes(16).toString('hex');
      session = {
        cart: createCart(),
        settings: { bodl: true, themeScript: true, debug: false },
        lastOrderId: null,
        notice: null,
        csrf: randomBytes(8).toString('hex'),
      };
      sessions.set(sessionId, session);
    }
    applyFlags(session.settings, url.searchParams);
    const method = req.method ?? 'GET';
    const { form, body } = await readPosted(req, method, MAX_BODY_BYTES);
    const reply = route({ path, method, query: url.searchParams, sessionId, session, form, body });
    if (!reply) return sendFile(req, res, null);
    res.writeHead(reply.status, {
      'cache-control': 'no-store',
      ...reply.headers,
      ...(fresh ? { 'set-cookie': `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax` } : {}),
    });
    res.end(method === 'HEAD' ? undefined : reply.body);
    return true;
  };
}
