import { startDemo } from '../../demo-store/demo.mjs';
import { formatPrice } from '../../demo-store/shop/js/catalog.js';
import {
  type Body,
  cartBody,
  checkoutBody,
  type Demo,
  gmvOf,
  homeUrl,
  outline,
  type Product,
  product,
  revenueOf,
} from '../demo-store/fixtures';
import {
  chat,
  dashboardMetric,
  demoRecords,
  expect,
  flushed,
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
const BEANS = product('EO-BEANS-01');

const cartCount = async (tab: Tab) => Number(await textOf(tab, '[data-cart-count]'));

/** The journey through the script-tag shop, with real clicks and typing: chat, add two, change one, remove one, order. */
async function shopAfterChat(tab: Tab, demo: Demo) {
  await tab.goto(homeUrl(demo, 'script-tag'));
  const visitor = await widgetVisitor(tab);
  await chat(tab, 'Which beans for espresso?');

  const add = async (p: Product) => {
    const before = await cartCount(tab);
    await tab.click(`.card [data-shop-action="add"][data-sku="${p.id}"]`);
    await waitForText(tab, '[data-cart-count]', String(before + 1));
  };
  await add(KETTLE);
  await tab.click(`.card-title a[href*="${BEANS.id}"]`);
  await waitForText(tab, '.product-info h1', BEANS.name);
  await tab.fill('form.buy input[name="quantity"]', '2');
  await tab.click('form.buy button[type="submit"]');
  await waitForText(tab, '[data-cart-count]', '3');

  await tab.click('.cart-link');
  await waitForText(tab, 'h1.page-title', 'Your cart');
  await tab.click(`li.line [data-shop-action="increase"][data-sku="${KETTLE.id}"]`);
  await waitForText(tab, `li.line:has([data-sku="${KETTLE.id}"]) .line-total`, formatPrice(KETTLE.price * 2));
  await tab.click(`li.line [data-shop-action="remove"][data-sku="${BEANS.id}"]`);
  await expect.poll(() => textOf(tab, `li.line [data-sku="${BEANS.id}"]`)).toBeNull();

  await tab.click('aside.summary a.btn-wide');
  await waitForText(tab, 'h1.page-title', 'Checkout');
  await tab.click('form.checkout-form button[type="submit"]');
  await waitForText(tab, '[data-order-id]', /^ORD-/);
  const orderId = (await textOf(tab, '[data-order-id]')) as string;
  return [
    cartBody(visitor, 'ITEM_ADDED', KETTLE, 1),
    cartBody(visitor, 'ITEM_ADDED', BEANS, 2),
    cartBody(visitor, 'QUANTITY_INCREASED', KETTLE, 2),
    cartBody(visitor, 'ITEM_REMOVED', BEANS, 0),
    checkoutBody(visitor, orderId, [[KETTLE, 2]]),
  ];
}

test('J12 the demo store after a chat: its five events, in order, and the dashboard’s figures', async ({ visitor }) => {
  const demo = await startDemo();
  try {
    const shop = await visitor.newTab();
    const expected: Body[] = await shopAfterChat(shop, demo);

    const records = await demoRecords(shop, demo, expected.length);
    expect(outline(records.map((r) => r.body as Body))).toEqual(outline(expected));
    expect(records.map((r) => r.body)).toStrictEqual(expected);
    expect(records.map(statusOf)).toEqual(expected.map(() => 200));

    const gmv = gmvOf(expected);
    const revenue = revenueOf(expected);
    expect(demo.sandbox.summary()).toMatchObject({ addToCartGmv: gmv, revenue, orders: 1, carts: 1 });
    const dashboard = await visitor.newTab();
    await openDashboard(dashboard, demo);
    await expect.poll(() => dashboardMetric(dashboard, 'gmv')).toBe(String(gmv));
    expect(await dashboardMetric(dashboard, 'revenue')).toBe(String(revenue));
    expect(await dashboardMetric(dashboard, 'orders')).toBe('1');
    expect(await dashboardMetric(dashboard, 'carts')).toBe('1');
    expect(await dashboard.evaluate(() => document.querySelectorAll('tr[data-kind="ok"]').length)).toBe(expected.length);

    // The thank-you page reloaded: the order is not sent again.
    await shop.reload();
    await waitForPage(shop, 'the order page', () => document.querySelector('[data-order-id]') !== null);
    await flushed(shop);
    await sleep(500);
    expect(demo.sandbox.requests()).toHaveLength(expected.length);
  } finally {
    await demo.close();
  }
});
