import { expect, FP, journeyPage, pageErrors, sdkLoaded, type Tab, test, waitForPage } from './fixtures';

const FORM = `<form data-alhena-fingerprints method="post" action="/j16/pay">
  <input name="email" value="ada@example.com"><button id="pay">Continue to payment</button>
</form>`;
const HANDED_OVER = { email: 'ada@example.com', alhena_user_fingerprint: FP.user, alhena_faq_fingerprint: FP.faq };
const fieldsOf = (body: string) => Object.fromEntries(new URLSearchParams(body));

/** The widget appears `ms` after the click on #pay, timed in the page itself (a slow driver cannot stretch it past the 1 s wait). */
const widgetLoadsAfterClick = (tab: Tab, ms: number) =>
  tab.evaluate(
    ([fp, delay]) => {
      document.getElementById('pay')?.addEventListener('click', () => {
        setTimeout(() => {
          (window as unknown as { gleenWidget: unknown }).gleenWidget = { getFingerprint: () => fp.user, getFAQFingerprint: () => fp.faq };
        }, delay);
      });
    },
    [FP, ms] as const,
  );

test('J16 a <form data-alhena-fingerprints> submits the widget’s two fingerprints to the store’s server; getFingerprintFields gives the same', async ({
  tab,
  site,
  api,
}) => {
  site.page('/j16/pay', '<!doctype html><title>payment</title>');
  await tab.goto(journeyPage(site, api, '/j16/checkout.html', { body: FORM }));
  await sdkLoaded(tab);
  expect(await tab.evaluate(() => window.alhenaCart.getFingerprintFields())).toEqual({
    alhena_user_fingerprint: FP.user,
    alhena_faq_fingerprint: FP.faq,
  });
  expect(await pageErrors(tab)).toEqual([]);
  await tab.click('#pay');
  await expect.poll(() => site.posted('/j16/pay').length).toBe(1);
  expect(fieldsOf(site.posted('/j16/pay')[0].body)).toEqual(HANDED_OVER);
  await waitForPage(tab, 'the payment page', () => location.pathname === '/j16/pay');
});

test('J16 with consent denied, the form submits without the fingerprints', async ({ tab, site, api }) => {
  site.page('/j16/pay-denied', '<!doctype html><title>payment</title>');
  await tab.goto(
    journeyPage(site, api, '/j16/checkout-denied.html', {
      body: FORM.replace('/j16/pay', '/j16/pay-denied'),
      attributes: { 'data-consent': 'denied' },
    }),
  );
  await sdkLoaded(tab);
  expect(await tab.evaluate(() => window.alhenaCart.getFingerprintFields())).toBeNull();
  await tab.click('#pay');
  await expect.poll(() => site.posted('/j16/pay-denied').length).toBe(1);
  expect(fieldsOf(site.posted('/j16/pay-denied')[0].body)).toEqual({ email: 'ada@example.com' });
});

for (const [widget, widgetDelayMs, expected] of [
  ['never loads', null, { email: 'ada@example.com' }],
  ['loads 500 ms after the click', 'late', HANDED_OVER],
] as const) {
  test(`J16 when the widget ${widget}, the form waits at most 1 s, then submits ${widget === 'never loads' ? 'without them' : 'with them'}`, async ({
    tab,
    site,
    api,
  }) => {
    const path = `/j16/pay-${widgetDelayMs ?? 'none'}`;
    site.page(path, '<!doctype html><title>payment</title>');
    await tab.goto(journeyPage(site, api, `${path}-checkout.html`, { body: FORM.replace('/j16/pay', path), widgetDelayMs: null }));
    await sdkLoaded(tab);
    if (widgetDelayMs === 'late') await widgetLoadsAfterClick(tab, 500);
    const clicked = Date.now();
    await tab.click('#pay');
    await expect.poll(() => site.posted(path).length, { timeout: 5_000 }).toBe(1);
    expect(fieldsOf(site.posted(path)[0].body)).toEqual(expected);
    // Held for the wait, not longer: the checkout goes on (the bound has room for a slow driver).
    expect(site.posted(path)[0].at - clicked).toBeLessThan(3_000);
  });
}

// The page's own code at work while the form waits for the widget: a Pay button swapped for a spinner
// as it is clicked, and (as in Safari before 16) no requestSubmit with a single-page app's own handler.
const PAY_FORM = `<form id="checkout" data-alhena-fingerprints method="post" action="/j16/pay-spinner">
  <input name="email" value="ada@example.com">
  <span id="slot"><button id="pay" name="op" value="pay" formaction="/j16/pay-spinner?via=button">Pay</button></span>
  <button name="op" value="save">Save for later</button>
</form>
<script>
  document.getElementById('pay').addEventListener('click', function () {
    setTimeout(function () { document.getElementById('slot').textContent = 'Processing…'; }, 50);
  });
</script>`;

test('J16 a Pay button swapped for a spinner while the form waits for the widget: the form still posts, with the button’s value and formaction', async ({
  tab,
  site,
  api,
}) => {
  site.page('/j16/pay-spinner', '<!doctype html><title>payment</title>');
  await tab.goto(journeyPage(site, api, '/j16/spinner.html', { body: PAY_FORM, widgetDelayMs: null }));
  await sdkLoaded(tab);
  await widgetLoadsAfterClick(tab, 300);
  await tab.click('#pay');
  await expect.poll(() => site.posted('/j16/pay-spinner').length, { timeout: 5_000 }).toBe(1);
  expect(fieldsOf(site.posted('/j16/pay-spinner')[0].body)).toEqual({ ...HANDED_OVER, op: 'pay' });
  // Where the button said: its formaction, which the SDK put back on the form for the held submission.
  await waitForPage(tab, 'the payment page', () => location.search === '?via=button');
});

test('J16 without requestSubmit (Safari before 16), a single-page app’s own submit handler still gets the held submission, once', async ({
  tab,
  site,
  api,
}) => {
  const head = `<script>delete HTMLFormElement.prototype.requestSubmit; window.__sent = [];</script>`;
  const body = `${FORM.replace('/j16/pay', '/j16/spa')}<script>
  document.querySelector('form').addEventListener('submit', function (event) {
    event.preventDefault();
    window.__sent.push(Object.fromEntries(new FormData(event.target)));
  });
</script>`;
  await tab.goto(journeyPage(site, api, '/j16/spa.html', { head, body, widgetDelayMs: null }));
  await sdkLoaded(tab);
  await widgetLoadsAfterClick(tab, 300);
  await tab.click('#pay');
  await waitForPage(tab, 'the app’s handler', () => (window as unknown as { __sent: unknown[] }).__sent.length > 0);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await tab.evaluate(() => (window as unknown as { __sent: unknown[] }).__sent)).toEqual([HANDED_OVER]);
  expect(site.posted('/j16/spa')).toEqual([]);
  expect(await pageErrors(tab)).toEqual([]);
});
