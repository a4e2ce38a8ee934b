import { expect, recorded, scriptTagPage, test } from './fixtures';

const add = (product: string) =>
  `alhenaCart.trackCartEvent({ type: 'ITEM_ADDED', productId: '${product}', productName: 'Shoe', value: 10, currency: 'USD', quantity: 1 })`;

test('two tabs with a failing then recovering API send every event exactly once', async ({ context, site, api }) => {
  const url = scriptTagPage(site, api, '/tabs.html', { attributes: { 'data-debug': process.env.TAB_DEBUG ? 'true' : 'false' } });
  const [tabA, tabB] = [await context.newPage(), await context.newPage()];
  await tabA.goto(url);
  await tabB.goto(url);
  api.addFaults({ kind: 'status', status: 503, count: 4 });
  for (const [tab, product] of [
    [tabA, 'A1'],
    [tabB, 'B1'],
    [tabA, 'A2'],
    [tabB, 'B2'],
    [tabA, 'A3'],
    [tabB, 'B3'],
  ] as const) {
    await tab.evaluate(add(product));
    await tab.waitForTimeout(30);
  }
  await expect.poll(() => recorded(api).length, { timeout: 30_000 }).toBe(6);
  await tabA.waitForTimeout(2_000);
  expect(recorded(api).map((b) => b.product_id)).toEqual(['A1', 'B1', 'A2', 'B2', 'A3', 'B3']);
  expect(api.requests().filter((r) => r.answer && 'status' in r.answer && r.answer.status === 200)).toHaveLength(6);
});

test('a tab closing mid-send does not strand its events: another tab sends the rest, once', async ({ context, site, api }) => {
  const url = scriptTagPage(site, api, '/closing-tabs.html');
  const tabA = await context.newPage();
  await tabA.goto(url);
  api.addFaults({ kind: 'delay', ms: 1_500, count: 1 });
  await tabA.evaluate(`${add('A1')}; ${add('A2')}; void ${add('A3')}`);
  // Tab A is the sender and waits for A1's slow answer; tab B opens and waits for the sender lock.
  await expect.poll(() => api.requests().length).toBe(1);
  const tabB = await context.newPage();
  await tabB.goto(url);
  await tabA.close();
  await expect.poll(() => recorded(api).length, { timeout: 20_000 }).toBe(3);
  await tabB.waitForTimeout(1_500);
  expect(recorded(api).map((b) => b.product_id)).toEqual(['A1', 'A2', 'A3']);
  expect(api.requests()).toHaveLength(3);
});
