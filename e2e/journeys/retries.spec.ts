import { expect, journeyPage, recorded, sleep, statusOf, summary, test } from './fixtures';

test('J4 three 503s, then success: delivered once, still ahead of a later event', async ({ tab, site, api }) => {
  api.addFaults({ kind: 'status', status: 503, count: 3 });
  await tab.goto(journeyPage(site, api, '/j4/retry.html'));
  await tab.evaluate(() => {
    void window.alhenaCart.trackCartEvent({
      type: 'ITEM_ADDED',
      productId: 'SKU-1',
      productName: 'Shoe',
      value: 10,
      currency: 'USD',
      quantity: 1,
    });
    void window.alhenaCart.trackCartEvent({
      type: 'QUANTITY_INCREASED',
      productId: 'SKU-1',
      productName: 'Shoe',
      value: 10,
      currency: 'USD',
      quantity: 2,
    });
  });
  await expect.poll(() => recorded(api).length, { timeout: 30_000 }).toBe(2);
  const all = api.requests();
  expect(all.map((r) => [(r.body as { type: string }).type, statusOf(r)])).toEqual([
    ['ITEM_ADDED', 503],
    ['ITEM_ADDED', 503],
    ['ITEM_ADDED', 503],
    ['ITEM_ADDED', 200],
    ['QUANTITY_INCREASED', 200],
  ]);
  // Backed off: each wait at least half of 1 s, 2 s, 4 s.
  const gaps = all.slice(1, 4).map((r, i) => r.at - all[i].at);
  expect(gaps[0]).toBeGreaterThanOrEqual(450);
  expect(gaps[1]).toBeGreaterThanOrEqual(950);
  expect(gaps[2]).toBeGreaterThanOrEqual(1_950);
});

test('J4 a reload while an event waits for its retry sends it once', async ({ tab, site, api }) => {
  api.addFaults({ kind: 'status', status: 503, retryAfter: '3', count: 1 });
  const url = journeyPage(site, api, '/j4/reload-retry.html');
  await tab.goto(url);
  await tab.evaluate(() => {
    void window.alhenaCart.trackCartEvent({
      type: 'ITEM_ADDED',
      productId: 'SKU-1',
      productName: 'Shoe',
      value: 10,
      currency: 'USD',
      quantity: 1,
    });
  });
  await expect.poll(() => api.requests().length).toBe(1);
  await tab.reload();
  await sleep(1_000);
  expect(api.requests()).toHaveLength(1);
  await expect.poll(() => recorded(api).length, { timeout: 10_000 }).toBe(1);
  await sleep(1_000);
  const [failed, retried] = api.requests();
  expect(retried.at - failed.at).toBeGreaterThanOrEqual(2_900);
  expect(api.requests().map(statusOf)).toEqual([503, 200]);
  expect(summary(recorded(api))).toEqual([['ITEM_ADDED', 'SKU-1', 1]]);
});
