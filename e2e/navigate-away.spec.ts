import { expect, recorded, scriptTagPage, test } from './fixtures';

test('a click whose own handler navigates away at once is still delivered', async ({ page, site, api }) => {
  const next = site.page('/next.html', '<!doctype html><title>next</title><p>next page</p>');
  const url = scriptTagPage(site, api, '/product.html', {
    body: `<button id="add">Add to cart</button>
<script>
  document.getElementById('add').addEventListener('click', function () {
    alhenaCart.trackCartEvent({ type: 'ITEM_ADDED', productId: 'SKU-1', productName: 'Shoe', value: 10, currency: 'USD', quantity: 1 });
    location.href = '${next}';
  });
</script>`,
  });
  await page.goto(url);
  await page.click('#add');
  await page.waitForURL(next);
  await expect.poll(() => recorded(api).length).toBe(1);
  expect(recorded(api)[0]).toMatchObject({ type: 'ITEM_ADDED', product_id: 'SKU-1' });
});
