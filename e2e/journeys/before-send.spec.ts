import { ERROR_COLLECTOR, expect, pageErrors, recorded, sdkLoaded, test, widgetScript } from './fixtures';

test('J-beforeSend the built tag, given the README’s hook by a pre-load init, sends the store’s SKUs for a click and an order, and drops a test order', async ({
  tab,
  site,
  api,
}) => {
  const page = (name: string, orderId: string) =>
    site.page(
      `/before-send-${name}.html`,
      `<!doctype html><html><head><meta charset="utf-8">${ERROR_COLLECTOR}${widgetScript()}
<script>
  window.storeSkus = { "42": "HOODIE-BLUE-M" };
  window.alhenaCart = window.alhenaCart || [];
  alhenaCart.push(['init', {
    onEvent: function (result) { (window.__results = window.__results || []).push(result.status + ' ' + (result.code || '')); },
    beforeSend: function (event, kind) {
      var skus = window.storeSkus || {};
      var sku = function (id) { return skus[id] || id; };
      if (kind === 'cart') return Object.assign({}, event, { productId: sku(event.productId) });
      if (String(event.orderId).indexOf('TEST-') === 0) return null;
      return Object.assign({}, event, {
        lineItems: event.lineItems.map(function (line) { return Object.assign({}, line, { productId: sku(line.productId) }); }),
      });
    },
  }]);
</script>
<script async src="/dist/alhena-cart.min.js" data-company-key="acme" data-currency="USD" data-api-base-url="${api.url}"></script>
</head><body>
<div data-alhena-product-id="42" data-alhena-product-name="Hoodie" data-alhena-price="45">
  <button id="add" data-alhena-action="add-to-cart">Add to cart</button>
</div>
${
  orderId
    ? `<section data-alhena-order data-alhena-order-id="${orderId}" data-alhena-order-value="45">
  <div data-alhena-line-item data-alhena-product-id="42" data-alhena-product-name="Hoodie" data-alhena-price="45"></div>
</section>`
    : ''
}
</body></html>`,
    );

  await tab.goto(page('product', ''));
  await sdkLoaded(tab);
  await tab.click('#add');
  await expect.poll(() => recorded(api).length).toBe(1);
  await tab.goto(page('test-order', 'TEST-1'));
  await sdkLoaded(tab);
  await expect
    .poll(() => tab.evaluate(() => (window as unknown as { __results?: string[] }).__results ?? []))
    .toEqual(['dropped BEFORE_SEND']);
  await tab.goto(page('order', 'A-1'));
  await sdkLoaded(tab);
  await expect.poll(() => recorded(api).length).toBe(2);

  expect(api.requests().map((request) => request.body)).toEqual([
    expect.objectContaining({ type: 'ITEM_ADDED', product_id: 'HOODIE-BLUE-M', product_name: 'Hoodie', value: 45, quantity: 1 }),
    expect.objectContaining({
      orderId: 'A-1',
      line_items: [{ product_id: 'HOODIE-BLUE-M', product_name: 'Hoodie', quantity: 1, value: 45, currency: 'USD' }],
    }),
  ]);
  expect(await pageErrors(tab)).toEqual([]);
});
