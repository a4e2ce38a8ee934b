// The stand-in WooCommerce store (/woo/, and /woo-blocks/ for its block theme) on the shop's origin: WordPress at
// the root, so its AJAX (`/?wc-ajax=…`), REST API (`/wp-json/…`, `/?rest_route=…`) and form handlers answer there
// too. Written for the demo from WooCommerce's behaviour; each fact's source is named where it is used.
import { randomBytes } from 'node:crypto';
import { parseJson, readBody } from '../../sandbox/index.mjs';
import { html } from '../shop/js/html.js';
import { requestHostname } from './static-files.mjs';
import { blocksCartPage, blocksShopPage } from './woo-blocks-pages.mjs';
import { addToCart, cartHash, cartTotal, emptyCart, lineByKey, purchasableOf, removeLine, setQuantity } from './woo-cart.mjs';
import { findBySlug, findPurchasable, fullNameOf, priceOf, skuOf } from './woo-catalog.mjs';
import { CART_PAGE_ID, CHECKOUT_PAGE_ID, renderPage, wooUrls } from './woo-layout.mjs';
import { miniCartHtml } from './woo-markup.mjs';
import { cartPage, checkoutPage, orderReceivedPage, productPage, shopPage } from './woo-pages.mjs';
import { applySettingFlags, cartCookies, createSessions, parseCookies } from './woo-session.mjs';
import { createStoreApi } from './woo-store-api.mjs';

/**
 * @typedef {import('node:http').IncomingMessage} Request
 * @typedef {import('node:http').ServerResponse} Response
 * @typedef {import('./woo-store-api.mjs').WooSession} WooSession
 * @typedef {import('./woo-schemas.mjs').WooOrder} WooOrder
 * @typedef {{ status: number, headers?: Record<string, string>, body?: string }} Reply
 * @typedef {{
 *   url: URL, path: string, query: URLSearchParams, method: string, session: WooSession, origin: string,
 *   form: URLSearchParams | null, json: unknown, headers: import('node:http').IncomingHttpHeaders,
 * }} Context
 *   `form`: a POSTed form (or jQuery's urlencoded AJAX body); `json`: a POSTed JSON body.
 * @typedef {{ companyKey: string, host: string, log?: (line: string) => void, now?: () => number }} WooStoreOptions
 */

const MAX_BODY_BYTES = 256 * 1024;
/** Query parameters WordPress and WooCommerce answer on the site's root. */
const ROOT_QUERY = ['wc-ajax', 'rest_route', 'page_id', 'add-to-cart', 'order-received'];

/** @param {string} path @param {URLSearchParams} query */
function isWooRequest(path, query) {
  if (/^\/(woo|woo-blocks|wp-json)(\/|$)/.test(path)) return true;
  return path === '/' && ROOT_QUERY.some((name) => query.has(name));
}

const json = (/** @type {unknown} */ body, status = 200, headers = {}) => ({
  status,
  headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
  body: JSON.stringify(body),
});
const redirect = (/** @type {string} */ location, status = 302) => ({ status, headers: { location } });

/**
 * A posted form's text fields: urlencoded (jQuery's AJAX) or multipart (WooCommerce's product and checkout
 * forms have `enctype="multipart/form-data"`).
 * @param {string} raw @param {string} contentType
 */
export function formFields(raw, contentType) {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!/multipart\/form-data/i.test(contentType) || !boundary) return new URLSearchParams(raw);
  const fields = new URLSearchParams();
  for (const part of raw.split(`--${boundary[1] ?? boundary[2]}`)) {
    const [head, ...body] = part.split('\r\n\r\n');
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name !== undefined && !/filename=/i.test(head)) fields.append(name, body.join('\r\n\r\n').replace(/\r\n$/, ''));
  }
  return fields;
}
const orderKey = () =>
  `wc_order_${Array.from(randomBytes(13), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62]).join('')}`;

/** @param {WooStoreOptions} options */
export function createWooStore({ companyKey, host, log = () => {}, now = Date.now }) {
  const sessions = createSessions();
  /** @type {Map<number, WooOrder>} */ const orders = new Map();
  const storeApi = createStoreApi({ orders, now });
  let nextOrderId = 1001;
  let nextOrderItemId = 501;

  /** @param {Context} ctx @param {Omit<import('./woo-layout.mjs').Frame, 'session' | 'origin' | 'companyKey' | 'theme'>} parts @param {'classic' | 'blocks'} [theme] @returns {Reply} */
  const page = (ctx, parts, theme = 'classic', status = 200) => ({
    status,
    headers: {
      'content-type': 'text/html; charset=UTF-8',
      // rest_output_link_header: every page names the REST API's root in a Link header too.
      link: `<${wooUrls(ctx.session.settings, ctx.origin).apiRoot}>; rel="https://api.w.org/"`,
    },
    body: renderPage({ ...parts, theme, session: ctx.session, origin: ctx.origin, companyKey }),
  });

  /** `{ fragments, cart_hash }` (class-wc-ajax.php get_refreshed_fragments). @param {Context} ctx */
  const fragments = (ctx) => ({
    fragments: { 'div.widget_shopping_cart_content': miniCartHtml(ctx.session, ctx.origin).toString() },
    cart_hash: cartHash(ctx.session.cart),
  });

  /**
   * "“Name” has been added to your cart." with View cart, or Continue shopping when the shopper is sent to the
   * cart (wc-cart-functions.php wc_add_to_cart_message).
   * @param {Context} ctx @param {number} productId @param {number} quantity
   */
  function addedNotice(ctx, productId, quantity) {
    const urls = wooUrls(ctx.session.settings, ctx.origin);
    const product = /** @type {NonNullable<ReturnType<typeof findPurchasable>>} */ (findPurchasable(productId)).product;
    const link = ctx.session.settings.redirectToCart
      ? html`<a href="${urls.shop}" tabindex="1" class="button wc-forward">Continue shopping</a>`
      : html`<a href="${urls.cart}" tabindex="1" class="button wc-forward">View cart</a>`;
    const text = html`${link} ${quantity > 1 ? html`${quantity} &times; ` : ''}&ldquo;${product.name}&rdquo; has been added to your cart.`;
    ctx.session.notices.push({ type: 'success', text: text.toString() });
  }

  /**
   * `?wc-ajax=add_to_cart|remove_from_cart|get_refreshed_fragments` (class-wc-ajax.php): an add the cart refuses
   * answers `{ error: true, product_url }` and leaves its error notice for the product page.
   * @param {Context} ctx @param {string} endpoint @returns {Reply}
   */
  function wcAjax(ctx, endpoint) {
    const form = ctx.form ?? new URLSearchParams();
    if (endpoint === 'get_refreshed_fragments') return json(fragments(ctx));
    if (endpoint === 'add_to_cart' && ctx.method === 'POST') {
      const productId = Number(form.get('product_id'));
      const quantity = Number(form.get('quantity') || 1);
      const added = addToCart(ctx.session.cart, productId, quantity);
      if (!added.ok) {
        ctx.session.notices.push({ type: 'error', text: added.message });
        const product = findPurchasable(productId)?.product;
        return json({ error: true, product_url: product ? `${ctx.origin}/woo/product/${product.slug}/` : `${ctx.origin}/woo/` });
      }
      if (ctx.session.settings.redirectToCart) addedNotice(ctx, productId, quantity);
      return json(fragments(ctx));
    }
    if (endpoint === 'remove_from_cart' && ctx.method === 'POST') {
      return removeLine(ctx.session.cart, form.get('cart_item_key')) ? json(fragments(ctx)) : json({ success: false });
    }
    return { status: 400, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: '-1' };
  }

  /**
   * The REST API: `/wp-json/{route}` with pretty permalinks, `/?rest_route={route}` always
   * (wp-includes/rest-api.php rest_api_loaded). Only the `wc/store/v1` namespace is served.
   * @param {Context} ctx @param {string} route @returns {Reply}
   */
  function rest(ctx, route) {
    if (route === '/' || route === '') {
      return json({ name: 'Ember & Oak', url: ctx.origin, namespaces: ['wc/store', 'wc/store/v1'], routes: {} });
    }
    if (!route.startsWith('/wc/store/v1/'))
      return json(
        { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } },
        404,
      );
    const query = new URLSearchParams(ctx.query);
    query.delete('rest_route');
    const answer = storeApi(ctx.session, { method: ctx.method, route, query, body: ctx.json, headers: ctx.headers }, ctx.origin);
    return json(answer.body, answer.status, answer.headers);
  }

  /**
   * The form handler's add to cart (includes/class-wc-form-handler.php add_to_cart_action), for a product form
   * posted to its page and for `?add-to-cart=ID` links: a variable product's variation from `variation_id`, or
   * from its attribute when no script set that; then the notice, and the redirect to the cart if that is on.
   * @param {Context} ctx @returns {Reply | null} a redirect, or null to render the page
   */
  function addToCartAction(ctx) {
    const param = (/** @type {string} */ name) => ctx.form?.get(name) ?? ctx.query.get(name);
    const requested = param('add-to-cart');
    if (!requested || !/^\d+$/.test(requested)) return null;
    const found = findPurchasable(requested);
    if (!found) return null;
    let id = found.variation?.id ?? found.product.id;
    if (found.product.type === 'variable' && !found.variation) {
      const chosen = param(`attribute_${String(found.product.attribute).toLowerCase()}`);
      id = Number(param('variation_id')) || found.product.variations?.find((v) => v.value === chosen)?.id || id;
    }
    const quantity = Number(param('quantity') || 1);
    const added = addToCart(ctx.session.cart, id, quantity);
    if (!added.ok) {
      ctx.session.notices.push({ type: 'error', text: added.message });
      return null;
    }
    addedNotice(ctx, found.product.id, quantity);
    return ctx.session.settings.redirectToCart ? redirect(wooUrls(ctx.session.settings, ctx.origin).cart) : null;
  }

  /**
   * The cart form (class-wc-form-handler.php update_cart_action): `cart[KEY][qty]` for each line (0 removes), then
   * back to the cart page; a `remove_item` link removes its line and comes back with `removed_item=1`.
   * @param {Context} ctx @returns {Reply | null}
   */
  function cartAction(ctx) {
    const urls = wooUrls(ctx.session.settings, ctx.origin);
    const removeKey = ctx.query.get('remove_item');
    if (ctx.method === 'GET' && removeKey) {
      const line = lineByKey(ctx.session.cart, removeKey);
      if (line && ctx.query.get('_wpnonce') === ctx.session.nonce.slice(0, 10)) {
        const name = fullNameOf(purchasableOf(line));
        removeLine(ctx.session.cart, removeKey);
        ctx.session.notices.push({ type: 'success', text: html`&ldquo;${name}&rdquo; removed.`.toString() });
      }
      return redirect(`${urls.cart}${urls.cart.includes('?') ? '&' : '?'}removed_item=1`);
    }
    if (ctx.method !== 'POST' || !ctx.form?.has('update_cart')) return null;
    if (ctx.form.get('woocommerce-cart-nonce') !== ctx.session.nonce.slice(0, 10)) return null;
    for (const line of [...ctx.session.cart.lines]) {
      const posted = ctx.form.get(`cart[${line.key}][qty]`);
      if (posted !== null && /^\d+$/.test(posted) && Number(posted) !== line.quantity)
        setQuantity(ctx.session.cart, line.key, Number(posted));
    }
    ctx.session.notices.push({ type: 'success', text: 'Cart updated.' });
    return redirect(ctx.form.get('_wp_http_referer') || urls.cart);
  }

  /**
   * "Place order" (class-wc-checkout.php process_checkout, the no-script path): the order from the cart at its
   * prices now, its own ids for its lines, the cart emptied, the email kept in the session, then the
   * order-received page (its key in the URL).
   * @param {Context} ctx @returns {Reply | null}
   */
  function checkoutAction(ctx) {
    if (ctx.method !== 'POST' || !ctx.form?.has('woocommerce_checkout_place_order')) return null;
    const urls = wooUrls(ctx.session.settings, ctx.origin);
    if (ctx.session.cart.lines.length === 0) return redirect(urls.cart);
    const email = (ctx.form.get('billing_email') ?? '').trim().slice(0, 200);
    /** @type {WooOrder} */
    const order = {
      id: nextOrderId++,
      key: orderKey(),
      status: 'processing',
      createdAt: now(),
      billingEmail: email,
      billing: { first_name: ctx.form.get('billing_first_name') ?? '', last_name: ctx.form.get('billing_last_name') ?? '' },
      lines: ctx.session.cart.lines.map((line) => {
        const item = purchasableOf(line);
        return {
          id: nextOrderItemId++,
          productId: line.productId,
          variationId: line.variationId,
          name: fullNameOf(item),
          quantity: line.quantity,
          unitPrice: priceOf(item),
          sku: skuOf(item),
        };
      }),
      total: cartTotal(ctx.session.cart),
      paymentMethodTitle: 'Cash on delivery',
    };
    orders.set(order.id, order);
    emptyCart(ctx.session.cart);
    ctx.session.email = email;
    log(`woo order ${order.id} ${(order.total / 100).toFixed(2)} EUR placed`);
    return redirect(urls.orderReceived(order));
  }

  /** The page a path names, or null. @param {Context} ctx @returns {Reply | null} */
  function pages(ctx) {
    const { path, query, session, origin } = ctx;
    if (path === '/woo' || path === '/woo-blocks') return redirect(`${path}/`, 301);
    const pageId = Number(query.get('page_id'));
    const received =
      /^\/woo\/checkout\/order-received\/(\d+)\/?$/.exec(path)?.[1] ?? (pageId === CHECKOUT_PAGE_ID ? query.get('order-received') : null);
    if (received) {
      const order = orders.get(Number(received));
      return page(ctx, orderReceivedPage(session, order && order.key === query.get('key') ? order : null, origin));
    }
    if (path === '/woo/checkout/' || pageId === CHECKOUT_PAGE_ID) {
      if (session.cart.lines.length === 0) {
        session.notices.push({ type: 'notice', text: 'Checkout is not available whilst your cart is empty.' });
        return redirect(wooUrls(session.settings, origin).cart);
      }
      return page(ctx, checkoutPage(session, origin));
    }
    if (path === '/woo/cart/' || pageId === CART_PAGE_ID) return page(ctx, cartPage(session, origin));
    if (path === '/woo/' || path === '/') return page(ctx, shopPage(session));
    const slug = /^\/woo\/product\/([\w-]+)\/?$/.exec(path)?.[1];
    const product = slug ? findBySlug(slug) : null;
    if (product) return page(ctx, productPage(session, product));
    if (path === '/woo-blocks/') return page(ctx, blocksShopPage(session, origin), 'blocks');
    if (path === '/woo-blocks/cart/') return page(ctx, blocksCartPage(session, origin), 'blocks');
    return null;
  }

  /** Test-only: sets an order's creation time `minutes` back (the order read's 10-minute rule). @param {Context} ctx @returns {Reply | null} */
  function testRoutes(ctx) {
    const aged = /^\/woo\/__test\/orders\/(\d+)\/age$/.exec(ctx.path);
    if (!aged || ctx.method !== 'POST') return null;
    const order = orders.get(Number(aged[1]));
    if (!order) return json({ error: 'no such order' }, 404);
    order.createdAt = now() - Number(ctx.query.get('minutes') ?? 0) * 60_000;
    return json({ id: order.id, createdAt: order.createdAt });
  }

  /** @param {Context} ctx @returns {Reply} */
  function route(ctx) {
    const restRoute = ctx.query.get('rest_route') ?? (ctx.path.startsWith('/wp-json') ? ctx.path.slice('/wp-json'.length) : null);
    if (ctx.path.startsWith('/wp-json') && ctx.session.settings.permalinks === 'plain') return notFound(ctx);
    if (restRoute !== null) return rest(ctx, restRoute);
    const endpoint = ctx.query.get('wc-ajax');
    if (endpoint) return wcAjax(ctx, endpoint);
    return testRoutes(ctx) ?? addToCartAction(ctx) ?? cartAction(ctx) ?? checkoutAction(ctx) ?? pages(ctx) ?? notFound(ctx);
  }

  /** @param {Context} ctx */
  const notFound = (ctx) =>
    page(
      ctx,
      { title: 'Page not found', bodyClass: 'error404', content: html`<h1 class="page-title">Oops! That page can&rsquo;t be found.</h1>` },
      'classic',
      404,
    );

  /**
   * Answers the store's requests; resolves false for any other.
   * @param {Request} req @param {Response} res @param {URL} url
   */
  return async function handleWoo(req, res, url) {
    if (!isWooRequest(url.pathname, url.searchParams)) return false;
    const cookies = parseCookies(req.headers.cookie);
    const { session, setCookie } = sessions.sessionOf(cookies);
    applySettingFlags(session.settings, url.searchParams);
    const method = req.method ?? 'GET';
    let form = null;
    let body;
    if (method === 'POST') {
      const raw = (await readBody(req, MAX_BODY_BYTES)).raw ?? '';
      const contentType = String(req.headers['content-type'] ?? '');
      if (contentType.includes('json')) body = parseJson(raw);
      else form = formFields(raw, contentType);
    }
    const origin = `http://${requestHostname(req, host)}:${req.socket.localPort}`;
    /** @type {Context} */
    const ctx = { url, path: url.pathname, query: url.searchParams, method, session, origin, form, json: body, headers: req.headers };
    const reply = route(ctx);
    const cookiesOut = [...(setCookie ? [setCookie] : []), ...cartCookies(session, cookies)];
    res.writeHead(reply.status, {
      'cache-control': 'no-store',
      ...reply.headers,
      ...(cookiesOut.length ? { 'set-cookie': cookiesOut } : {}),
    });
    res.end(method === 'HEAD' ? undefined : reply.body);
    return true;
  };
}
