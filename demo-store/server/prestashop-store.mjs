// The stand-in PrestaShop store (/prestashop/) on the shop's origin: the category, a product with a Size
// combination, a product whose stock ran out after its pages were cached, the cart controller (its JSON answers and its
// redirects), ps_shoppingcart's refresh, the checkout, the wire payment's validation and the order confirmation.
// Written for the demo from PrestaShop's behaviour; each fact's source is named where it is used.
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readBody } from '../../sandbox/index.mjs';
import { DEMO_ROOT } from './paths.mjs';
import {
  CARRIERS,
  changeQuantity,
  createCart,
  deleteLine,
  findProduct,
  presentCart,
  productsTotal,
  shippingOf,
} from './prestashop-cart.mjs';
import {
  addedModal,
  blockCart,
  CART_URL,
  cartOverview,
  cartPage,
  cartTotals,
  categoryPage,
  checkoutPage,
  checkoutSummary,
  confirmationPage,
  orderLineOf,
  PAYMENT_MODULE_ID,
  productPage,
  renderPage,
} from './prestashop-pages.mjs';
import { requestHostname, resolveInside, sendFile } from './static-files.mjs';
import { parseCookies } from './woo-session.mjs';

/**
 * @typedef {import('node:http').IncomingMessage} Request
 * @typedef {import('node:http').ServerResponse} Response
 * @typedef {import('./prestashop-pages.mjs').PsSession} PsSession
 * @typedef {import('./prestashop-pages.mjs').PsOrder} PsOrder
 * @typedef {{ status: number, headers?: Record<string, string>, body?: string }} Reply
 * @typedef {{ path: string, params: URLSearchParams, method: string, session: PsSession, origin: string, xhr: boolean }} Context
 *   `params`: the query and the posted form together, as PrestaShop's Tools::getValue reads them.
 */

/** PrestaShop's cookie, `PrestaShop-` and a hash of the shop's name and domain (classes/Cookie.php); its content is ours. */
const COOKIE = `PrestaShop-${createHash('md5').update('stand-in prestashop').digest('hex')}`;
/** The stand-in's own scripts and styles, where PrestaShop serves the core, the theme's and the module's. */
const ASSETS = {
  '/prestashop/themes/core.js': 'core.js',
  '/prestashop/themes/classic/assets/js/theme.js': 'theme.js',
  '/prestashop/modules/ps_shoppingcart/ps_shoppingcart.js': 'ps_shoppingcart.js',
  '/prestashop/themes/classic/assets/css/theme.css': 'theme.css',
};

const json = (/** @type {unknown} */ body) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const redirect = (/** @type {string} */ location) => ({ status: 302, headers: { location } });
const htmlPage = (/** @type {string} */ body, status = 200) => ({ status, headers: { 'content-type': 'text/html; charset=utf-8' }, body });

/** @param {import('./woo-store.mjs').WooStoreOptions} options */
export function createPrestaShopStore({ companyKey, host, log = () => {} }) {
  /** @type {Map<string, PsSession>} */ const sessions = new Map();
  /** @type {Map<number, PsOrder>} */ const orders = new Map();
  let nextOrderId = 7;

  /** @param {Context} ctx @param {{ title: string, pageName: string, content: import('./prestashop-pages.mjs').Safe }} parts */
  const page = (ctx, parts) => htmlPage(renderPage({ ...parts, session: ctx.session, origin: ctx.origin, companyKey, path: ctx.path }));

  /**
   * The cart controller (controllers/front/CartController.php): `add`, `update` (with `op`) or `delete` change the
   * cart (updateCart); then an AJAX call (`ajax`, or core.js's `action=update` posted by XHR) is answered by
   * displayAjaxUpdate — `{ success, id_product, id_product_attribute, id_customization, quantity, cart }`, or
   * `{ hasError, errors, quantity }` when the change was refused — or displayAjaxRefresh's fragments; any other
   * request is sent on to the cart page. `ajax=1&action=update` with no change is a read of the presented cart.
   * @param {Context} ctx @returns {Reply}
   */
  function cartController(ctx) {
    const { params, session } = ctx;
    const idProduct = Number(params.get('id_product')) || 0;
    let idProductAttribute = Number(params.get('id_product_attribute')) || 0;
    const product = findProduct(idProduct);
    // Product::getIdProductAttributeByIdAttributes: the chosen Size is its combination.
    const group = params.get('group[1]');
    if (product?.combinations && group) idProductAttribute = product.combinations.find((c) => String(c.group) === group)?.id ?? 0;
    // processChangeProductInCart: an add's refusal is an error (`hasError`), an update's only a message beside the cart.
    /** @type {string[]} */ const errors = [];
    /** @type {string[]} */ const updateErrors = [];
    const tokenOk = params.get('token') === session.token || ctx.xhr;
    if ((params.has('add') || params.has('update')) && tokenOk) {
      const changed = changeQuantity(session.cart, {
        idProduct,
        idProductAttribute,
        quantity: Math.abs(Number(params.get('qty') ?? 1)) || 0,
        op: params.get('op') === 'down' ? 'down' : 'up',
      });
      if (changed.ok) idProductAttribute = changed.idProductAttribute;
      else (params.has('update') ? updateErrors : errors).push(changed.error);
    } else if (params.has('delete') && tokenOk) deleteLine(session.cart, idProduct, idProductAttribute);
    const action = params.get('action');
    const ajax = params.has('ajax') || (ctx.xhr && (action === 'update' || action === 'refresh'));
    if (ajax && action === 'refresh')
      return json({ cart_detailed: cartOverview(session).toString(), cart_detailed_totals: cartTotals(session).toString() });
    if (ajax) {
      const quantity =
        session.cart.lines.find((l) => l.idProduct === idProduct && l.idProductAttribute === idProductAttribute)?.quantity ?? 0;
      if (errors.length) return json({ hasError: true, errors, quantity });
      return json({
        success: true,
        id_product: idProduct,
        id_product_attribute: idProductAttribute,
        id_customization: 0,
        quantity,
        cart: presentCart(session.cart, session.token),
        errors: updateErrors[0] ?? '',
      });
    }
    session.notices.push(...errors, ...updateErrors);
    if (action === 'show' && ctx.method === 'GET' && !params.has('add') && !params.has('delete') && !params.has('update'))
      return page(ctx, cartPage(session));
    return redirect(`${CART_URL}?action=show`);
  }

  /**
   * ps_shoppingcart's refresh (modules/ps_shoppingcart/controllers/front/ajax.php): `{ preview, modal }`, the modal
   * only after an add.
   * @param {Context} ctx @returns {Reply}
   */
  function shoppingCartRefresh(ctx) {
    const product = findProduct(ctx.params.get('id_product'));
    const added = ctx.params.get('action') === 'add-to-cart' && product;
    return json({ preview: blockCart(ctx.session.cart).toString(), modal: added ? addedModal(ctx.session.cart, product).toString() : '' });
  }

  /**
   * The wire payment's validation (modules/ps_wirepayment/controllers/front/validation.php → PaymentModule::validateOrder):
   * the order from the cart, a new cart for the visitor, then the confirmation page with `id_cart`, `id_module`,
   * `id_order` and the customer's `key`.
   * @param {Context} ctx @returns {Reply}
   */
  function validateOrder(ctx) {
    const { session } = ctx;
    if (ctx.method !== 'POST' || !session.cart.lines.length) return redirect(`${CART_URL}?action=show`);
    /** @type {PsOrder} */
    const order = {
      id: nextOrderId++,
      reference: Array.from(randomBytes(9), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[b % 26]).join(''),
      key: createHash('md5').update(session.token).digest('hex'),
      idCart: session.cart.id,
      lines: session.cart.lines.map(orderLineOf),
      products: productsTotal(session.cart),
      shipping: shippingOf(session.cart),
    };
    orders.set(order.id, order);
    session.cart = createCart();
    log(`prestashop order ${order.id} ${((order.products + order.shipping) / 100).toFixed(2)} EUR placed`);
    return redirect(
      `/prestashop/order-confirmation?id_cart=${order.idCart}&id_module=${PAYMENT_MODULE_ID}&id_order=${order.id}&key=${order.key}`,
    );
  }

  /**
   * The delivery step's choice (OrderController::displayAjaxSelectDeliveryOption): `delivery_option[ADDRESS]=CARRIER,`
   * sets the cart's carrier; the answer is the summary's HTML (`preview`), no cart.
   * @param {Context} ctx @returns {Reply}
   */
  function selectDeliveryOption(ctx) {
    for (const [name, value] of ctx.params) {
      const carrier = CARRIERS.find((c) => `${c.id},` === value);
      if (name.startsWith('delivery_option[') && carrier) ctx.session.cart.carrier = carrier.id;
    }
    return json({ preview: checkoutSummary(ctx.session).toString() });
  }

  /** @param {Context} ctx @returns {Reply} */
  function route(ctx) {
    const { path, params, session } = ctx;
    if (path === '/prestashop') return redirect('/prestashop/');
    if (path === CART_URL) return cartController(ctx);
    if (path === '/prestashop/module/ps_shoppingcart/ajax') return shoppingCartRefresh(ctx);
    if (path === '/prestashop/module/ps_wirepayment/validation') return validateOrder(ctx);
    if (path === '/prestashop/order' && params.get('action') === 'selectDeliveryOption') return selectDeliveryOption(ctx);
    if (path === '/prestashop/order')
      return session.cart.lines.length ? page(ctx, checkoutPage(session)) : redirect(`${CART_URL}?action=show`);
    if (path === '/prestashop/order-confirmation') {
      // OrderConfirmationController::init: the cart, order and customer key must match, else back to the shop.
      const order = orders.get(Number(params.get('id_order')));
      if (!order || order.key !== params.get('key') || String(order.idCart) !== params.get('id_cart')) return redirect('/prestashop/');
      return page(ctx, confirmationPage(order));
    }
    if (path === '/prestashop/' || path === '/prestashop/3-clothes') return page(ctx, categoryPage(session));
    const product = findProduct(/^\/prestashop\/(\d+)-[\w-]+\.html$/.exec(path)?.[1]);
    if (product) return page(ctx, productPage(session, product));
    return htmlPage('<!doctype html><title>404</title><h1>Page not found</h1>', 404);
  }

  /** The visitor's session by its cookie, made on the first request. @param {Request} req */
  function sessionOf(req) {
    const id = parseCookies(req.headers.cookie).get(COOKIE);
    const known = id ? sessions.get(id) : undefined;
    if (known) return { session: known, setCookie: null };
    const fresh = randomBytes(16).toString('hex');
    /** @type {PsSession} */
    const session = {
      cart: createCart(),
      token: randomBytes(16).toString('hex'),
      debug: false,
      oldClassic: false,
      lateCore: false,
      notices: [],
    };
    sessions.set(fresh, session);
    return { session, setCookie: `${COOKIE}=${fresh}; Path=/; HttpOnly; SameSite=Lax` };
  }

  /**
   * Answers the store's requests; resolves false for any other.
   * @param {Request} req @param {Response} res @param {URL} url
   */
  return async function handlePrestaShop(req, res, url) {
    if (url.pathname !== '/prestashop' && !url.pathname.startsWith('/prestashop/')) return false;
    const asset = ASSETS[/** @type {keyof typeof ASSETS} */ (url.pathname)];
    if (asset) return sendFile(req, res, resolveInside(join(DEMO_ROOT, 'prestashop'), asset));
    const method = req.method ?? 'GET';
    const params = new URLSearchParams(url.searchParams);
    if (method === 'POST')
      for (const [name, value] of new URLSearchParams((await readBody(req, 64 * 1024)).raw ?? '')) params.append(name, value);
    const { session, setCookie } = sessionOf(req);
    // Demo and test flags, kept for the visitor's next pages: `debug` (the tag's data-debug), `demo-classic=1.7.5`
    // (the older classic theme's cart page, whose `updateCart` carries no answer) or `demo-classic=current`,
    // `demo-core=late` (core.js injected after the SDK started, as a lazy-JS optimiser does) or `demo-core=footer`.
    if (url.searchParams.has('debug')) session.debug = url.searchParams.get('debug') !== '0';
    const classic = url.searchParams.get('demo-classic');
    if (classic) session.oldClassic = classic === '1.7.5';
    const core = url.searchParams.get('demo-core');
    if (core) session.lateCore = core === 'late';
    const origin = `http://${requestHostname(req, host)}:${req.socket.localPort}`;
    const xhr = String(req.headers['x-requested-with'] ?? '').toLowerCase() === 'xmlhttprequest';
    const reply = route({ path: url.pathname, params, method, session, origin, xhr });
    res.writeHead(reply.status, { 'cache-control': 'no-store', ...reply.headers, ...(setCookie ? { 'set-cookie': setCookie } : {}) });
    res.end(method === 'HEAD' ? undefined : reply.body);
    return true;
  };
}
