import type { Page } from '@playwright/test';
import {
  accepted,
  type Body,
  cartBody,
  type Demo,
  expect,
  flush,
  openDashboard,
  outline,
  screenshot,
  statusOf,
  test,
  visitorOf,
} from './fixtures';
import { addFromCatalogue, chat, closeChat, KETTLE, MUG, openShop } from './journey';

const FAILED_REQUESTS = 2;

/** Chats, then adds the kettle, the mug and the kettle again: three events. */
async function shop(page: Page, demo: Demo): Promise<Body[]> {
  await openShop(page, demo, 'script-tag');
  const visitor = await visitorOf(page);
  await chat(page);
  await closeChat(page);
  await addFromCatalogue(page, KETTLE);
  await addFromCatalogue(page, MUG);
  await addFromCatalogue(page, KETTLE);
  return [
    cartBody(visitor, 'ITEM_ADDED', KETTLE, 1),
    cartBody(visitor, 'ITEM_ADDED', MUG, 1),
    cartBody(visitor, 'QUANTITY_INCREASED', KETTLE, 2),
  ];
}

const FAULT_BUTTONS = [
  { fault: '503', answer: 503, queued: `${FAILED_REQUESTS} × 503` },
  { fault: '429', answer: 429, queued: `${FAILED_REQUESTS} × 429` },
  { fault: 'drop', answer: 'dropped', queued: `${FAILED_REQUESTS} × dropped connection` },
] as const;

for (const { fault, answer, queued } of FAULT_BUTTONS) {
  test(`the dashboard's ${fault} button fails the next ${FAILED_REQUESTS} requests; the SDK retries and delivers each event once, in order`, async ({
    page,
    context,
    demo,
  }) => {
    const dashboard = await openDashboard(context, demo);
    await dashboard.getByLabel('How many requests').fill(String(FAILED_REQUESTS));
    await dashboard.locator(`[data-fault="${fault}"]`).click();
    await expect(dashboard.locator('[data-faults]')).toHaveText(`Queued: ${queued}`);

    const expected = await shop(page, demo);

    await expect.poll(() => accepted(demo).length, { timeout: 20_000 }).toBe(expected.length);
    await flush(page);
    expect(outline(accepted(demo))).toEqual(outline(expected));
    expect(accepted(demo)).toStrictEqual(expected);
    const records = demo.sandbox.requests();
    const faulted = records.filter((r) => r.fault);
    expect(faulted.map(statusOf)).toEqual(Array(FAILED_REQUESTS).fill(answer));
    // The failed attempts were all of the first event, which held the others back.
    expect(faulted.map((r) => r.body)).toStrictEqual(Array(FAILED_REQUESTS).fill(expected[0]));
    expect(records.filter((r) => !r.fault).map(statusOf)).toEqual(expected.map(() => 200));

    await expect(dashboard.locator('[data-faults]')).toHaveText('No faults queued.');
    await expect(dashboard.locator('tr[data-kind="fault"]')).toHaveCount(FAILED_REQUESTS);
    await expect(dashboard.locator('[data-count="ok"]')).toHaveText(String(expected.length));
    await screenshot(dashboard, `dashboard-fault-${fault}`);
  });
}

test('the dashboard’s slow mode delays every answer until it is turned off; nothing is lost or doubled', async ({
  page,
  context,
  demo,
}) => {
  const dashboard = await openDashboard(context, demo);
  const slow = dashboard.locator('[data-fault="slow"]');
  await slow.click();
  await expect(slow).toHaveAttribute('aria-pressed', 'true');

  const expected = await shop(page, demo);

  await expect.poll(() => accepted(demo).length, { timeout: 20_000 }).toBe(expected.length);
  await flush(page);
  expect(accepted(demo)).toStrictEqual(expected);
  expect(demo.sandbox.requests()).toHaveLength(expected.length);
  expect(demo.sandbox.requests().map((r) => r.slowMs)).toEqual(expected.map(() => 2000));

  await dashboard.getByRole('button', { name: /Clear faults/ }).click();
  await expect(slow).toHaveAttribute('aria-pressed', 'false');
  await expect(dashboard.locator('[data-faults]')).toHaveText('No faults queued.');
});

test('the dashboard’s reset empties the sandbox: log, figures and tickets', async ({ page, context, demo }) => {
  const dashboard = await openDashboard(context, demo);
  const expected = await shop(page, demo);
  await expect(dashboard.locator('tr[data-kind="ok"]')).toHaveCount(expected.length);
  await expect(dashboard.locator('[data-ticket-count]')).toHaveText('(1)');

  await dashboard.getByRole('button', { name: /Reset sandbox/ }).click();
  await expect(dashboard.locator('tr[data-seq]')).toHaveCount(0);
  await expect(dashboard.locator('[data-metric="gmv"]')).toHaveAttribute('data-value', '0');
  await expect(dashboard.locator('[data-ticket-count]')).toHaveText('(0)');
  expect(demo.sandbox.requests()).toEqual([]);
  expect(demo.sandbox.summary()).toMatchObject({ cartEvents: 0, orders: 0 });
});
