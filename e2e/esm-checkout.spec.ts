import { expect, FP, importMap, recorded, test, widgetScript } from './fixtures';

test('the ESM build, imported by a page module, posts a checkout and gets recorded', async ({ page, site, api }) => {
  const url = site.page(
    '/spa/thank-you.html',
    `<!doctype html><html><head>${importMap}${widgetScript()}</head><body>
<script type="module">
  import { init, trackCheckout } from '@alhena/cart-events';
  init({ companyKey: 'acme', apiBaseUrl: '${api.url}' });
  window.__result = await trackCheckout({
    orderId: 'ORD-7890', value: 199.97, currency: 'USD',
    lineItems: [{ productId: '123', productName: 'Product 1', quantity: 2, value: 199.97 }],
  });
</script></body></html>`,
  );
  await page.goto(url);
  await page.waitForFunction(() => window.__result);
  expect(await page.evaluate(() => window.__result)).toMatchObject({ status: 'recorded' });
  expect(recorded(api)).toStrictEqual([
    {
      company_key: 'acme',
      user_fingerprint: FP.user,
      user_faq_fingerprint: FP.faq,
      value: 199.97,
      currency: 'USD',
      orderId: 'ORD-7890',
      order_id: 'ORD-7890',
      line_items: [{ product_id: '123', product_name: 'Product 1', quantity: 2, value: 199.97, currency: 'USD' }],
    },
  ]);
});
