import { ERROR_COLLECTOR, expect, fetchSpyScript, pageErrors, recorded, sdkLoaded, shoeAddedBody, test, widgetScript } from './fixtures';

// A cookie set by the store is one the browser would send to the API (same site: localhost, other
// port) if the SDK asked for credentials, and the emulator would accept it: the "no cookies"
// assertion below can fail.
test.use({ apiOptions: { allowCredentials: true } });

test('J1 the async script tag, with a call queued before it loaded, sends the exact cart body of a data-attribute click: cross-origin, JSON, no cookies', async ({
  tab,
  site,
  api,
}) => {
  const apiUrl = api.url.replace('127.0.0.1', 'localhost');
  const url = site.page(
    '/j1-product.html',
    `<!doctype html><html><head><meta charset="utf-8">${ERROR_COLLECTOR}${fetchSpyScript}${widgetScript()}
<script>
  document.cookie = 'shopper=42; path=/';
  window.alhenaCart = window.alhenaCart || [];
  alhenaCart.push(['trackCartEvent', { type: 'ITEM_ADDED', productId: 'SKU-0', productName: 'Queued socks', value: 5, quantity: 1 }]);
</script>
<script async src="/dist/alhena-cart.min.js" data-company-key="acme" data-currency="USD" data-api-base-url="${apiUrl}"></script>
</head><body>
<div class="card" data-alhena-product-id="SKU-1" data-alhena-product-name="Black Running Shoes" data-alhena-price="79.99">
  <button id="add" data-alhena-action="add-to-cart">Add to cart</button>
</div></body></html>`,
  );
  await tab.goto(url);
  await sdkLoaded(tab);
  await tab.click('#add');
  await expect.poll(() => recorded(api).length).toBe(2);

  const [queued, clicked] = api.requests();
  expect(api.requests()).toHaveLength(2);
  expect(queued.body).toMatchObject({ type: 'ITEM_ADDED', product_id: 'SKU-0' });
  expect(clicked.body).toStrictEqual(shoeAddedBody());
  for (const request of [queued, clicked]) {
    expect(request.origin).toBe(site.origin);
    expect(request.contentType).toBe('application/json');
    expect(request.headers.cookie).toBeUndefined();
  }
  expect(await tab.evaluate(() => document.cookie)).toContain('shopper=42');
  // What the SDK asked of fetch (through ky): keepalive, so that a request outlives its page, and no cookies.
  expect(await tab.evaluate(() => window.__fetches)).toEqual(
    ['cart_events', 'cart_events'].map((path) => ({
      url: `${apiUrl}/analytics/${path}`,
      keepalive: true,
      credentials: 'omit',
      method: 'POST',
    })),
  );
  // A JSON POST to another origin is preflighted; the answer's max-age lets both requests share one preflight.
  expect(api.preflights().list.map((p) => p.path)).toEqual(['/analytics/cart_events']);
  expect(await pageErrors(tab)).toEqual([]);
});
