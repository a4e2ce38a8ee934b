// The stand-in WooCommerce store's Store API routes (`/wc/store/v1/…`), as src/StoreApi/Routes/V1/ answers them:
// the cart read, the cart mutations that need the `Nonce` header (AbstractCartRoute.php check_nonce), the batch
// route (Batch.php, over WP_REST_Server::serve_batch_request_v1: 207 with a status per request) and one order.
import { addToCart, lineByKey, removeLine, setQuantity } from './woo-cart.mjs';
import { findPurchasable } from './woo-catalog.mjs';
import { cartResponse, orderResponse } from './woo-schemas.mjs';

/**
 * @typedef {import('./woo-cart.mjs').WooCart} WooCart
 * @typedef {import('./woo-schemas.mjs').WooOrder} WooOrder
 * @typedef {{ redirectToCart: boolean, ajaxAdd: boolean, cartScript: boolean, permalinks: 'pretty' | 'plain', orderEmail: 'grace' | 'always', debug: boolean }} WooSettings
 *   The store's settings for one visitor (test switches, woo-session.mjs): redirect to the cart after adding;
 *   AJAX add buttons; cart.js on the cart page; plain permalinks (`?rest_route=`); the order read's billing email
 *   rule; the SDK's debug mode.
 * @typedef {{ id: string, cart: WooCart, nonce: string, email: string, settings: WooSettings, notices: { type: string, text: string }[] }} WooSession
 *   `email`: the customer email the checkout left in the session.
 * @typedef {{ method: string, route: string, query: URLSearchParams, body: unknown, headers: Record<string, unknown> }} ApiRequest
 *   `route`: the REST route, `/wc/store/v1/cart`; header names in lower case.
 * @typedef {{ status: number, body: unknown, headers: Record<string, string> }} ApiResponse
 */

/** The grace period after an order is placed in which no email is asked for (Users.php should_user_verify_order_email). */
const ORDER_EMAIL_GRACE_MS = 10 * 60 * 1000;
const MAX_BATCH = 25;

/** A WP_Error as the REST API sends it. @param {string} code @param {string} message @param {number} status @returns {ApiResponse} */
const restError = (code, message, status) => ({ status, body: { code, message, data: { status } }, headers: {} });

/** @param {Record<string, unknown>} headers */
const nonceOf = (headers) => String(headers.nonce ?? headers['x-wc-store-api-nonce'] ?? '');

/** @param {unknown} body @returns {Record<string, unknown>} */
const fields = (body) => (body && typeof body === 'object' && !Array.isArray(body) ? /** @type {Record<string, unknown>} */ (body) : {});

/**
 * The post id an add-item body names: a variation's id directly, or a variable product's id with its attributes
 * (`variation: [{ attribute: 'Size', value: 'Large' }]`), resolved as CartController::get_variation_id_from_variation_data.
 * @param {Record<string, unknown>} body
 */
function addItemTarget(body) {
  const found = findPurchasable(body.id);
  const chosen = Array.isArray(body.variation) ? body.variation : [];
  if (!found || found.variation || found.product.type !== 'variable' || chosen.length === 0) return body.id;
  const wanted = chosen.map((v) => String(fields(v).value ?? '').toLowerCase());
  return found.product.variations?.find((v) => wanted.includes(v.value.toLowerCase()))?.id ?? body.id;
}

/**
 * The Store API for the stand-in store.
 * @param {{ orders: Map<number, WooOrder>, now?: () => number }} options
 */
export function createStoreApi({ orders, now = Date.now }) {
  /** @param {WooSession} session @param {string} origin @param {number} [status] @returns {ApiResponse} */
  const cartAnswer = (session, origin, status = 200) => ({ status, body: cartResponse(session.cart, origin), headers: {} });

  /** @param {WooSession} session @param {Record<string, unknown>} body @param {string} origin */
  function addItem(session, body, origin) {
    const added = addToCart(session.cart, addItemTarget(body), body.quantity ?? 1);
    if (!added.ok) return restError(added.code, added.message, 400);
    return cartAnswer(session, origin, 201);
  }

  /** @param {WooSession} session @param {Record<string, unknown>} body @param {string} origin */
  function updateItem(session, body, origin) {
    const quantity = Number(body.quantity);
    if (!lineByKey(session.cart, body.key))
      return restError('woocommerce_rest_cart_invalid_key', 'Cart item no longer exists or is invalid.', 409);
    if (!Number.isInteger(quantity) || quantity < 0) return restError('rest_invalid_param', 'Invalid parameter(s): quantity', 400);
    setQuantity(session.cart, body.key, quantity);
    return cartAnswer(session, origin);
  }

  /** @param {WooSession} session @param {Record<string, unknown>} body @param {string} origin */
  function removeItem(session, body, origin) {
    if (!removeLine(session.cart, body.key))
      return restError('woocommerce_rest_cart_invalid_key', 'Cart item no longer exists or is invalid.', 409);
    return cartAnswer(session, origin);
  }

  /**
   * GET /wc/store/v1/order/{id}: the order key always, and the billing email once the grace period is over
   * unless this session placed the order (Users.php should_user_verify_order_email); with the `always` rule,
   * the email every time, as OrderAuthorizationTrait.php does in the newest WooCommerce.
   * @param {WooSession} session @param {number} id @param {URLSearchParams} query @param {string} origin
   * @returns {ApiResponse}
   */
  function readOrder(session, id, query, origin) {
    const order = orders.get(id);
    if (!order) return restError('woocommerce_rest_invalid_order', 'Invalid order ID.', 404);
    if (query.get('key') !== order.key) return restError('woocommerce_rest_invalid_order', 'Invalid order ID or key provided.', 401);
    const email = query.get('billing_email') ?? '';
    const graceOver = now() - order.createdAt > ORDER_EMAIL_GRACE_MS;
    const mustVerify =
      session.settings.orderEmail === 'always' || (graceOver && session.email.toLowerCase() !== order.billingEmail.toLowerCase());
    if (mustVerify && !email) return restError('woocommerce_rest_invalid_billing_email', 'No billing email provided.', 401);
    if (mustVerify && email.toLowerCase() !== order.billingEmail.toLowerCase()) {
      return restError('woocommerce_rest_invalid_billing_email', 'Invalid billing email provided.', 401);
    }
    return { status: 200, body: orderResponse(order, origin), headers: {} };
  }

  /**
   * POST /wc/store/v1/batch: each request with its own headers (mutation-batcher.ts puts the Nonce in each);
   * a path outside `wc/store` refuses the whole batch (Batch.php get_response).
   * @param {WooSession} session @param {Record<string, unknown>} body @param {string} origin
   * @returns {ApiResponse}
   */
  function batch(session, body, origin) {
    const requests = body.requests;
    if (!Array.isArray(requests) || requests.length === 0)
      return restError('rest_missing_callback_param', 'Missing parameter(s): requests', 400);
    if (requests.length > MAX_BATCH) return restError('rest_invalid_param', 'Invalid parameter(s): requests', 400);
    if (requests.some((r) => !String(fields(r).path ?? '').includes('wc/store')))
      return restError('woocommerce_rest_invalid_path', 'Invalid path provided.', 400);
    const responses = requests.map((request) => {
      const { method = 'POST', path, body: inner, headers = {} } = fields(request);
      const url = new URL(String(path), 'http://batch');
      const lowered = Object.fromEntries(Object.entries(fields(headers)).map(([k, v]) => [k.toLowerCase(), v]));
      const answer = route(
        session,
        { method: String(method), route: url.pathname, query: url.searchParams, body: inner, headers: lowered },
        origin,
      );
      return { body: answer.body, status: answer.status, headers: answer.headers };
    });
    return { status: 207, body: { responses }, headers: {} };
  }

  /** @param {WooSession} session @param {ApiRequest} request @param {string} origin @returns {ApiResponse} */
  function route(session, { method, route: path, query, body, headers }, origin) {
    const mutation = method === 'POST' && /^\/wc\/store\/v1\/cart\/(add-item|update-item|remove-item)$/.exec(path);
    if (mutation) {
      const nonce = nonceOf(headers);
      if (!nonce)
        return restError('woocommerce_rest_missing_nonce', 'Missing the Nonce header. This endpoint requires a valid nonce.', 401);
      if (nonce !== session.nonce) return restError('woocommerce_rest_invalid_nonce', 'Nonce is invalid.', 403);
      const action = { 'add-item': addItem, 'update-item': updateItem, 'remove-item': removeItem }[mutation[1]];
      return /** @type {(s: WooSession, b: Record<string, unknown>, o: string) => ApiResponse} */ (action)(session, fields(body), origin);
    }
    if (method === 'GET' && path === '/wc/store/v1/cart') return cartAnswer(session, origin);
    if (method === 'POST' && path === '/wc/store/v1/batch') return batch(session, fields(body), origin);
    const order = /^\/wc\/store\/v1\/order\/(\d+)$/.exec(path);
    if (method === 'GET' && order) return readOrder(session, Number(order[1]), query, origin);
    return restError('rest_no_route', 'No route was found matching the URL and request method.', 404);
  }

  /**
   * Answers one REST request of the `wc/store` namespace, with the nonce headers every Store API answer carries
   * (Batch.php, AbstractCartRoute.php add_response_headers).
   * @param {WooSession} session @param {ApiRequest} request @param {string} origin @returns {ApiResponse}
   */
  return function handleStoreApi(session, request, origin) {
    const answer = route(session, request, origin);
    const timestamp = String(Math.floor(now() / 1000));
    return {
      ...answer,
      headers: {
        ...answer.headers,
        Nonce: session.nonce,
        'X-WC-Store-API-Nonce': session.nonce,
        'Nonce-Timestamp': timestamp,
        'User-ID': '0',
      },
    };
  };
}
