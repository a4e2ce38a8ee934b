import { expect, journeyPage, pageErrors, recorded, sdkLoaded, summary, test } from './fixtures';

// Pushed before the SDK loads: processed once it does.
const EARLY = `<script>
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
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
