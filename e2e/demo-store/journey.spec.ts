import type { Page } from '@playwright/test';
import {
  answered,
  type Body,
  type Demo,
  errorCodeOf,
  expect,
  flush,
  gmvOf,
  openDashboard,
  outline,
  revenueOf,
  screenshot,
  statusOf,
  test,
} from './fixtures';
import { fullJourney } from './journey';

/** Waits for `count` answered requests, then for the SDK to be idle, and returns every request. */
async function settled(demo: Demo, page: Page, count: number) {
  await expect.poll(() => answered(demo).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(count);
  await flush(page);
  return demo.sandbox.requests();
}

const bodiesOf = (records: ReturnType<Demo['sandbox']['requests']>) => records.map((r) => r.body as Body);

const metric = (dashboard: Page, name: string) => dashboard.locator(`[data-metric="${name}"]`).first();

test('(Chromium only: the README’s screenshots, and the SDK drawer’s outcomes) after a chat, the journey’s five events in order, the live dashboard’s GMV and revenue, the thank-you page reloaded', async ({
  page,
  context,
  demo,
}) => {
  const dashboard = await openDashboard(context, demo);
  await page.setViewportSize({ width: 1280, height: 860 });

  const { expected } = await fullJourney(page, demo, 'script-tag', { chatFirst: true, shoot: (step) => screenshot(page, `shop-${step}`) });

  const records = await settled(demo, page, expected.length);
  expect(outline(bodiesOf(records))).toEqual(outline(expected));
  expect(bodiesOf(records)).toStrictEqual(expected);
  expect(records.map(statusOf)).toEqual(expected.map(() => 200));
  // The checkout's outcome as the SDK reported it to the page (onEvent), in the demo's drawer.
  await page.locator('.outcomes summary').click();
  await expect(page.locator('.outcomes .outcome-recorded')).not.toHaveCount(0);
  expect(await page.evaluate(() => window.demoOutcomes.errors), 'onError reports').toEqual([]);
  await screenshot(page, 'shop-order-sdk-drawer');

  const gmv = gmvOf(expected);
  const revenue = revenueOf(expected);
  expect(demo.sandbox.summary()).toMatchObject({ addToCartGmv: gmv, revenue, orders: 1, carts: 1 });
  await expect(metric(dashboard, 'gmv')).toHaveAttribute('data-value', String(gmv));
  await expect(metric(dashboard, 'revenue')).toHaveAttribute('data-value', String(revenue));
  await expect(metric(dashboard, 'orders')).toHaveAttribute('data-value', '1');
  await expect(metric(dashboard, 'carts')).toHaveAttribute('data-value', '1');
  await expect(dashboard.locator('tr[data-seq]')).toHaveCount(expected.length);
  await expect(dashboard.locator('tr[data-kind="ok"]')).toHaveCount(expected.length);
  await screenshot(dashboard, 'dashboard');

  // The thank-you page reloaded: the order is not sent again.
  await page.reload();
  await expect(page.locator('[data-order-id]')).toBeVisible();
  await flush(page);
  expect(bodiesOf(demo.sandbox.requests())).toStrictEqual(expected);
});

test('without a chat, the same journey sends the same events, answered ACTIVE_TICKET_NOT_FOUND: not attributed, no revenue', async ({
  page,
  context,
  demo,
}) => {
  const { expected } = await fullJourney(page, demo, 'script-tag', { chatFirst: false });

  const records = await settled(demo, page, expected.length);
  expect(bodiesOf(records)).toStrictEqual(expected);
  expect(records.map((r) => [statusOf(r), errorCodeOf(r)])).toEqual(expected.map(() => [404, 'ACTIVE_TICKET_NOT_FOUND']));
  // What the SDK told the page about the checkout (its onEvent feeds the demo's drawer).
  await expect.poll(() => page.evaluate(() => window.demoOutcomes.results.map((r) => r.status))).toContain('not_attributed');
  expect(await page.evaluate(() => window.demoOutcomes.results.map((r) => r.status))).not.toContain('recorded');

  expect(demo.sandbox.summary()).toMatchObject({ addToCartGmv: 0, revenue: 0, orders: 0, carts: 0 });
  const dashboard = await openDashboard(context, demo);
  await expect(dashboard.locator('tr[data-kind="not-attributed"]')).toHaveCount(expected.length);
  await expect(dashboard.locator('[data-count="not-attributed"]')).toHaveText(String(expected.length));
  await expect(metric(dashboard, 'revenue')).toHaveAttribute('data-value', '0');
  await expect(metric(dashboard, 'gmv')).toHaveAttribute('data-value', '0');
  await screenshot(dashboard, 'dashboard-not-attributed');
});
