import { acmeOrderBody, ERROR_COLLECTOR, expect, importMap, pageErrors, recorded, test, waitForPage, widgetScript } from './fixtures';

test('J2 the ESM build, imported by a page module, posts a checkout and gets recorded', async ({ tab, site, api }) => {
  const url = site.page(
    '/j2/thank-you.html',
    `<!doctype html><html><head>${ERROR_COLLECTOR}${importMap}${widgetScript()}</head><body>
<script type="module">
  import { init, trackCheckout } from '@alhena/cart-events';
  init({ companyKey: 'acme', apiBaseUrl: '${api.url}' });
  window.__result = await trackCheckout({
    orderId: 'ORD-7890', value: 199.97, currency: 'USD',
    lineItems: [{ productId: '123', productName: 'Product 1', quantity: 2, value: 199.97 }],
  });
</script></body></html>`,
  );
  await tab.goto(url);
  await waitForPage(tab, 'the checkout result', () => window.__result);
  expect(await tab.evaluate(() => window.__result)).toMatchObject({ status: 'recorded', eventId: expect.any(String) });
  expect(recorded(api)).toStrictEqual([
    acmeOrderBody('ORD-7890', 199.97, [{ product_id: '123', product_name: 'Product 1', quantity: 2, value: 199.97 }]),
  ]);
  expect(api.requests()).toHaveLength(1);
  expect(await pageErrors(tab)).toEqual([]);
});
