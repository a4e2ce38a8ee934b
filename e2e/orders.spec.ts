import { expect, recorded, scriptTagPage, test } from './fixtures';

const thankYou = `<script>
  alhenaCart.trackCheckout({ orderId: 'ORD-1001', value: 25, currency: 'USD',
    lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 25 }] })
    .then(function (r) { document.title = r.status; });
</script>`;

test('a thank-you page reloaded twice, and reached again by the back button, records the order once', async ({
  page,
  context,
  site,
  api,
}) => {
  const url = scriptTagPage(site, api, '/thank-you.html', { body: thankYou });
  const other = site.page('/other.html', '<!doctype html><title>other</title>');
  await page.goto(url);
  await expect(page).toHaveTitle('recorded');
  await page.reload();
  await expect(page).toHaveTitle('duplicate');
  await page.reload();
  await expect(page).toHaveTitle('duplicate');
  await page.goto(other);
  await page.goBack();
  await page.waitForTimeout(500);
  const second = await context.newPage();
  await second.goto(url);
  await expect(second).toHaveTitle('duplicate');
  await page.waitForTimeout(500);
  expect(api.requests()).toHaveLength(1);
  expect(recorded(api)[0]).toMatchObject({ orderId: 'ORD-1001', order_id: 'ORD-1001' });
});

test('an event tracked where the widget is absent goes out on the next page that has it', async ({ page, site, api }) => {
  const withWidget = scriptTagPage(site, api, '/with-widget.html');
  await page.goto(scriptTagPage(site, api, '/no-widget.html', { widgetDelayMs: null }));
  const result = await page.evaluate(() =>
    window.alhenaCart.trackCartEvent({
      type: 'ITEM_ADDED',
      productId: 'SKU-1',
      productName: 'Shoe',
      value: 10,
      currency: 'USD',
      quantity: 1,
    }),
  );
  expect(result.status).toBe('queued');
  await page.waitForTimeout(1_000);
  expect(api.requests()).toHaveLength(0);
  await page.goto(withWidget);
  await expect.poll(() => recorded(api).length).toBe(1);
  expect(recorded(api)[0]).toMatchObject({ product_id: 'SKU-1', user_fingerprint: expect.any(String) });
});

test('with storage that throws on every call, the SDK works from memory', async ({ page, site, api }) => {
  const throwing = `<script>
    (function () {
      function refuse() { throw new DOMException('denied', 'SecurityError'); }
      Object.defineProperty(window, 'localStorage', { configurable: true, get: refuse });
    })();
  </script>`;
  await page.goto(scriptTagPage(site, api, '/no-storage.html', { head: throwing }));
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
      window.alhenaCart.trackCheckout({
        orderId: 'X-1',
        value: 10,
        currency: 'USD',
        lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 10 }],
      }),
      window.alhenaCart.trackCheckout({
        orderId: 'X-1',
        value: 10,
        currency: 'USD',
        lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 10 }],
      }),
    ]),
  );
  expect(results.map((r: { status: string }) => r.status)).toEqual(['recorded', 'recorded', 'duplicate']);
  expect(api.requests()).toHaveLength(2);
});
