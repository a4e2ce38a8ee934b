import { buildCspApp, cspHeaders, cspScriptTagHead } from '../csp-app';
import { expect, recorded, test, waitForPage } from './fixtures';

const violations = () => (window as unknown as { __violations?: string[] }).__violations ?? ['no listener'];
const resultText = () => document.getElementById('result')?.textContent;

// Page functions run in the browser: they cannot close over the test's variables.
test.beforeAll(buildCspApp);

test('J10 under a strict CSP (script-src self, connect-src the API), the script tag works: a call and a data-attribute click', async ({
  tab,
  site,
  api,
}) => {
  const url = site.page(
    '/j10/script-tag.html',
    `<!doctype html><html><head>
${cspScriptTagHead(api.url)}
</head><body><button id="add">Add</button><output id="result"></output>
<div data-alhena-product-id="CSP-2" data-alhena-product-name="Captured shoe" data-alhena-price="5" data-alhena-currency="USD">
  <button id="capture" data-alhena-action="add-to-cart">Add captured</button></div>
<script src="/e2e/static/csp-script-tag.js"></script></body></html>`,
    cspHeaders(api.url),
  );
  await tab.goto(url);
  await tab.click('#add');
  await waitForPage(tab, 'the call’s result', resultText);
  expect(await tab.evaluate(resultText)).toBe('recorded');
  await tab.click('#capture');
  await expect.poll(() => recorded(api).length).toBe(2);
  expect(recorded(api).map((b) => b.product_id)).toEqual(['CSP-1', 'CSP-2']);
  expect(await tab.evaluate(violations)).toEqual([]);
});

test('J10 under the same strict CSP, the npm build bundled into an app works', async ({ tab, site, api }) => {
  const url = site.page(
    '/j10/app.html',
    `<!doctype html><html data-api="${api.url}"><head>
<script src="/e2e/static/csp-listen.js"></script>
<script src="/e2e/static/widget.js"></script>
<script type="module" src="/e2e/.artifacts/csp-app.js"></script>
</head><body><button id="buy">Buy</button><output id="result"></output></body></html>`,
    cspHeaders(api.url),
  );
  await tab.goto(url);
  await tab.click('#buy');
  await waitForPage(tab, 'the checkout’s result', resultText);
  expect(await tab.evaluate(resultText)).toBe('recorded');
  expect(recorded(api)).toMatchObject([{ orderId: 'CSP-ORDER-1' }]);
  expect(await tab.evaluate(violations)).toEqual([]);
});

test('J10 the policy is enforced in this engine: an inline script on such a page is blocked and reported', async ({ tab, site, api }) => {
  const url = site.page(
    '/j10/proof.html',
    `<!doctype html><html><head><script src="/e2e/static/csp-listen.js"></script></head>
<body><script>window.inlineRan = true;</script></body></html>`,
    cspHeaders(api.url),
  );
  await tab.goto(url);
  await waitForPage(
    tab,
    'a CSP violation report',
    () => ((window as unknown as { __violations?: string[] }).__violations ?? []).length > 0,
  );
  expect(await tab.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan ?? 'blocked')).toBe('blocked');
  expect(await tab.evaluate(violations)).toHaveLength(1);
});
