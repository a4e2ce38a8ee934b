import { expect, flushed, journeyPage, pageErrors, recorded, sdkLoaded, statusOf, test, waitForPage } from './fixtures';

// As Prototype.js 1.6 defines it, still on many older Magento 1 stores: an array serialises as a string.
const PROTOTYPE_JS = `<script>
  Array.prototype.toJSON = function () { return '[' + this.map(function (item) { return JSON.stringify(item); }).join(', ') + ']'; };
</script>`;
const ORDER = `<script>
  window.placeOrder = function () {
    return alhenaCart.trackCheckout({ orderId: 'ORD-P1', value: 20, currency: 'USD',
      lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 2, value: 20 }] });
  };
</script>`;

test('J14 a page with Prototype.js’s Array.prototype.toJSON: line items go out as an array, and the stored queue and order ids stay readable', async ({
  tab,
  site,
  api,
}) => {
  api.addFaults({ kind: 'status', status: 503, count: 1 });
  const url = journeyPage(site, api, '/j14/thank-you.html', { head: PROTOTYPE_JS, body: ORDER });
  await tab.goto(url);
  expect(await tab.evaluate(() => typeof JSON.stringify([1]))).toBe('string');
  await tab.evaluate(() => void (window as unknown as { placeOrder: () => Promise<unknown> }).placeOrder());
  // The 503 leaves the order stored for its retry; the reload reads it back and sends it.
  await expect.poll(() => api.requests().length).toBe(1);
  await tab.reload();
  await expect.poll(() => recorded(api).length, { timeout: 10_000 }).toBe(1);
  expect(api.requests().map(statusOf)).toEqual([503, 200]);
  expect(Array.isArray(recorded(api)[0].line_items)).toBe(true);
  expect(recorded(api)[0]).toMatchObject({ orderId: 'ORD-P1', line_items: [{ product_id: 'SKU-1', quantity: 2, value: 20 }] });
  // Another reload: the stored order id is read back, so the order is not sent again.
  await tab.reload();
  await sdkLoaded(tab);
  await waitForPage(tab, 'the SDK to load', () => typeof (window as unknown as { placeOrder?: unknown }).placeOrder === 'function');
  expect(
    await tab.evaluate(() => (window as unknown as { placeOrder: () => Promise<{ status: string }> }).placeOrder().then((r) => r.status)),
  ).toBe('duplicate');
  await flushed(tab);
  expect(api.requests()).toHaveLength(2);
  expect(await pageErrors(tab)).toEqual([]);
});
