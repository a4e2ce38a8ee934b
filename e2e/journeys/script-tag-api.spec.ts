import type { CartEventType } from '../../src/types';
import {
  acmeCartBody,
  CONSOLE_COLLECTOR,
  consoleLines,
  ERROR_COLLECTOR,
  expect,
  flushed,
  journeyPage,
  pageErrors,
  recorded,
  sdkLoaded,
  settled,
  shoe,
  summary,
  test,
  track,
  widgetScript,
} from './fixtures';

// J20: the script tag's own API (`window.alhenaCart`): the pre-load queue, push, init, where the
// configuration comes from, and what it refuses.

/** The cart body the API must receive for `shoe(type, quantity, productId)`. */
const shoeBody = (type: CartEventType, quantity: number, productId = 'SKU-1') =>
  acmeCartBody({ type, product_id: productId, product_name: 'Shoe', value: 10, currency: 'USD', quantity });

test('J20 calls queued before the async tag loaded, a cart event and a checkout, go out in order; push() then answers with the result', async ({
  tab,
  site,
  api,
}) => {
  const queue = `<script>
  window.alhenaCart = window.alhenaCart || [];
  alhenaCart.push(['trackCartEvent', ${JSON.stringify(shoe('ITEM_ADDED', 1))}]);
  alhenaCart.push(['trackCheckout', { orderId: 'A-1', value: 25, currency: 'EUR', lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 25 }] }]);
</script>`;
  await tab.goto(journeyPage(site, api, '/j20/preload.html', { head: queue, load: 'async' }));
  await sdkLoaded(tab);
  const pushed = await tab.evaluate((event) => window.alhenaCart.push(['trackCartEvent', event]), shoe('QUANTITY_INCREASED', 2));
  expect(pushed).toMatchObject({ status: 'recorded' });
  await settled(tab, api, 3);
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU-1', 1],
    ['CHECKOUT', 'A-1'],
    ['QUANTITY_INCREASED', 'SKU-1', 2],
  ]);
  expect(recorded(api)[1]).toMatchObject({ orderId: 'A-1', value: 25, currency: 'EUR' });
  expect(await pageErrors(tab)).toEqual([]);
});

test('J20 alhenaCart.push with two commands, right after the tag and once it has started, sends all four in order', async ({
  tab,
  site,
  api,
}) => {
  // Right after the tag (the SDK's code has not run yet), then again once it has started.
  const inline = `<script>
  window.__result = alhenaCart.push(['trackCartEvent', ${JSON.stringify(shoe('ITEM_ADDED', 1))}],
    ['trackCartEvent', ${JSON.stringify(shoe('QUANTITY_INCREASED', 2))}]);
</script>`;
  await tab.goto(journeyPage(site, api, '/j20/push-several.html', { body: inline }));
  expect(await tab.evaluate(() => window.__result)).toMatchObject({ status: 'recorded' });
  await flushed(tab);
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU-1', 1],
    ['QUANTITY_INCREASED', 'SKU-1', 2],
  ]);
  const result = await tab.evaluate(
    ([first, second]) => window.alhenaCart.push(['trackCartEvent', first], ['trackCartEvent', second]),
    [shoe('ITEM_ADDED', 1, 'SKU-2'), shoe('QUANTITY_DECREASED', 1)],
  );
  expect(result).toMatchObject({ status: 'recorded' });
  await settled(tab, api, 4);
  expect(recorded(api)).toStrictEqual([
    shoeBody('ITEM_ADDED', 1),
    shoeBody('QUANTITY_INCREASED', 2),
    shoeBody('ITEM_ADDED', 1, 'SKU-2'),
    shoeBody('QUANTITY_DECREASED', 1),
  ]);
});

test('J20 the configuration can come purely from the widget’s document.gleenConfig', async ({ tab, site, api }) => {
  const url = site.page(
    '/j20/gleen-config.html',
    `<!doctype html><html><head>${ERROR_COLLECTOR}
<script src="/dist/alhena-cart.min.js"></script>
<script>document.gleenConfig = { company: 'from-widget', apiBaseUrl: '${api.url}' };</script>
${widgetScript()}
</head><body></body></html>`,
  );
  await tab.goto(url);
  const result = await tab.evaluate((event) => window.alhenaCart.trackCartEvent(event), shoe('ITEM_ADDED', 1));
  expect(result).toMatchObject({ status: 'recorded', eventId: expect.any(String) });
  await settled(tab, api, 1);
  expect(recorded(api)).toStrictEqual([{ ...shoeBody('ITEM_ADDED', 1), company_key: 'from-widget' }]);
  expect(await pageErrors(tab)).toEqual([]);
});

test('J20 alhenaCart.init() in the script right after a blocking tag configures it, however the parser yields', async ({
  tab,
  site,
  api,
}) => {
  const body = `<div data-alhena-product-id="SKU-1" data-alhena-product-name="Shoe" data-alhena-price="10">
  <button id="add" data-alhena-action="add-to-cart">Add</button></div>`;
  const init = `<script>
  window.__results = [];
  alhenaCart.init({ currency: 'EUR', onEvent: function (r) { window.__results.push(r.status); } });
</script>`;
  // The init script comes right after the tag; a long page after it gives the parser reasons to yield.
  const url = journeyPage(site, api, '/j20/init-after-tag.html', {
    body: `${init}${'<p>filler</p>'.repeat(2000)}${body}`,
    attributes: { 'data-currency': 'USD' },
  });
  for (let round = 0; round < 3; round++) {
    await tab.goto(url);
    await tab.click('#add');
    await expect.poll(() => tab.evaluate(() => window.__results)).toEqual(['recorded']);
  }
  await settled(tab, api, 3);
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU-1', 1],
    ['QUANTITY_INCREASED', 'SKU-1', 2],
    ['QUANTITY_INCREASED', 'SKU-1', 3],
  ]);
  expect(recorded(api).map((b) => b.currency)).toEqual(['EUR', 'EUR', 'EUR']);
});

test('J20 an invalid call resolves invalid with the field named and logged, and nothing of it reaches the API; a valid call after it does', async ({
  tab,
  site,
  api,
}) => {
  await tab.goto(journeyPage(site, api, '/j20/invalid.html', { head: CONSOLE_COLLECTOR, attributes: { 'data-debug': 'true' } }));
  const result = await tab.evaluate(() =>
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
  await flushed(tab);
  expect(api.requests()).toHaveLength(0);
  expect((await consoleLines(tab)).join('\n')).toContain('lineItems[1].quantity must be at least 1');
  expect(await track(tab, shoe('ITEM_ADDED', 1))).toEqual(['recorded']);
  await settled(tab, api, 1);
  expect(summary(recorded(api))).toEqual([['ITEM_ADDED', 'SKU-1', 1]]);
});

test('J20 a Shopify store sends nothing unless allowShopify is set, and says why', async ({ tab, site, api }) => {
  await tab.goto(
    journeyPage(site, api, '/j20/shopify.html', {
      head: `${CONSOLE_COLLECTOR}<script>window.Shopify = { shop: 'acme.myshopify.com' };</script>`,
      attributes: { 'data-debug': 'true' },
    }),
  );
  const result = await tab.evaluate((event) => window.alhenaCart.trackCartEvent(event), shoe('ITEM_ADDED', 1));
  expect(result).toMatchObject({ status: 'dropped', code: 'SHOPIFY' });
  await settled(tab, api, 0);
  expect((await consoleLines(tab)).join('\n')).toContain('Shopify');
});

test('J20 a burst of 200 calls arrives complete and in order, each once', async ({ tab, site, api }) => {
  await tab.goto(journeyPage(site, api, '/j20/burst.html'));
  const burst = Array.from({ length: 200 }, (_, i) => ({ ...shoe('ITEM_ADDED', 1, `P-${i}`), value: 1 }));
  const statuses = await track(tab, ...burst);
  expect(new Set(statuses)).toEqual(new Set(['recorded']));
  await settled(tab, api, 200);
  expect(recorded(api).map((b) => b.product_id)).toEqual(burst.map((event) => event.productId));
});
