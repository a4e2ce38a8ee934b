import { expect, recorded, scriptTagPage, summary, test } from './fixtures';

// Merchants load the tag every way there is: async (the README's quick start), defer, blocking, or
// injected by a tag manager after the page has loaded. The SDK then starts on a page that is already
// parsed, or on one still being parsed; what the page holds at that moment must be sent all the same.

const orderElement = `<section data-alhena-order data-alhena-order-id="ORD-77" data-alhena-order-value="104.97" data-alhena-currency="USD">
  <div data-alhena-line-item data-alhena-product-id="SKU-1" data-alhena-product-name="Black Running Shoes" data-alhena-quantity="1" data-alhena-line-value="79.99"></div>
  <div data-alhena-line-item data-alhena-product-id="SKU-2" data-alhena-product-name="Socks" data-alhena-quantity="5" data-alhena-line-value="24.98"></div>
</section>`;

const orderJson = `<script type="application/json" data-alhena-order>
{ "orderId": "ORD-77", "value": 104.97, "currency": "USD",
  "lineItems": [{ "productId": "SKU-1", "productName": "Black Running Shoes", "quantity": 1, "value": 79.99 },
                { "productId": "SKU-2", "productName": "Socks", "quantity": 5, "value": 24.98 }] }
</script>`;

const expectedOrder = {
  orderId: 'ORD-77',
  order_id: 'ORD-77',
  value: 104.97,
  currency: 'USD',
  line_items: [
    { product_id: 'SKU-1', product_name: 'Black Running Shoes', quantity: 1, value: 79.99, currency: 'USD' },
    { product_id: 'SKU-2', product_name: 'Socks', quantity: 5, value: 24.98, currency: 'USD' },
  ],
};

for (const load of ['async', 'defer', 'injected', 'blocking'] as const) {
  for (const [form, body] of [
    ['element', orderElement],
    ['JSON', orderJson],
  ]) {
    test(`a ${load} tag sends the order confirmation (${form}) the page holds at load, once across a reload`, async ({
      page,
      site,
      api,
    }) => {
      await page.goto(scriptTagPage(site, api, `/thanks-${load}-${form}.html`, { body, load }));
      await expect.poll(() => recorded(api).length).toBe(1);
      expect(recorded(api)[0]).toEqual({
        company_key: 'acme',
        user_fingerprint: expect.any(String),
        user_faq_fingerprint: expect.any(String),
        ...expectedOrder,
      });
      await page.reload();
      await page.waitForFunction(() => typeof window.alhenaCart?.flush === 'function');
      await page.evaluate(() => window.alhenaCart.flush());
      await page.waitForTimeout(500);
      expect(api.requests()).toHaveLength(1);
    });
  }
}

test('the README’s GTM store: an async tag processes the dataLayer entries pushed before it started, once each, in order', async ({
  page,
  site,
  api,
}) => {
  const gtm = `<script>
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  gtag('event', 'add_to_cart', { currency: 'USD', value: 30.03, items: [{ item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 3 }] });
  dataLayer.push({ ecommerce: null });
  dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: 'T_1', value: 30.03, currency: 'USD', items: [{ item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 3 }] } });
</script>`;
  for (const load of ['async', 'injected'] as const) {
    await page.goto(
      scriptTagPage(site, api, `/gtm-${load}.html`, {
        head: gtm,
        load,
        attributes: { 'data-datalayer': 'true', 'data-auto-track': 'false' },
      }),
    );
    await expect.poll(() => recorded(api).length).toBe(load === 'async' ? 2 : 3);
  }
  // The second page's purchase is the same transaction: this browser sent it already.
  await page.waitForTimeout(500);
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU_12345', 3],
    ['CHECKOUT', 'T_1'],
    ['ITEM_ADDED', 'SKU_12345', 3],
  ]);
  expect(recorded(api)[1]).toMatchObject({ value: 30.03, line_items: [{ product_id: 'SKU_12345', quantity: 3, value: 30.03 }] });
});

test('alhenaCart.init() in the script right after a blocking tag configures it, however the parser yields', async ({ page, site, api }) => {
  const body = `<div data-alhena-product-id="SKU-1" data-alhena-product-name="Shoe" data-alhena-price="10">
  <button id="add" data-alhena-action="add-to-cart">Add</button></div>`;
  const init = `<script>
  window.__results = [];
  alhenaCart.init({ currency: 'EUR', onEvent: function (r) { window.__results.push(r.status); } });
</script>`;
  // The init script comes after the tag, in the head; a long head gives the parser reasons to yield.
  const url = scriptTagPage(site, api, '/init-after-tag.html', {
    body: `${init}${'<p>filler</p>'.repeat(2000)}${body}`,
    attributes: { 'data-currency': 'USD' },
  });
  for (let round = 0; round < 3; round++) {
    await page.goto(url);
    await page.click('#add');
    await expect.poll(() => page.evaluate(() => window.__results)).toEqual(['recorded']);
  }
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU-1', 1],
    ['QUANTITY_INCREASED', 'SKU-1', 2],
    ['QUANTITY_INCREASED', 'SKU-1', 3],
  ]);
  expect(recorded(api).map((body) => body.currency)).toEqual(['EUR', 'EUR', 'EUR']);
});
