import { expect, FP, fetchSpyScript, recorded, scriptTagPage, test, widgetScript } from './fixtures';

const ADD = {
  type: 'ITEM_ADDED',
  productId: 'SKU-1',
  productName: 'Black Running Shoes',
  value: 79.99,
  currency: 'USD',
  quantity: 1,
} as const;

test('the script-tag build posts the exact cart body, cross-origin, as JSON without cookies and with keepalive', async ({
  page,
  site,
  api,
}) => {
  const url = scriptTagPage(site, api, '/cart.html', { head: fetchSpyScript });
  await page.goto(url);
  const result = await page.evaluate((event) => window.alhenaCart.trackCartEvent(event), ADD);
  expect(result).toMatchObject({ status: 'recorded', eventId: expect.any(String) });
  const [request] = api.requests();
  expect(api.requests()).toHaveLength(1);
  expect(request.body).toStrictEqual({
    company_key: 'acme',
    user_fingerprint: FP.user,
    user_faq_fingerprint: FP.faq,
    type: 'ITEM_ADDED',
    product_id: 'SKU-1',
    product_name: 'Black Running Shoes',
    value: 79.99,
    currency: 'USD',
    quantity: 1,
    source: 'CUSTOM',
  });
  expect(request.contentType).toBe('application/json');
  expect(request.origin).toBe(site.origin);
  expect(request.headers.cookie).toBeUndefined();
  expect(api.preflights().list.map((p) => p.path)).toEqual(['/analytics/cart_events']);
  const fetches = await page.evaluate(() => window.__fetches);
  expect(fetches).toEqual([{ url: `${api.url}/analytics/cart_events`, keepalive: true, credentials: 'omit', method: 'POST' }]);
});

test('calls queued before the script loaded run in order, then push() keeps working', async ({ page, site, api }) => {
  const url = site.page(
    '/preload.html',
    `<!doctype html><html><head>${widgetScript()}
<script>
  window.alhenaCart = window.alhenaCart || [];
  alhenaCart.push(['trackCartEvent', ${JSON.stringify(ADD)}]);
  alhenaCart.push(['trackCheckout', { orderId: 'A-1', value: 25, currency: 'EUR', lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 25 }] }]);
</script>
<script async src="/dist/alhena-cart.min.js" data-company-key="acme" data-api-base-url="${api.url}"></script>
</head><body></body></html>`,
  );
  await page.goto(url);
  await page.waitForFunction(() => typeof window.alhenaCart?.trackCartEvent === 'function');
  const pushed = await page.evaluate(
    (event) => window.alhenaCart.push(['trackCartEvent', { ...event, type: 'QUANTITY_INCREASED', quantity: 2 }]),
    ADD,
  );
  expect(pushed).toMatchObject({ status: 'recorded' });
  await expect.poll(() => recorded(api).length).toBe(3);
  expect(recorded(api).map((b) => b.type ?? `order ${b.orderId}`)).toEqual(['ITEM_ADDED', 'order A-1', 'QUANTITY_INCREASED']);
});

test('configuration can come purely from the widget’s document.gleenConfig', async ({ page, site, api }) => {
  const url = site.page(
    '/gleen-config.html',
    `<!doctype html><html><head>
<script src="/dist/alhena-cart.min.js"></script>
<script>document.gleenConfig = { company: 'from-widget', apiBaseUrl: '${api.url}' };</script>
${widgetScript()}
</head><body></body></html>`,
  );
  await page.goto(url);
  const result = await page.evaluate((event) => window.alhenaCart.trackCartEvent(event), ADD);
  expect(result.status).toBe('recorded');
  expect(recorded(api)[0]).toMatchObject({ company_key: 'from-widget', product_id: 'SKU-1' });
});

test('an invalid call resolves invalid with the field named, and nothing reaches the API', async ({ page, site, api }) => {
  await page.goto(scriptTagPage(site, api, '/invalid.html', { attributes: { 'data-debug': 'true' } }));
  const logs: string[] = [];
  page.on('console', (message) => logs.push(message.text()));
  const result = await page.evaluate(() =>
    window.alhenaCart.trackCheckout({
      orderId: 'B-1',
      value: 10,
      currency: 'USD',
      lineItems: [
        { productId: 'a', productName: 'A', quantity: 1, value: 5 },
        { productId: 'b', productName: 'B', quantity: 0, value: 5 },
      ],
    }),
  );
  expect(result).toMatchObject({
    status: 'invalid',
    code: 'INVALID_INPUT',
    issues: [{ path: 'lineItems[1].quantity', message: 'must be at least 1' }],
  });
  await page.evaluate(() => window.alhenaCart.flush());
  expect(api.requests()).toHaveLength(0);
  expect(logs.join('\n')).toContain('lineItems[1].quantity must be at least 1');
});

test('a Shopify store sends nothing unless allowShopify is set', async ({ page, site, api }) => {
  const url = scriptTagPage(site, api, '/shopify.html', {
    head: `<script>window.Shopify = { shop: 'acme.myshopify.com' };</script>`,
    attributes: { 'data-debug': 'true' },
  });
  const logs: string[] = [];
  page.on('console', (message) => logs.push(message.text()));
  await page.goto(url);
  const result = await page.evaluate((event) => window.alhenaCart.trackCartEvent(event), ADD);
  expect(result).toMatchObject({ status: 'dropped', code: 'SHOPIFY' });
  await page.waitForTimeout(300);
  expect(api.requests()).toHaveLength(0);
  expect(logs.join('\n')).toContain('Shopify');
});
