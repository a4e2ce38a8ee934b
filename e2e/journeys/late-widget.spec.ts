import { expect, FP, journeyPage, recorded, sleep, test } from './fixtures';

test('J7 the widget appears 2 s late: earlier events wait and go out with its fingerprints, in order', async ({ tab, site, api }) => {
  await tab.goto(journeyPage(site, api, '/j7/late-widget.html', { widgetDelayMs: 2_000 }));
  const statuses = await tab.evaluate(() =>
    Promise.all([
      window.alhenaCart.trackCartEvent({
        type: 'ITEM_ADDED',
        productId: 'SKU-1',
        productName: 'Shoe',
        value: 10,
        currency: 'USD',
        quantity: 1,
      }),
      window.alhenaCart.trackCartEvent({
        type: 'QUANTITY_INCREASED',
        productId: 'SKU-1',
        productName: 'Shoe',
        value: 10,
        currency: 'USD',
        quantity: 2,
      }),
    ]).then((results) => results.map((r) => r.status)),
  );
  expect(statuses).toEqual(['queued', 'queued']);
  expect(api.requests()).toHaveLength(0);
  await expect.poll(() => recorded(api).length, { timeout: 10_000 }).toBe(2);
  await sleep(500);
  expect(api.requests()).toHaveLength(2);
  expect(recorded(api).map((b) => [b.type, b.quantity, b.user_fingerprint, b.user_faq_fingerprint])).toEqual([
    ['ITEM_ADDED', 1, FP.user, FP.faq],
    ['QUANTITY_INCREASED', 2, FP.user, FP.faq],
  ]);
});
