import { expect, journeyPage, recorded, sdkLoaded, sleep, summary, test, waitForPage } from './fixtures';

test('J3 a click whose own handler navigates away at once is delivered', async ({ tab, site, api }) => {
  const next = site.page('/j3/next.html', '<!doctype html><title>next</title><p>next page</p>');
  const url = journeyPage(site, api, '/j3/product.html', {
    body: `<button id="add">Add to cart</button>
<script>
  document.getElementById('add').addEventListener('click', function () {
    alhenaCart.trackCartEvent({ type: 'ITEM_ADDED', productId: 'SKU-1', productName: 'Shoe', value: 10, currency: 'USD', quantity: 1 });
    location.href = '${next}';
  });
</script>`,
  });
  await tab.goto(url);
  await tab.click('#add');
  await expect.poll(() => tab.url()).toBe(next);
  await expect.poll(() => recorded(api).length).toBe(1);
  expect(summary(recorded(api))).toEqual([['ITEM_ADDED', 'SKU-1', 1]]);
  expect(api.requests()).toHaveLength(1);
});

test('J3 an add-to-cart button in a window that closes itself is delivered once, and not again by its opener', async ({
  tab,
  site,
  api,
}) => {
  const product = `<div data-alhena-product-id="SKU-1" data-alhena-product-name="Shoe" data-alhena-price="10" data-alhena-currency="USD">
  <button id="add" data-alhena-action="add-to-cart" onclick="window.close()">Add and close</button></div>`;
  journeyPage(site, api, '/j3/popup.html', { body: product });
  await tab.goto(
    journeyPage(site, api, '/j3/opener.html', {
      body: `<button id="open" onclick="window.open('/j3/popup.html', 'p', 'width=400,height=400')">Quick add</button>`,
    }),
  );
  for (let round = 1; round <= 2; round++) {
    const popup = await tab.popup(() => tab.click('#open'));
    await sdkLoaded(popup);
    await sleep(200);
    await popup.click('#add');
    await popup.closed();
    await expect.poll(() => recorded(api).length).toBe(round);
  }
  await waitForPage(tab, 'the opener to flush', () => window.alhenaCart.flush().then(() => true));
  await sleep(2_000);
  expect(api.requests().map((r) => (r.body as { quantity: number }).quantity)).toEqual([1, 2]);
});
