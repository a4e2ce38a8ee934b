import { expect, journeyPage, recorded, shoe, sleep, summary, test, track, waitForPage } from './fixtures';

const SHOWS = `<script>window.__shows = []; addEventListener('pageshow', function (e) { window.__shows.push(e.persisted); });</script>`;
const shows = () => (window as unknown as { __shows: boolean[] }).__shows;
// The test site answers `no-store` by default, which keeps a page out of the cache in Chromium and Firefox.
const CACHEABLE = { 'cache-control': 'private, max-age=0' };

test('J13 the back/forward cache: the SDK leaves a store page eligible, and after coming back an add-to-cart is delivered once, in order', async ({
  tab,
  site,
  api,
}) => {
  site.page('/j13/next.html', '<!doctype html><title>next</title><p>another page of the store</p>', CACHEABLE);
  await tab.goto(
    journeyPage(site, api, '/j13/product.html', { head: SHOWS, body: '<a id="next" href="/j13/next.html">Next</a>', headers: CACHEABLE }),
  );
  expect(await track(tab, shoe('ITEM_ADDED', 1))).toEqual(['recorded']);
  await tab.click('#next');
  await waitForPage(tab, 'the next page', () => location.pathname === '/j13/next.html');
  await tab.evaluate(() => void setTimeout(() => history.back(), 0));
  await waitForPage(tab, 'the product page again', () => location.pathname === '/j13/product.html' && document.readyState === 'complete');
  // Restored from the cache: the same document, shown a second time (persisted), not loaded again.
  expect(await tab.evaluate(shows)).toEqual([false, true]);

  expect(await track(tab, shoe('QUANTITY_INCREASED', 2))).toEqual(['recorded']);
  await sleep(500);
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU-1', 1],
    ['QUANTITY_INCREASED', 'SKU-1', 2],
  ]);
  expect(api.requests()).toHaveLength(2);
});

test('J13 an add-to-cart whose click leaves the page, then Back: delivered once; the restored page sends nothing again, and its next event goes out', async ({
  tab,
  site,
  api,
}) => {
  api.addFaults({ kind: 'delay', ms: 1_000, count: 1 });
  site.page('/j13/cart.html', '<!doctype html><title>cart</title><p>the cart page</p>', CACHEABLE);
  await tab.goto(
    journeyPage(site, api, '/j13/leave.html', {
      head: SHOWS,
      headers: CACHEABLE,
      body: `<div data-alhena-product-id="SKU-1" data-alhena-product-name="Shoe" data-alhena-price="10" data-alhena-currency="USD">
  <button id="add" data-alhena-action="add-to-cart" onclick="location.href = '/j13/cart.html'">Add and view cart</button></div>`,
    }),
  );
  await tab.click('#add');
  await waitForPage(tab, 'the cart page', () => location.pathname === '/j13/cart.html');
  await expect.poll(() => recorded(api).length).toBe(1);
  await tab.evaluate(() => void setTimeout(() => history.back(), 0));
  await waitForPage(tab, 'the product page again', () => location.pathname === '/j13/leave.html' && document.readyState === 'complete');
  await waitForPage(tab, 'the SDK to be idle', () => window.alhenaCart.flush().then(() => true));
  await sleep(1_000);
  expect(api.requests()).toHaveLength(1);
  expect(await track(tab, shoe('QUANTITY_INCREASED', 2))).toEqual(['recorded']);
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU-1', 1],
    ['QUANTITY_INCREASED', 'SKU-1', 2],
  ]);
  expect(api.requests()).toHaveLength(2);
});
