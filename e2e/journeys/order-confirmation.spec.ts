import { expect, FP, flushed, journeyPage, pageErrors, recorded, sdkLoaded, sleep, test } from './fixtures';

const ELEMENT = `<section data-alhena-order data-alhena-order-id="ORD-EL-1" data-alhena-order-value="109.98" data-alhena-currency="USD">
  <h1>Thank you</h1>
  <div data-alhena-line-item data-alhena-product-id="SKU-1" data-alhena-product-name="Shoe" data-alhena-quantity="2" data-alhena-line-value="109.98">Shoe × 2</div>
</section>`;
const JSON_ORDER = `<script type="application/json" data-alhena-order>
  {"orderId": "ORD-JS-1", "value": 109.98, "currency": "USD",
   "lineItems": [{"productId": "SKU-1", "productName": "Shoe", "quantity": 2, "value": 109.98}]}
</script><h1>Thank you</h1>`;

for (const [kind, body, orderId] of [
  ['element', ELEMENT, 'ORD-EL-1'],
  ['JSON', JSON_ORDER, 'ORD-JS-1'],
] as const) {
  // `async` as the README installs it; `injected` on load, as a tag manager does: both start on a parsed page.
  for (const load of ['async', 'injected'] as const) {
    test(`J6 the order confirmation (${kind}, ${load} tag) sends one checkout; reloads and a second tab send nothing more`, async ({
      visitor,
      site,
      api,
    }) => {
      const url = journeyPage(site, api, `/j6/thank-you-${kind}-${load}.html`, { body, load });
      const first = await visitor.newTab(url);
      await expect.poll(() => recorded(api).length).toBe(1);
      expect(recorded(api)[0]).toStrictEqual({
        company_key: 'acme',
        user_fingerprint: FP.user,
        user_faq_fingerprint: FP.faq,
        value: 109.98,
        currency: 'USD',
        orderId,
        order_id: orderId,
        line_items: [{ product_id: 'SKU-1', product_name: 'Shoe', quantity: 2, value: 109.98, currency: 'USD' }],
      });
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
