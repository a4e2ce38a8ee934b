// The shop server's side of the hosted checkout (/hosted/): the checkout form's POST makes a pending order
// and sends the shopper to the payment provider; the provider's webhook marks it paid, and the shop's server
// reports it to Alhena through the SDK's server entry, with the fingerprints the form handed over.
import { parseJson, readBody } from '../../sandbox/index.mjs';
import { findProduct, SHOP_NAME, toMoney } from '../shop/js/catalog.js';
import { orderFrom } from '../shop/js/orders.js';
import { SIGNATURE_HEADER, verifyWebhook } from './payment-provider.mjs';
import { localOrigin, requestHostname, sendText } from './static-files.mjs';

const MAX_BODY_BYTES = 64 * 1024;
const MAX_LINES = 50;
const MAX_QUANTITY = 999;

/**
 * @typedef {import('@alhena/cart-events/server').ReadFingerprints} ReadFingerprints
 * @typedef {{ status: string, code?: string, attempts?: number }} Report
 * @typedef {import('../shop/js/orders.js').Order & { state: 'pending' | 'paid', handoff: ReadFingerprints, report?: Report }} HostedOrder
 *   `handoff`: the fingerprints the checkout form carried, as readFingerprintFields read them.
 * @typedef {{
 *   companyKey: string,
 *   host: string,
 *   sandboxPort: () => number,
 *   paymentPort: () => number,
 *   paymentSecret: string,
 *   log?: (line: string) => void,
 * }} HostedCheckoutOptions
 * @typedef {import('node:http').IncomingMessage} Request
 * @typedef {import('node:http').ServerResponse} Response
 */

/** The posted `lines` field (`[{ "id": "EO-KETTLE-01", "quantity": 2 }]`) priced from the catalogue, or null. @param {string | null} text */
export function readCartLines(text) {
  const posted = parseJson(text ?? '');
  if (!Array.isArray(posted) || posted.length === 0 || posted.length > MAX_LINES) return null;
  const lines = [];
  for (const entry of posted) {
    const product = findProduct(entry?.id);
    const quantity = entry?.quantity;
    if (!product || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) return null;
    lines.push({ product, quantity, lineValue: toMoney(product.price * quantity) });
  }
  return lines;
}

/** The order as the server entry takes it. @param {HostedOrder} order */
const checkoutOf = (order) => ({
  orderId: order.id,
  value: order.value,
  currency: order.currency,
  lineItems: order.lines.map((line) => ({ productId: line.id, productName: line.name, quantity: line.quantity, value: line.lineValue })),
});

/** @param {Response} res @param {number} status @param {unknown} body */
const sendJson = (res, status, body) =>
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));

/** @param {HostedCheckoutOptions} options */
export function createHostedCheckout({ companyKey, host, sandboxPort, paymentPort, paymentSecret, log = () => {} }) {
  /** @type {Map<string, HostedOrder>} */ const orders = new Map();
  // Loaded on first use: `npm start` imports this module before it builds dist/.
  /** @type {Promise<typeof import('@alhena/cart-events/server')> | undefined} */ let serverEntry;
  /** @type {Promise<import('@alhena/cart-events/server').ServerClient> | undefined} */ let client;
  const sdk = () => (serverEntry ??= import('@alhena/cart-events/server'));
  const alhena = () =>
    (client ??= sdk().then(({ createServerClient }) => createServerClient({ companyKey, apiBaseUrl: localOrigin(host, sandboxPort()) })));

  /** The provider's session for the order (server to server, as `stripe.checkout.sessions.create`). @param {HostedOrder} order @param {string} shopOrigin */
  async function openPaymentSession(order, shopOrigin) {
    const answer = await fetch(`${localOrigin(host, paymentPort())}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        orderId: order.id,
        amount: order.value,
        currency: order.currency,
        merchant: SHOP_NAME,
        successUrl: `${shopOrigin}/hosted/order.html?id=${encodeURIComponent(order.id)}`,
        cancelUrl: `${shopOrigin}/hosted/checkout.html`,
      }),
    });
    if (!answer.ok) throw new Error(`the payment provider answered ${answer.status}`);
    return /** @type {{ id: string, path: string }} */ (await answer.json());
  }

  /** POST /hosted/checkout: the checkout form, with the cart and the fingerprints the SDK filled in. @param {Request} req @param {Response} res */
  async function startCheckout(req, res) {
    const { raw } = await readBody(req, MAX_BODY_BYTES);
    const form = new URLSearchParams(raw ?? '');
    const lines = readCartLines(form.get('lines'));
    if (!lines) return sendText(res, 400, 'The cart is empty or holds an unknown product: go back to the cart.');
    const customer = { name: (form.get('name') ?? '').slice(0, 200), email: (form.get('email') ?? '').slice(0, 200) };
    const handoff = (await sdk()).readFingerprintFields(raw ?? '');
    /** @type {HostedOrder} */ const order = { ...orderFrom(lines, customer), state: 'pending', handoff };
    orders.set(order.id, order);
    const hostname = requestHostname(req, host);
    const session = await openPaymentSession(order, `http://${hostname}:${req.socket.localPort}`).catch((error) => {
      log(`order ${order.id}: no payment session: ${error.message}`);
      return null;
    });
    if (!session) return sendText(res, 502, 'The payment provider cannot be reached; try again in a moment.');
    log(`order ${order.id} ${order.value} ${order.currency} pending; shopper sent to the payment provider`);
    res.writeHead(303, { location: `http://${hostname}:${paymentPort()}${session.path}` }).end();
  }

  /** Reports a paid order, or says why not; never throws. @param {HostedOrder} order */
  async function report(order) {
    if (!order.handoff.ok) {
      order.report = { status: 'skipped', code: 'NO_FINGERPRINTS' };
      const why = order.handoff.issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
      return log(`order ${order.id} paid; not reported to Alhena: ${why}`);
    }
    try {
      const result = await (await alhena()).trackCheckout(checkoutOf(order), order.handoff.fingerprints);
      order.report = { status: result.status, code: result.code, attempts: result.attempts };
      const attempts = `${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`;
      log(`order ${order.id} paid; reported to Alhena: ${result.status}${result.code ? ` ${result.code}` : ''} (${attempts})`);
    } catch (error) {
      order.report = { status: 'failed', code: 'ERROR' };
      log(`order ${order.id} paid; reporting to Alhena failed: ${/** @type {Error} */ (error).message}`);
    }
  }

  /**
   * POST /hosted/webhook: the provider's `checkout.session.completed`, signed. Answers at once and reports
   * afterwards (a provider wants a quick 2xx); a second delivery of the same payment reports nothing.
   * @param {Request} req @param {Response} res
   */
  async function receiveWebhook(req, res) {
    const { raw } = await readBody(req, MAX_BODY_BYTES);
    if (raw === null || !verifyWebhook(raw, req.headers[SIGNATURE_HEADER], paymentSecret)) return sendText(res, 400, 'Bad signature');
    const event = /** @type {any} */ (parseJson(raw));
    if (event?.type !== 'checkout.session.completed') return sendJson(res, 200, { received: true, ignored: true });
    const session = event.data?.object;
    const order = orders.get(session?.client_reference_id);
    if (!order) return sendText(res, 404, 'No such order');
    if (session.amount_total !== Math.round(order.value * 100)) return sendText(res, 400, 'The amount paid is not the order’s');
    if (order.state === 'paid') {
      log(`order ${order.id}: payment webhook delivered again; already paid, not reported again`);
      return sendJson(res, 200, { received: true });
    }
    order.state = 'paid';
    sendJson(res, 200, { received: true });
    void report(order);
  }

  /** GET /hosted/orders/<id>: what the thank-you page shows. @param {Response} res @param {string} id */
  function sendOrder(res, id) {
    const order = orders.get(id);
    if (!order) return sendText(res, 404, 'No such order');
    const { handoff, ...shown } = order;
    sendJson(res, 200, shown);
  }

  /**
   * Handles the hosted checkout's own routes; resolves false for any other request.
   * @param {Request} req @param {Response} res @param {string} path decoded
   */
  return async function handleHostedCheckout(req, res, path) {
    if (req.method === 'POST' && path === '/hosted/checkout') await startCheckout(req, res);
    else if (req.method === 'POST' && path === '/hosted/webhook') await receiveWebhook(req, res);
    else if (req.method === 'GET' && path.startsWith('/hosted/orders/')) sendOrder(res, path.slice('/hosted/orders/'.length));
    else return false;
    return true;
  };
}
