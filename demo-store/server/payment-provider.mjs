// The stand-in payment provider (what Stripe Checkout or PayPal is to a store): its own origin, where the
// shopper pays. The shop's server opens a session for an order (server to server), the shopper pays on
// the session's page, the provider tells the shop's server by a signed webhook, then sends the shopper back.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parseJson, readBody } from '../../sandbox/index.mjs';
import { html } from '../shop/js/html.js';
import { DEMO_ROOT } from './paths.mjs';
import { requestHostname, sendFile, sendText } from './static-files.mjs';

/** The webhook's signature header: an HMAC of the raw body, as Stripe's `Stripe-Signature` is. */
export const SIGNATURE_HEADER = 'payment-signature';
const MAX_BODY_BYTES = 16 * 1024;
const WEBHOOK_TIMEOUT_MS = 5_000;

/**
 * @typedef {{ orderId: string, amount: number, currency: string, merchant: string, successUrl: string, cancelUrl: string }} SessionRequest
 *   `amount` in the currency's units (139.8); the URLs are where the shopper goes after paying or cancelling.
 * @typedef {SessionRequest & { id: string, state: 'open' | 'paid' }} Session
 * @typedef {{ secret: string, webhookUrl: () => string, log?: (line: string) => void }} PaymentProviderOptions
 *   `secret` signs the webhooks; `webhookUrl` is read per payment: the shop's server may start after the provider.
 */

/** HMAC-SHA256 of the raw body with the shared secret, in hex. @param {string} body @param {string} secret */
export const signWebhook = (body, secret) => createHmac('sha256', secret).update(body).digest('hex');

/**
 * Whether `signature` is the body's, compared in constant time (a store checks this before trusting a webhook).
 * @param {string} body @param {unknown} signature @param {string} secret
 */
export function verifyWebhook(body, signature, secret) {
  const expected = Buffer.from(signWebhook(body, secret));
  const given = Buffer.from(typeof signature === 'string' ? signature : '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const isUrl = (/** @type {unknown} */ url) => typeof url === 'string' && /^https?:\/\/[^\s]+$/.test(url);
const money = (/** @type {Session} */ s) => new Intl.NumberFormat('en-US', { style: 'currency', currency: s.currency }).format(s.amount);

/** The session a shop asked for, or null when a field is missing or odd. @param {unknown} body @returns {SessionRequest | null} */
function readSessionRequest(body) {
  const b = /** @type {Record<string, unknown>} */ (body ?? {});
  const ok =
    typeof b.orderId === 'string' &&
    typeof b.merchant === 'string' &&
    typeof b.amount === 'number' &&
    b.amount > 0 &&
    typeof b.currency === 'string' &&
    /^[A-Z]{3}$/.test(b.currency) &&
    isUrl(b.successUrl) &&
    isUrl(b.cancelUrl);
  if (!ok) return null;
  const { orderId, amount, currency, merchant, successUrl, cancelUrl } = /** @type {SessionRequest} */ (b);
  return { orderId, amount, currency, merchant, successUrl, cancelUrl };
}

/** The payment page: who asks, how much, Pay and Cancel. @param {Session} session */
const paymentPage = (session) => html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Pay ${session.merchant} · Payment provider (demo)</title>
  <link rel="stylesheet" href="/payment.css">
  <style>
    .provider { padding: 14px 24px; background: #1f3a5f; color: #fff; font-weight: 600; }
    .pay { max-width: 420px; margin: 48px auto; position: static; text-align: center; }
    .pay [data-order-id] { white-space: nowrap; }
    .pay .amount { font: 600 40px var(--serif); margin: 8px 0 20px; }
    .pay .btn { background: #1f3a5f; }
    .pay .note { color: var(--ink-soft); font-size: 13px; margin-top: 20px; }
  </style>
</head>
<body>
  <header class="provider">Payment provider (demo)</header>
  <main class="summary pay">
    <p>${session.merchant} asks you to pay for order <strong data-order-id>${session.orderId}</strong></p>
    <p class="amount" data-amount>${money(session)}</p>
    ${
      session.state === 'paid'
        ? html`<p>Paid.</p><a class="btn btn-wide" href="${session.successUrl}">Back to ${session.merchant}</a>`
        : html`<form method="post" action="/pay/${session.id}"><button type="submit" class="btn btn-wide" data-pay>Pay ${money(session)}</button></form>
    <p><a class="muted-link" href="${session.cancelUrl}" data-cancel>Cancel and go back to ${session.merchant}</a></p>`
    }
    <p class="note">A stand-in for a hosted payment page: no card, nothing charged. <em>Pay</em> tells the shop’s server
      (a webhook, server to server), then sends you back to the shop.</p>
  </main>
</body>
</html>`;

/** The provider's own root: what this server is, for whoever opens the URL `npm start` prints. @param {string} shopUrl */
const homePage = (shopUrl) => html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Payment provider (demo)</title>
  <link rel="stylesheet" href="/payment.css">
  <style>
    .provider { padding: 14px 24px; background: #1f3a5f; color: #fff; font-weight: 600; }
    .about { max-width: 560px; margin: 48px auto; line-height: 1.5; }
  </style>
</head>
<body>
  <header class="provider">Payment provider (demo)</header>
  <main class="about">
    <h1>A stand-in payment provider</h1>
    <p>This server plays what Stripe Checkout or PayPal is to a store: the page on its own origin where the
      shopper pays, for the demo shop's <em>hosted checkout</em>. No card, nothing charged.</p>
    <p>The shop's server opens a payment session here (<code>POST /sessions</code>), the shopper pays on the
      session's page (<code>/pay/&lt;session&gt;</code>), and this server tells the shop's server by a signed
      webhook, which reports the order to Alhena from the server.</p>
    <p><a class="btn" href="${shopUrl}" data-shop>Try it: the hosted checkout shop</a></p>
  </main>
</body>
</html>`;

/** @param {PaymentProviderOptions} options */
export function createPaymentServer({ secret, webhookUrl, log = () => {} }) {
  /** @type {Map<string, Session>} */ const sessions = new Map();

  /** `checkout.session.completed`, shaped as Stripe's (amounts in cents), signed. @param {Session} session */
  async function notifyShop(session) {
    const object = {
      id: session.id,
      client_reference_id: session.orderId,
      amount_total: Math.round(session.amount * 100),
      currency: session.currency.toLowerCase(),
      payment_status: 'paid',
    };
    const body = JSON.stringify({ id: `evt_${randomUUID()}`, type: 'checkout.session.completed', data: { object } });
    const answer = await fetch(webhookUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(body, secret) },
      body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    if (!answer.ok) throw new Error(`the shop answered ${answer.status}`);
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function openSession(req, res) {
    const { raw } = await readBody(req, MAX_BODY_BYTES);
    const request = readSessionRequest(raw === null ? null : parseJson(raw));
    if (!request) return sendText(res, 400, 'A session needs orderId, merchant, amount > 0, a currency, successUrl and cancelUrl');
    const session = { ...request, id: `cs_${randomUUID().replaceAll('-', '')}`, state: /** @type {const} */ ('open') };
    sessions.set(session.id, session);
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: session.id, path: `/pay/${session.id}` }));
  }

  /** Pay: the webhook first (a real provider does not wait; waiting makes the demo's thank-you page certain), then back. */
  async function pay(/** @type {Session} */ session, /** @type {import('node:http').ServerResponse} */ res) {
    if (session.state === 'open') {
      session.state = 'paid';
      await notifyShop(session).catch((error) => log(`payment ${session.id}: webhook not delivered: ${error.message}`));
    }
    res.writeHead(303, { location: session.successUrl }).end();
  }

  return createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? '/', 'http://payment').pathname;
      const session = path.startsWith('/pay/') ? sessions.get(path.slice('/pay/'.length)) : undefined;
      if (req.method === 'POST' && path === '/sessions') return await openSession(req, res);
      if (req.method === 'POST' && session) return await pay(session, res);
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
      if (session) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return void res.end(req.method === 'HEAD' ? undefined : String(paymentPage(session)));
      }
      if (path === '/' || path === '/index.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        // The shop under the name the browser used for this server (localhost, as `npm start` prints it).
        const shop = new URL('/hosted/', webhookUrl());
        shop.hostname = requestHostname(req, shop.hostname);
        return void res.end(req.method === 'HEAD' ? undefined : String(homePage(shop.href)));
      }
      if (path === '/payment.css' && (await sendFile(req, res, join(DEMO_ROOT, 'shop/css/shop.css')))) return;
      if (path === '/favicon.ico') return void res.writeHead(204).end();
      sendText(res, 404, path.startsWith('/pay/') ? 'No such payment session' : `Not found: ${path}`);
    } catch {
      sendText(res, 500, 'Payment provider failure');
    }
  });
}
