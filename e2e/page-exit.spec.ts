import { expect, recorded, scriptTagPage, test } from './fixtures';

const ADD = `alhenaCart.trackCartEvent({ type: 'ITEM_ADDED', productId: 'SKU-1', productName: 'Shoe', value: 10, currency: 'USD', quantity: 1 })`;

test('add to cart followed at once by navigation to another origin still arrives', async ({ page, site, api }) => {
  const elsewhere = `${site.otherOrigin}/elsewhere.html`;
  site.page('/elsewhere.html', '<!doctype html><title>payment provider</title><p>another site</p>');
  await page.goto(scriptTagPage(site, api, '/leave.html'));
  await page.evaluate(`${ADD}; location.href = '${elsewhere}'`);
  await page.waitForURL(elsewhere);
  await expect.poll(() => recorded(api).length).toBe(1);
});

test('a request that left as the page closed, answered only after 2 s, is neither lost nor sent again', async ({ page, site, api }) => {
  api.addFaults({ kind: 'delay', ms: 2_000, count: 1 });
  const next = scriptTagPage(site, api, '/next-page.html');
  await page.goto(scriptTagPage(site, api, '/slow-exit.html'));
  await page.evaluate(`${ADD}; location.href = '${next}'`);
  await page.waitForURL(next);
  await expect.poll(() => recorded(api).length, { timeout: 10_000 }).toBe(1);
  // The next page of the store loads the SDK again; it must not resend what the browser finished.
  await page.evaluate(() => window.alhenaCart.flush());
  await page.reload();
  await page.evaluate(() => window.alhenaCart.flush());
  await page.waitForTimeout(1_000);
  expect(api.requests()).toHaveLength(1);
});

test('an event tracked as the tab closes still arrives', async ({ context, site, api }) => {
  const page = await context.newPage();
  await page.goto(scriptTagPage(site, api, '/closing.html'));
  await page.evaluate(ADD);
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => recorded(api).length).toBe(1);
});
