import { expect, recorded, scriptTagPage, test } from './fixtures';

test('events wait for a widget that appears 2 s after the SDK, then go out in order', async ({ page, site, api }) => {
  await page.goto(scriptTagPage(site, api, '/late-widget.html', { widgetDelayMs: 2000 }));
  const results = await page.evaluate(() =>
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
    ]),
  );
  expect(results.map((r: { status: string }) => r.status)).toEqual(['queued', 'queued']);
  expect(api.requests()).toHaveLength(0);
  await expect.poll(() => recorded(api).length, { timeout: 10_000 }).toBe(2);
  expect(recorded(api).map((b) => [b.type, b.quantity])).toEqual([
    ['ITEM_ADDED', 1],
    ['QUANTITY_INCREASED', 2],
  ]);
});
