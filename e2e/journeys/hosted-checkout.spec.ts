import { startDemo } from '../../demo-store/demo.mjs';
import { formatPrice } from '../../demo-store/shop/js/catalog.js';
import { type Body, cartBody, checkoutBody, type Demo, errorCodeOf, outline, product, type Visitor } from '../demo-store/fixtures';
import {
  chat,
  demoRecords,
  expect,
  flushed,
  dashboardMetric as metric,
  openDashboard,
  sleep,
  statusOf,
  type Tab,
  test,
  textOf,
  waitForPage,
  waitForText,
  widgetVisitor,
} from './fixtures';

const KETTLE = product('EO-KETTLE-01');

const originOf = (url: string) => new URL(url).origin;

/**
 * The hosted checkout's journey with real clicks: (chat,) add the kettle, check out through the form, pay on
 * the provider's origin, land on the thank-you page. Returns the bodies the sandbox must have received.
 */
async function shopAndPayElsewhere(tab: Tab, demo: Demo, { chatFirst }: { chatFirst: boolean }) {
  await tab.goto(`${demo.shopUrl}hosted/`);
  const visitor: Visitor = await widgetVisitor(tab);
  if (chatFirst) await chat(tab, 'Which kettle for pour-over?');

  await tab.click(`.card [data-shop-action="add"][data-sku="${KETTLE.id}"]`);
  await waitForText(tab, '[data-cart-count]', '1');
  await tab.click('.cart-link');
  await waitForText(tab, 'h1.page-title', 'Your cart');
  await tab.click('aside.summary a.btn-wide');
  await waitForText(tab, 'h1.page-title', 'Checkout');
  await tab.click('form.checkout-form button[type="submit"]');

  await waitForPage(tab, 'the payment provider’s page', () => document.querySelector('[data-pay]') !== null);
  expect(originOf(await tab.url())).toBe(originOf(demo.paymentUrl));
  expect(await textOf(tab, '.provider')).toBe('Payment provider (demo)');
  expect(await textOf(tab, '[data-amount]')).toBe(formatPrice(KETTLE.price));
  const orderId = (await textOf(tab, '[data-order-id]')) as string;
  expect(orderId).toMatch(/^ORD-[0-9A-Z]{6}$/);

  await tab.click('[data-pay]');
  await waitForPage(tab, 'the thank-you page', () => document.querySelector('[data-reported-by="server"]') !== null);
  expect(await tab.url()).toBe(`${demo.shopUrl}hosted/order.html?id=${orderId}`);
  expect(await textOf(tab, '.confirmation [data-order-id]')).toBe(orderId);
  // No order markup for the browser to report; the shop's cart is empty.
  expect(await tab.evaluate(() => document.querySelectorAll('[data-alhena-order], [data-alhena-line-item]').length)).toBe(0);
  expect(await textOf(tab, '[data-cart-count]')).toBe('0');
  return { visitor, orderId, expected: [cartBody(visitor, 'ITEM_ADDED', KETTLE, 1), checkoutBody(visitor, orderId, [[KETTLE, 1]])] };
}

/** Where each request came from: the shop's pages (its Origin header) or a server (no Origin header). */
const sources = (records: { origin: string | null }[], demo: Demo) =>
  records.map((r) => (r.origin === originOf(demo.shopUrl) ? 'browser' : r.origin === null ? 'server' : r.origin));

test('J15 hosted checkout after a chat: the cart events from the browser, the order from the shop’s server through the server entry, attributed; the dashboard’s figures', async ({
  visitor,
}) => {
  const demo = await startDemo();
  try {
    const shop = await visitor.newTab();
    const { orderId, expected } = await shopAndPayElsewhere(shop, demo, { chatFirst: true });

    const records = await demoRecords(shop, demo, expected.length);
    expect(outline(records.map((r) => r.body as Body))).toEqual(outline(expected));
    expect(records.map((r) => r.body)).toStrictEqual(expected);
    expect(sources(records, demo)).toEqual(['browser', 'server']);
    expect(records.map(statusOf)).toEqual([200, 200]);
    expect(demo.sandbox.summary()).toMatchObject({ orders: 1, revenue: KETTLE.price, carts: 1 });

    const dashboard = await visitor.newTab();
    await openDashboard(dashboard, demo);
    await expect.poll(() => metric(dashboard, 'revenue')).toBe(String(KETTLE.price));
    expect(await metric(dashboard, 'orders')).toBe('1');
    expect(await dashboard.evaluate(() => document.querySelectorAll('tr[data-kind="ok"]').length)).toBe(2);

    // The thank-you page reloaded: still nothing from the browser, and the server does not report again.
    // With data-orders-from="server", even a page that asked for it would not send an order from the browser.
    await shop.reload();
    await waitForPage(shop, 'the thank-you page', () => document.querySelector('[data-reported-by="server"]') !== null);
    const asked = await shop.evaluate(
      (id) =>
        window.alhenaCart
          .trackCheckout({
            orderId: id,
            value: 1,
            currency: 'USD',
            lineItems: [{ productId: 'x', productName: 'x', quantity: 1, value: 1 }],
          })
          .then((result) => [result.status, result.code ?? null]),
      orderId,
    );
    expect(asked).toEqual(['dropped', 'ORDERS_FROM_SERVER']);
    await flushed(shop);
    await sleep(500);
    expect(demo.sandbox.requests()).toHaveLength(expected.length);
  } finally {
    await demo.close();
  }
});

test('J15 hosted checkout without a chat: the server’s report is answered ACTIVE_TICKET_NOT_FOUND, nothing attributed', async ({
  visitor,
}) => {
  const demo = await startDemo();
  try {
    const shop = await visitor.newTab();
    const { expected } = await shopAndPayElsewhere(shop, demo, { chatFirst: false });

    const records = await demoRecords(shop, demo, expected.length);
    expect(records.map((r) => r.body)).toStrictEqual(expected);
    expect(sources(records, demo)).toEqual(['browser', 'server']);
    expect(records.map((r) => [statusOf(r), errorCodeOf(r)])).toEqual([
      [404, 'ACTIVE_TICKET_NOT_FOUND'],
      [404, 'ACTIVE_TICKET_NOT_FOUND'],
    ]);
    expect(demo.sandbox.summary()).toMatchObject({ orders: 0, revenue: 0, carts: 0 });

    const dashboard = await visitor.newTab();
    await openDashboard(dashboard, demo);
    await expect.poll(() => metric(dashboard, 'requests')).toBe('2');
    expect(await dashboard.evaluate(() => document.querySelectorAll('tr[data-kind="not-attributed"]').length)).toBe(2);
    expect(await metric(dashboard, 'revenue')).toBe('0');
    expect(await metric(dashboard, 'orders')).toBe('0');
  } finally {
    await demo.close();
  }
});
