// The stand-in Magento 2 store (Luma) at /magento/ on the shop's origin: Magento installed under that base URL,
// so its controllers answer there too (`checkout/cart/add`, `customer/section/load`, the REST API's
// `rest/default/V1/…`). Written for the demo from Magento's behaviour; each fact's source is named where it is used.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { raw } from '../shop/js/html.js';
import { addToCart, cartSection, productById, productByUrlKey, SHIPPING, SIZE_ATTRIBUTE, setQty, subtotalOf } from './magento-catalog.mjs';
import { BASE_PATH, cartPage, categoryPage, checkoutPage, productPage, renderPage, STATIC_PATH, successPage } from './magento-pages.mjs';
import { DEMO_ROOT, REPO_ROOT } from './paths.mjs';
import { requestHostname, resolveInside, sendFile } from './static-files.mjs';
import { jsonReply as json, readPosted, redirect } from './store-http.mjs';

/**
 * @typedef {import('node:http').IncomingMessage} Request
 * @typedef {import('node:http').ServerResponse} Response
 * @typedef {import('./magento-pages.mjs').PageSession & { id: string, lastSuccess: MagentoOrder | null, csp: boolean }} MagentoSession
 *   `lastSuccess`: the order the success page may show once (Magento\Checkout\Model\Session\SuccessValidator);
 *   `csp`: the demo's `?demo-csp=strict` flag, kept for the session (`?demo-csp=off` ends it).
 * @typedef {{ entityId: number, incrementId: string, grandTotal: number }} MagentoOrder
 * @typedef {import('./store-http.mjs').Reply} Reply
 * @typedef {{
 *   path: string, query: URLSearchParams, method: string, session: MagentoSession, origin: string,
 *   form: URLSearchParams | null, json: unknown, ajax: boolean, referer: string | null,
 * }} Context
 *   `path`: below the base URL (`checkout/cart/`); `ajax`: jQuery's `X-Requested-With: XMLHttpRequest`.
 * @typedef {{ companyKey: string, host: string, sandboxPort?: () => number, log?: (line: string) => void, now?: () => number }} MagentoStoreOptions
 *   `sandboxPort`: read per request (the sandbox starts after the shop), for the strict policy's `connect-src`.
 */

const MAX_BODY_BYTES = 256 * 1024;
/** Magento's session cookie (PHPSESSID, HttpOnly). */
const SESSION_COOKIE = 'PHPSESSID';
const STATIC_ROOT = join(DEMO_ROOT, 'magento');
/** The static files RequireJS loads; jQuery is the repository's own (lib/web/jquery.js in Magento). */
const STATIC_FILES = {
  'jquery.js': join(REPO_ROOT, 'node_modules/jquery/dist/jquery.min.js'),
};

/** @param {string | undefined} header */
function parseCookies(header) {
  const cookies = new Map();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
  }
  return cookies;
}

/** @param {MagentoStoreOptions} options */
export function createMagentoStore({ companyKey, host, sandboxPort, log = () => {}, now = Date.now }) {
  /** @type {Map<string, MagentoSession>} */ const sessions = new Map();
  let nextItemId = 101;
  let nextOrderId = 31;
  const ids = { nextItemId: () => nextItemId++ };

  /** @param {Map<string, string>} cookies */
  function sessionOf(cookies) {
    const known = sessions.get(cookies.get(SESSION_COOKIE) ?? '');
    if (known) return { session: known, setCookie: null };
    const id = randomBytes(13).toString('hex');
    /** @type {MagentoSession} */
    const session = {
      id,
      cart: { maskedId: randomBytes(16).toString('hex'), lines: [] },
      messages: [],
      formKey: randomBytes(8).toString('base64url'),
      customer: false,
      debug: false,
      lastSuccess: null,
      csp: false,
    };
    sessions.set(id, session);
    return { session, setCookie: `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax` };
  }

  /**
   * A page; under the `?demo-csp=strict` flag with the policy Magento_Csp sends in restrict mode (no
   * 'unsafe-inline', no 'unsafe-eval'; a fresh nonce per response, which the page's scripts carry) and the
   * sandbox's origin as the one other origin the page may connect to.
   * @param {Context} ctx @param {Omit<import('./magento-pages.mjs').Frame, 'session' | 'origin' | 'companyKey' | 'nonce'>} parts @returns {Reply}
   */
  function page(ctx, parts, status = 200) {
    const nonce = ctx.session.csp ? randomBytes(16).toString('base64') : undefined;
    /** @type {Record<string, string>} */
    const headers = { 'content-type': 'text/html; charset=UTF-8' };
    if (nonce) {
      const sandbox = sandboxPort ? ` ${ctx.origin.replace(/:\d+$/, '')}:${sandboxPort()}` : '';
      headers['content-security-policy'] = [
        `script-src 'self' 'nonce-${nonce}'`,
        `connect-src 'self'${sandbox}`,
        `style-src 'self'`,
        `object-src 'none'`,
        `base-uri 'self'`,
      ].join('; ');
    }
    return { status, headers, body: renderPage({ ...parts, session: ctx.session, origin: ctx.origin, companyKey, nonce }) };
  }
  const base = (/** @type {Context} */ ctx) => `${ctx.origin}${BASE_PATH}`;

  /**
   * `customer/section/load` (Magento\Customer\Controller\Section\Load): the sections asked for, each with its
   * `data_id`. The stand-in has data for `cart` and `messages` (whose messages it hands over once); others are empty.
   * @param {Context} ctx
   */
  function sectionLoad(ctx) {
    const asked = (ctx.query.get('sections') ?? 'cart,messages').split(',').filter(Boolean);
    const dataId = Math.floor(now() / 1000);
    /** @type {Record<string, unknown>} */
    const sections = {};
    for (const name of asked) {
      if (name === 'cart') sections.cart = cartSection(ctx.session.cart, base(ctx), dataId);
      else if (name === 'messages') sections.messages = { messages: ctx.session.messages.splice(0), data_id: dataId };
      else sections[name] = { data_id: dataId };
    }
    return json(sections);
  }

  /**
   * checkout/cart/add (Magento\Checkout\Controller\Cart\Add): an AJAX add answers `[]`, a refused one its error in the
   * `messages` section and `{ product: { statusText } }` for a product that is not salable (`goBack`, no back URL);
   * a form posted without script goes back to the page it came from (`uenc`).
   * @param {Context} ctx
   */
  function cartAdd(ctx) {
    const form = ctx.form ?? new URLSearchParams();
    const productId = Number(form.get('product') ?? /product\/(\d+)/.exec(ctx.path)?.[1]);
    const option = Number(form.get(`super_attribute[${SIZE_ATTRIBUTE}]`)) || null;
    const added = addToCart(ctx.session.cart, ids, productId, Number(form.get('qty') || 1), option);
    const product = productById(productId);
    if (added.ok) ctx.session.messages.push({ type: 'success', text: `You added ${product?.name} to your shopping cart.` });
    else ctx.session.messages.push({ type: 'error', text: added.message });
    if (ctx.ajax) return json(!added.ok && product && !product.inStock ? { product: { statusText: 'Out of stock' } } : []);
    return redirect(ctx.referer ?? `${base(ctx)}checkout/cart/`);
  }

  // The minicart's removal and quantity change (Magento\Checkout\Controller\Sidebar\RemoveItem, UpdateItemQty).
  /** @param {Context} ctx @param {string} action */
  function sidebar(ctx, action) {
    const form = ctx.form ?? new URLSearchParams();
    const itemId = Number(form.get('item_id'));
    const qty = action === 'removeItem' ? 0 : Number(form.get('item_qty'));
    const done = setQty(ctx.session.cart, itemId, qty);
    return json(done ? { success: true } : { success: false, error_message: 'The quote item isn’t found. Verify the item and try again.' });
  }

  /**
   * The cart page's form (Magento\Checkout\Controller\Cart\UpdatePost: `cart[ID][qty]`, 0 removes) and a line's
   * removal (Cart\Delete, posted by mage/dataPost), both back to the cart page: a full page load.
   * @param {Context} ctx @param {'updatePost' | 'delete'} action
   */
  function cartForm(ctx, action) {
    const form = ctx.form ?? new URLSearchParams();
    if (action === 'delete') setQty(ctx.session.cart, Number(form.get('id')), 0);
    else
      for (const [name, value] of form) {
        const itemId = /^cart\[(\d+)\]\[qty\]$/.exec(name)?.[1];
        if (itemId && /^\d+$/.test(value.trim())) setQty(ctx.session.cart, Number(itemId), Number(value));
      }
    return redirect(`${base(ctx)}checkout/cart/`);
  }

  /**
   * Placing the order (`rest/default/V1/guest-carts/{masked id}/payment-information`, Magento\Checkout\Model\
   * GuestPaymentInformationManagement): the order from the quote, the quote emptied, the order id as a JSON string.
   * @param {Context} ctx @param {string} maskedId
   */
  function placeOrder(ctx, maskedId) {
    const { cart } = ctx.session;
    if (maskedId !== cart.maskedId || !cart.lines.length) return json({ message: 'The cart isn’t active.' }, 404);
    const entityId = nextOrderId++;
    /** @type {MagentoOrder} */
    const order = {
      entityId,
      incrementId: String(entityId).padStart(9, '0'),
      grandTotal: subtotalOf(cart) + SHIPPING,
    };
    cart.lines = [];
    cart.maskedId = randomBytes(16).toString('hex');
    ctx.session.lastSuccess = order;
    log(`magento order ${order.incrementId} ${order.grandTotal.toFixed(2)} EUR placed`);
    return json(String(entityId));
  }

  /** @param {Context} ctx @returns {Reply | null} */
  function route(ctx) {
    const { path, method, session } = ctx;
    if (method === 'GET' && path === 'customer/section/load/') return sectionLoad(ctx);
    if (method === 'POST' && /^checkout\/cart\/add\//.test(path)) return cartAdd(ctx);
    const sidebarAction = /^checkout\/sidebar\/(removeItem|updateItemQty)\/?$/.exec(path)?.[1];
    if (method === 'POST' && sidebarAction) return sidebar(ctx, sidebarAction);
    const cartAction = /^checkout\/cart\/(updatePost|delete)\/?$/.exec(path)?.[1];
    if (method === 'POST' && cartAction) return cartForm(ctx, /** @type {'updatePost' | 'delete'} */ (cartAction));
    const masked = /^rest\/default\/V1\/guest-carts\/(\w+)\/payment-information$/.exec(path)?.[1];
    if (method === 'POST' && masked) return placeOrder(ctx, masked);
    if (method !== 'GET') return null;
    if (path === '') return page(ctx, categoryPage(session, ctx.origin));
    if (path === 'checkout/cart/') return page(ctx, cartPage(session, ctx.origin));
    if (path === 'checkout/' || path === 'checkout/index/index/') {
      if (!session.cart.lines.length) return redirect(`${base(ctx)}checkout/cart/`);
      return page(ctx, checkoutPage(session, ctx.origin));
    }
    if (path === 'checkout/onepage/success/') {
      // Shown once: reloaded, the success validator sends the shopper to the cart (Onepage\Success::execute).
      const order = session.lastSuccess;
      session.lastSuccess = null;
      return order ? page(ctx, successPage(session, ctx.origin, order)) : redirect(`${base(ctx)}checkout/cart/`);
    }
    const product = productByUrlKey(/^([\w-]+)\.html$/.exec(path)?.[1] ?? '');
    if (product) return page(ctx, productPage(session, ctx.origin, product));
    return null;
  }

  /**
   * Answers the store's requests; resolves false for any other.
   * @param {Request} req @param {Response} res @param {URL} url
   */
  return async function handleMagento(req, res, url) {
    const full = url.pathname;
    if (full !== '/magento' && !full.startsWith(BASE_PATH)) return false;
    if (full === '/magento') {
      res.writeHead(301, { location: BASE_PATH }).end();
      return true;
    }
    if (full.startsWith(STATIC_PATH)) {
      const relative = full.slice(STATIC_PATH.length);
      const file = Object.hasOwn(STATIC_FILES, relative)
        ? STATIC_FILES[/** @type {'jquery.js'} */ (relative)]
        : resolveInside(STATIC_ROOT, relative);
      if (await sendFile(req, res, file)) return true;
    }
    const { session, setCookie } = sessionOf(parseCookies(req.headers.cookie));
    if (url.searchParams.has('demo-customer')) session.customer = url.searchParams.get('demo-customer') !== 'no';
    if (url.searchParams.has('demo-csp')) session.csp = url.searchParams.get('demo-csp') === 'strict';
    if (url.searchParams.has('debug')) session.debug = url.searchParams.get('debug') !== '0';
    const method = req.method ?? 'GET';
    const { form, body } = await readPosted(req, method, MAX_BODY_BYTES);
    const origin = `http://${requestHostname(req, host)}:${req.socket.localPort}`;
    const referer = typeof req.headers.referer === 'string' && req.headers.referer.startsWith(origin) ? req.headers.referer : null;
    /** @type {Context} */
    const ctx = {
      path: full.slice(BASE_PATH.length),
      query: url.searchParams,
      method,
      session,
      origin,
      form,
      json: body,
      ajax: req.headers['x-requested-with'] === 'XMLHttpRequest',
      referer,
    };
    const reply = route(ctx) ?? page(ctx, { title: '404 Not Found', bodyClass: 'cms-no-route', content: notFoundHtml }, 404);
    res.writeHead(reply.status, { 'cache-control': 'no-store', ...reply.headers, ...(setCookie ? { 'set-cookie': setCookie } : {}) });
    res.end(method === 'HEAD' ? undefined : reply.body);
    return true;
  };
}

const notFoundHtml = raw('<h1 class="page-title">Whoops, our bad...</h1>');
