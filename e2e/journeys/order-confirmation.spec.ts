import {
  acmeOrderBody,
  expect,
  flushed,
  journeyPage,
  pageErrors,
  recorded,
  sdkLoaded,
  settled,
  sleep,
  type Tab,
  test,
  waitForPage,
} from './fixtures';

/** The checkout body the API must receive for an order of the shoes and the socks. */
const shoesAndSocks = (orderId: string) =>
  acmeOrderBody(orderId, 104.97, [
    { product_id: 'SKU-1', product_name: 'Black Running Shoes', quantity: 1, value: 79.99 },
    { product_id: 'SKU-2', product_name: 'Socks', quantity: 5, value: 24.98 },
  ]);

const ELEMENT = `<section data-alhena-order data-alhena-order-id="ORD-EL-1" data-alhena-order-value="104.97" data-alhena-currency="USD">
  <h1>Thank you</h1>
  <div data-alhena-line-item data-alhena-product-id="SKU-1" data-alhena-product-name="Black Running Shoes" data-alhena-quantity="1" data-alhena-line-value="79.99">Shoes × 1</div>
  <div data-alhena-line-item data-alhena-product-id="SKU-2" data-alhena-product-name="Socks" data-alhena-quantity="5" data-alhena-line-value="24.98">Socks × 5</div>
</section>`;
const JSON_ORDER = `<script type="application/json" data-alhena-order>
  {"orderId": "ORD-JS-1", "value": 104.97, "currency": "USD",
   "lineItems": [{"productId": "SKU-1", "productName": "Black Running Shoes", "quantity": 1, "value": 79.99},
                 {"productId": "SKU-2", "productName": "Socks", "quantity": 5, "value": 24.98}]}
</script><h1>Thank you</h1>`;

const orderShown = (tab: Tab) => waitForPage(tab, 'the order markup', () => document.querySelector('[data-alhena-order]') !== null);

for (const [kind, body, orderId] of [
  ['element', ELEMENT, 'ORD-EL-1'],
  ['JSON', JSON_ORDER, 'ORD-JS-1'],
] as const) {
  // Every way a store loads the tag: `async` as the README installs it, `defer`, a blocking tag in the head
  // (the SDK starts while the page is still parsed), or `injected` on load, as a tag manager does.
  for (const load of ['async', 'defer', 'blocking', 'injected'] as const) {
    test(`J6 the order confirmation (${kind}, ${load} tag) sends one checkout; reloads and a second tab send nothing more`, async ({
      visitor,
      site,
      api,
    }) => {
      const url = journeyPage(site, api, `/j6/thank-you-${kind}-${load}.html`, { body, load });
      const first = await visitor.newTab(url);
      await expect.poll(() => recorded(api).length).toBe(1);
      expect(recorded(api)[0]).toStrictEqual(shoesAndSocks(orderId));
      await first.reload();
      await sdkLoaded(first);
      await flushed(first);
      await first.reload();
      const second = await visitor.newTab(url);
      await sdkLoaded(first);
      await sdkLoaded(second);
      await flushed(first);
      await flushed(second);
      await sleep(1_000);
      expect(api.requests()).toHaveLength(1);
      expect(await pageErrors(first)).toEqual([]);
      expect(await pageErrors(second)).toEqual([]);
    });
  }
}

test('J6 an order confirmation the page inserts 1 s after load is sent once; two reloads send nothing more', async ({ tab, site, api }) => {
  const later = `<p>Thank you!</p>
<script>
  setTimeout(function () {
    var order = document.createElement('section');
    order.setAttribute('data-alhena-order', '');
    order.setAttribute('data-alhena-order-id', 'ORD-42');
    order.setAttribute('data-alhena-order-value', '104.97');
    order.setAttribute('data-alhena-currency', 'USD');
    [['SKU-1', 'Black Running Shoes', '1', '79.99'], ['SKU-2', 'Socks', '5', '24.98']].forEach(function (l) {
      var line = document.createElement('div');
      line.setAttribute('data-alhena-line-item', '');
      line.setAttribute('data-alhena-product-id', l[0]);
      line.setAttribute('data-alhena-product-name', l[1]);
      line.setAttribute('data-alhena-quantity', l[2]);
      line.setAttribute('data-alhena-line-value', l[3]);
      order.append(line);
    });
    document.body.append(order);
  }, 1000);
</script>`;
  await tab.goto(journeyPage(site, api, '/j6/inserted-later.html', { body: later }));
  await expect.poll(() => recorded(api).length).toBe(1);
  expect(recorded(api)[0]).toStrictEqual(shoesAndSocks('ORD-42'));
  for (let reload = 1; reload <= 2; reload++) {
    await tab.reload();
    await orderShown(tab);
  }
  await settled(tab, api, 1, { quietMs: 1_000 });
  expect(await pageErrors(tab)).toEqual([]);
});

test('J6 a thank-you page reloaded while its order request is in flight sends that order once', async ({ tab, site, api }) => {
  api.addFaults({ kind: 'delay', ms: 2_500, count: 1 });
  // The README's confirmation page markup.
  const confirmation = `<p>Thank you for your order!</p>
<section data-alhena-order data-alhena-order-id="ORD-7890" data-alhena-order-value="199.97" data-alhena-currency="USD">
  <div data-alhena-line-item data-alhena-product-id="SKU-1234" data-alhena-product-name="Black Running Shoes"
       data-alhena-quantity="2" data-alhena-line-value="159.98"></div>
  <div data-alhena-line-item data-alhena-product-id="SKU-77" data-alhena-product-name="Socks"
       data-alhena-quantity="1" data-alhena-line-value="39.99"></div>
</section>`;
  await tab.goto(journeyPage(site, api, '/j6/thank-you-in-flight.html', { body: confirmation }));
  await expect.poll(() => api.requests().length).toBe(1);
  await sleep(500);
  expect(api.requests()[0].answer, 'the order is still in flight as the page reloads').toBeNull();
  await tab.reload();
  await orderShown(tab);
  expect(api.requests()[0].answer, 'the reload finished before the API answered').toBeNull();
  await expect.poll(() => recorded(api).length, { timeout: 10_000 }).toBe(1);
  // The reloaded page has had its chance to resend; so has one more reload after the answer.
  await flushed(tab);
  await tab.reload();
  await orderShown(tab);
  await sdkLoaded(tab);
  await settled(tab, api, 1, { quietMs: 1_000 });
  expect(recorded(api)).toStrictEqual([
    acmeOrderBody('ORD-7890', 199.97, [
      { product_id: 'SKU-1234', product_name: 'Black Running Shoes', quantity: 2, value: 159.98 },
      { product_id: 'SKU-77', product_name: 'Socks', quantity: 1, value: 39.99 },
    ]),
  ]);
});

test('J6 a thank-you page’s own trackCheckout: recorded once; two reloads, Back and a second tab each hear duplicate and send nothing', async ({
  tab,
  visitor,
  site,
  api,
}) => {
  const thankYou = `<script>
  alhenaCart.trackCheckout({ orderId: 'ORD-1001', value: 25, currency: 'USD',
    lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 25 }] })
    .then(function (r) { document.title = r.status; });
</script>`;
  const url = journeyPage(site, api, '/j6/thank-you-call.html', { title: 'waiting', body: thankYou });
  const other = site.page('/j6/other.html', '<!doctype html><title>other</title>');
  const titled = (on: Tab) => expect.poll(() => on.evaluate(() => document.title).catch(() => 'navigating'));
  await tab.goto(url);
  await titled(tab).toBe('recorded');
  for (let reload = 1; reload <= 2; reload++) {
    await tab.reload();
    await titled(tab).toBe('duplicate');
  }
  await tab.goto(other);
  await tab.evaluate(() => void setTimeout(() => history.back(), 0));
  await waitForPage(tab, 'the thank-you page again', () => location.pathname === '/j6/thank-you-call.html');
  await titled(tab).toBe('duplicate');
  const second = await visitor.newTab(url);
  await titled(second).toBe('duplicate');
  await settled(second, api, 1, { quietMs: 1_000 });
  expect(recorded(api)[0]).toMatchObject({ orderId: 'ORD-1001', order_id: 'ORD-1001', value: 25 });
});
