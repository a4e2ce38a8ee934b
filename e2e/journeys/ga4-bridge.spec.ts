import { expect, journeyPage, pageErrors, recorded, sdkLoaded, settled, summary, test, waitForPage } from './fixtures';

/** The store's own gtag.js setup, as Google gives it. */
const GTAG = 'window.dataLayer = window.dataLayer || []; function gtag() { dataLayer.push(arguments); }';

// Pushed before the SDK loads: processed once it does.
const EARLY = `<script>
  ${GTAG}
  gtag('js', new Date());
  gtag('config', 'G-TEST');
  dataLayer.push({ ecommerce: null });
  dataLayer.push({ event: 'add_to_cart', ecommerce: { currency: 'USD', value: 30.03, items: [{ item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 3 }] } });
</script>`;
const BUTTONS = `<button id="remove" onclick="gtag('event', 'remove_from_cart', { currency: 'USD', value: 10.01, items: [{ item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 1 }] })">Remove one</button>
<button id="buy" onclick="dataLayer.push({ ecommerce: null }); dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: 'T_12345', value: 20.02, currency: 'USD', items: [{ item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 2 }] } })">Buy</button>`;

test('J11 the GA4 bridge turns both dataLayer.push shapes ({ event, ecommerce } and gtag) into cart and checkout events', async ({
  tab,
  site,
  api,
}) => {
  await tab.goto(
    journeyPage(site, api, '/j11/gtm.html', {
      head: EARLY,
      body: BUTTONS,
      load: 'async',
      attributes: { 'data-datalayer': 'true', 'data-auto-track': 'false' },
    }),
  );
  await sdkLoaded(tab);
  await expect.poll(() => recorded(api).length).toBe(1);
  await tab.click('#remove');
  await expect.poll(() => recorded(api).length).toBe(2);
  await tab.click('#buy');
  await expect.poll(() => recorded(api).length).toBe(3);
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU_12345', 3],
    ['QUANTITY_DECREASED', 'SKU_12345', 2],
    ['CHECKOUT', 'T_12345'],
  ]);
  expect(recorded(api)[0]).toMatchObject({ value: 10.01, currency: 'USD', product_name: 'Stan and Friends Tee' });
  expect(recorded(api)[2]).toMatchObject({
    value: 20.02,
    orderId: 'T_12345',
    line_items: [{ product_id: 'SKU_12345', product_name: 'Stan and Friends Tee', quantity: 2, value: 20.02, currency: 'USD' }],
  });
  expect(api.requests()).toHaveLength(3);
  expect(await pageErrors(tab)).toEqual([]);
});

test('J11 a tag manager that wraps dataLayer.push after the SDK has: gtag and dataLayer pushes still become the same events', async ({
  tab,
  site,
  api,
}) => {
  const gtm = `<script>
  ${GTAG}
  gtag('js', new Date());
  gtag('config', 'G-TEST');
  // A tag manager loading later wraps push, keeping the previous one (as Google's data-layer helper does).
  window.__gtmSeen = [];
  setTimeout(function () {
    var previous = dataLayer.push;
    dataLayer.push = function () { window.__gtmSeen.push(arguments[0]); return previous.apply(dataLayer, arguments); };
    window.__gtmWrapped = true;
  }, 100);
</script>`;
  const body = `<button id="add" onclick="gtag('event', 'add_to_cart', { currency: 'USD', value: 30.03, items: [{ item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 3 }] })">Add</button>
<button id="remove" onclick="dataLayer.push({ ecommerce: null }); dataLayer.push({ event: 'remove_from_cart', ecommerce: { currency: 'USD', value: 10.01, items: [{ item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 1 }] } })">Remove one</button>
<button id="buy" onclick="dataLayer.push({ ecommerce: null }); dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: 'T_12345', value: 20.02, currency: 'USD', items: [{ item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 2 }] } })">Buy</button>`;
  await tab.goto(
    journeyPage(site, api, '/j11/gtm-wrapped.html', {
      head: gtm,
      body,
      attributes: { 'data-datalayer': 'true', 'data-auto-track': 'false' },
    }),
  );
  await sdkLoaded(tab);
  await waitForPage(tab, 'the tag manager to wrap push', () => (window as unknown as { __gtmWrapped?: boolean }).__gtmWrapped);
  for (const button of ['#add', '#remove', '#buy']) await tab.click(button);
  await expect.poll(() => recorded(api).length).toBe(3);
  await settled(tab, api, 3);
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU_12345', 3],
    ['QUANTITY_DECREASED', 'SKU_12345', 2],
    ['CHECKOUT', 'T_12345'],
  ]);
  expect(recorded(api)[2]).toMatchObject({ value: 20.02, line_items: [{ product_id: 'SKU_12345', quantity: 2, value: 20.02 }] });
  // The tag manager's wrapper saw the three clicks' pushes (five entries) after the SDK's.
  expect(await tab.evaluate(() => window.__gtmSeen.length)).toBeGreaterThanOrEqual(5);
  expect(await pageErrors(tab)).toEqual([]);
});

test('J11 the README’s GTM store: a tag that starts late (async, or injected on load) processes the entries pushed before it, once each; the same purchase on a second page is not sent again', async ({
  tab,
  site,
  api,
}) => {
  const gtm = `<script>
  ${GTAG}
  gtag('event', 'add_to_cart', { currency: 'USD', value: 30.03, items: [{ item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 3 }] });
  dataLayer.push({ ecommerce: null });
  dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: 'T_1', value: 30.03, currency: 'USD', items: [{ item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 3 }] } });
</script>`;
  for (const load of ['async', 'injected'] as const) {
    await tab.goto(
      journeyPage(site, api, `/j11/gtm-${load}.html`, {
        head: gtm,
        load,
        attributes: { 'data-datalayer': 'true', 'data-auto-track': 'false' },
      }),
    );
    await expect.poll(() => recorded(api).length).toBe(load === 'async' ? 2 : 3);
  }
  // The second page's purchase is the same transaction: this browser sent it already.
  await settled(tab, api, 3);
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU_12345', 3],
    ['CHECKOUT', 'T_1'],
    ['ITEM_ADDED', 'SKU_12345', 3],
  ]);
  expect(recorded(api)[1]).toMatchObject({ value: 30.03, line_items: [{ product_id: 'SKU_12345', quantity: 3, value: 30.03 }] });
  expect(await pageErrors(tab)).toEqual([]);
});
