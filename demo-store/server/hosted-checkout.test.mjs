// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { COMPANY_KEY, startDemo } from '../demo.mjs';
import { SIGNATURE_HEADER, signWebhook } from './payment-provider.mjs';

const SECRET = 'test-webhook-secret';
const VISITOR = { user: 'user-fp-1', faq: 'faq-fp-1' };
const KETTLE_LINES = JSON.stringify([{ id: 'EO-KETTLE-01', quantity: 2 }]);
/** The checkout the server entry must send for two kettles. */
const kettlesBody = (/** @type {string} */ orderId) => ({
  company_key: COMPANY_KEY,
  user_fingerprint: VISITOR.user,
  user_faq_fingerprint: VISITOR.faq,
  value: 139.8,
  currency: 'USD',
  orderId,
  order_id: orderId,
  line_items: [{ product_id: 'EO-KETTLE-01', product_name: 'Gooseneck Kettle', quantity: 2, value: 139.8, currency: 'USD' }],
});

/** @type {Awaited<ReturnType<typeof startDemo>>[]} */ const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((demo) => demo.close()));
});

/** A demo whose log lines are kept; `chatted`: the visitor has an active ticket, as after a chat. */
async function start({ chatted = true } = {}) {
  /** @type {string[]} */ const log = [];
  const demo = await startDemo({ paymentSecret: SECRET, log: (line) => log.push(line) });
  running.push(demo);
  if (chatted) demo.sandbox.openTicket({ company_key: COMPANY_KEY, user_fingerprint: VISITOR.user, user_faq_fingerprint: VISITOR.faq });
  return { demo, log };
}

/**
 * Posts the checkout form as the browser would, the SDK's two fields filled unless `handedOver` is false.
 * @param {Awaited<ReturnType<typeof startDemo>>} demo
 */
function postCheckout(demo, { lines = KETTLE_LINES, handedOver = true } = {}) {
  const form = new URLSearchParams({ email: 'ada@example.com', name: 'Ada Lovelace', lines });
  if (handedOver) {
    form.set('alhena_user_fingerprint', VISITOR.user);
    form.set('alhena_faq_fingerprint', VISITOR.faq);
  }
  return fetch(`${demo.shopUrl}hosted/checkout`, { method: 'POST', body: form, redirect: 'manual' });
}

/** Checks out; the provider's payment page and the order id it shows. @param {Awaited<ReturnType<typeof startDemo>>} demo */
async function pendingOrder(demo, options = {}) {
  const paymentPage = /** @type {string} */ ((await postCheckout(demo, options)).headers.get('location'));
  const html = await (await fetch(paymentPage)).text();
  return { paymentPage, orderId: /** @type {string} */ (/data-order-id>(ORD-[0-9A-Z]{6})</.exec(html)?.[1]) };
}

/** Checks out and presses Pay on the provider's page. @param {Awaited<ReturnType<typeof startDemo>>} demo */
async function checkoutAndPay(demo, options = {}) {
  const { paymentPage, orderId } = await pendingOrder(demo, options);
  const paid = await fetch(paymentPage, { method: 'POST', redirect: 'manual' });
  return { paymentPage, orderId, paid, thankYou: new URL(/** @type {string} */ (paid.headers.get('location'))) };
}

const orderOf = async (/** @type {Awaited<ReturnType<typeof startDemo>>} */ demo, /** @type {string} */ id) =>
  (await fetch(`${demo.shopUrl}hosted/orders/${id}`)).json();
const checkouts = (/** @type {Awaited<ReturnType<typeof startDemo>>} */ demo) =>
  demo.sandbox.requests().filter((record) => record.endpoint === 'checkout');
/** Until the order's report is settled, as the thank-you page would see it. */
const reported = (/** @type {Awaited<ReturnType<typeof startDemo>>} */ demo, /** @type {string} */ id) =>
  expect.poll(async () => (await orderOf(demo, id)).report?.status, { timeout: 5_000 });
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The provider's webhook for an order, signed with `secret`. */
function sendWebhook(/** @type {Awaited<ReturnType<typeof startDemo>>} */ demo, /** @type {string} */ orderId, secret = SECRET) {
  const body = JSON.stringify({
    type: 'checkout.session.completed',
    data: { object: { id: 'cs_test', client_reference_id: orderId, amount_total: 13980, currency: 'usd' } },
  });
  return fetch(`${demo.shopUrl}hosted/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(body, secret) },
    body,
  });
}

describe('the hosted checkout on the shop server', () => {
  it('makes a pending order from the checkout form and sends the shopper (303) to the payment page on another origin', async () => {
    const { demo } = await start();
    const answer = await postCheckout(demo);
    expect(answer.status).toBe(303);
    const location = new URL(/** @type {string} */ (answer.headers.get('location')));
    expect(location.origin).toBe(new URL(demo.paymentUrl).origin);
    expect(location.origin).not.toBe(new URL(demo.shopUrl).origin);

    const page = await (await fetch(location)).text();
    expect(page).toContain('Payment provider (demo)');
    expect(page).toMatch(/data-amount>\$139\.80</);
    const orderId = /** @type {string} */ (/data-order-id>(ORD-[0-9A-Z]{6})</.exec(page)?.[1]);
    expect(await orderOf(demo, orderId)).toMatchObject({ id: orderId, state: 'pending', value: 139.8, currency: 'USD' });
    expect(demo.sandbox.requests()).toEqual([]);
  });

  it('reports the paid order once, from the server, with the handed-over fingerprints, and sends the shopper back', async () => {
    const { demo, log } = await start();
    const { paid, thankYou, orderId } = await checkoutAndPay(demo);
    expect(paid.status).toBe(303);
    expect(thankYou.href).toBe(`${demo.shopUrl}hosted/order.html?id=${orderId}`);

    await reported(demo, orderId).toBe('recorded');
    const [record, ...more] = checkouts(demo);
    expect(more).toEqual([]);
    expect(record).toMatchObject({ origin: null, body: kettlesBody(orderId), answer: { status: 200 } });
    expect(await orderOf(demo, orderId)).toMatchObject({ state: 'paid', report: { status: 'recorded', attempts: 1 } });
    expect(log).toContain(`order ${orderId} paid; reported to Alhena: recorded (1 attempt)`);
  });

  it('reports nothing more when the webhook comes again, or the shopper pays twice', async () => {
    const { demo, log } = await start();
    const { paymentPage, orderId } = await checkoutAndPay(demo);
    await reported(demo, orderId).toBe('recorded');

    expect((await sendWebhook(demo, orderId)).status).toBe(200);
    expect((await fetch(paymentPage, { method: 'POST', redirect: 'manual' })).status).toBe(303);
    await sleep(300);
    expect(checkouts(demo).map((record) => record.body)).toEqual([kettlesBody(orderId)]);
    expect(log).toContain(`order ${orderId}: payment webhook delivered again; already paid, not reported again`);
  });

  it('refuses a webhook that the provider did not sign, and reports only the signed one', async () => {
    const { demo } = await start();
    const { orderId } = await pendingOrder(demo);
    expect((await sendWebhook(demo, orderId, 'not-the-secret')).status).toBe(400);
    await sleep(300);
    expect(checkouts(demo)).toEqual([]);
    expect(await orderOf(demo, orderId)).toMatchObject({ state: 'pending' });

    expect((await sendWebhook(demo, orderId)).status).toBe(200);
    await reported(demo, orderId).toBe('recorded');
    expect(checkouts(demo).map((record) => record.body)).toEqual([kettlesBody(orderId)]);
  });

  it('pays but does not report an order whose form carried no fingerprints, and logs why', async () => {
    const { demo, log } = await start();
    const { orderId } = await checkoutAndPay(demo, { handedOver: false });
    await reported(demo, orderId).toBe('skipped');
    expect(await orderOf(demo, orderId)).toMatchObject({ state: 'paid' });
    expect(
      log.find((line) => line.startsWith(`order ${orderId} paid; not reported to Alhena: alhena_user_fingerprint is missing`)),
    ).toBeTruthy();

    const handedOver = await checkoutAndPay(demo);
    await reported(demo, handedOver.orderId).toBe('recorded');
    expect(checkouts(demo).map((record) => record.body)).toEqual([kettlesBody(handedOver.orderId)]);
  });

  it('reports the order of a visitor who did not chat, and the API answers ACTIVE_TICKET_NOT_FOUND: not attributed', async () => {
    const { demo, log } = await start({ chatted: false });
    const { orderId } = await checkoutAndPay(demo);
    await reported(demo, orderId).toBe('not_attributed');
    expect(checkouts(demo)).toMatchObject([
      { origin: null, body: kettlesBody(orderId), answer: { status: 404, body: { error_code: 'ACTIVE_TICKET_NOT_FOUND' } } },
    ]);
    expect(log).toContain(`order ${orderId} paid; reported to Alhena: not_attributed ACTIVE_TICKET_NOT_FOUND (1 attempt)`);
    expect(demo.sandbox.summary()).toMatchObject({ orders: 0, revenue: 0 });
  });

  it.each([
    ['no lines', '[]'],
    ['an unknown product', '[{"id":"EO-NOPE","quantity":1}]'],
    ['a quantity of 0', '[{"id":"EO-KETTLE-01","quantity":0}]'],
    ['lines that are not JSON', 'EO-KETTLE-01'],
  ])('refuses a checkout with %s (400) and opens no payment', async (_, lines) => {
    const { demo } = await start();
    const answer = await postCheckout(demo, { lines });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('location')).toBeNull();
  });
});
