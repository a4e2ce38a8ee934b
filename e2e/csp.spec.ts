import { buildCspApp, cspHeaders as csp } from './csp-app';
import { expect, recorded, test } from './fixtures';

const violationsOf = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);

test.beforeAll(buildCspApp);

test('the script-tag build works under a strict CSP: no inline script, no eval, one API origin', async ({ page, site, api }) => {
  const url = site.page(
    '/csp-script-tag.html',
    `<!doctype html><html><head>
<script src="/e2e/static/csp-listen.js"></script>
<script src="/e2e/static/widget.js"></script>
<script src="/dist/alhena-cart.min.js" data-company-key="acme" data-api-base-url="${api.url}"></script>
</head><body><button id="add">Add</button><output id="result"></output>
<div data-alhena-product-id="CSP-2" data-alhena-product-name="Captured shoe" data-alhena-price="5" data-alhena-currency="USD">
  <button id="capture" data-alhena-action="add-to-cart">Add captured</button></div>
<script src="/e2e/static/csp-script-tag.js"></script></body></html>`,
    csp(api.url),
  );
  await page.goto(url);
  await page.click('#add');
  await expect(page.locator('#result')).toHaveText('recorded');
  await page.click('#capture');
  await expect.poll(() => recorded(api).length).toBe(2);
  expect(recorded(api).map((b) => b.product_id)).toEqual(['CSP-1', 'CSP-2']);
  expect(await violationsOf(page)).toEqual([]);
});

test('the npm build, bundled into an app, works under the same strict CSP', async ({ page, site, api }) => {
  const url = site.page(
    '/csp-app.html',
    `<!doctype html><html data-api="${api.url}"><head>
<script src="/e2e/static/csp-listen.js"></script>
<script src="/e2e/static/widget.js"></script>
<script type="module" src="/e2e/.artifacts/csp-app.js"></script>
</head><body><button id="buy">Buy</button><output id="result"></output></body></html>`,
    csp(api.url),
  );
  await page.goto(url);
  await page.click('#buy');
  await expect(page.locator('#result')).toHaveText('recorded');
  expect(recorded(api)[0]).toMatchObject({ orderId: 'CSP-ORDER-1' });
  expect(await violationsOf(page)).toEqual([]);
});

test('the policy is really enforced: an inline script on the same page is blocked and reported', async ({ page, site, api }) => {
  const url = site.page(
    '/csp-proof.html',
    `<!doctype html><html><head><script src="/e2e/static/csp-listen.js"></script></head>
<body><script>window.inlineRan = true;</script></body></html>`,
    csp(api.url),
  );
  await page.goto(url);
  await expect.poll(() => violationsOf(page)).toHaveLength(1);
  expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
});
