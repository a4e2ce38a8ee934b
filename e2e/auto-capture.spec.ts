import { expect, recorded, scriptTagPage, summary, test } from './fixtures';

const productCard = `
<div class="product" data-alhena-product-id="SKU-1" data-alhena-product-name="Black Running Shoes" data-alhena-price="79.99" data-alhena-currency="USD">
  <button id="add" data-alhena-action="add-to-cart">Add to cart</button>
</div>
<div class="cart-line" data-alhena-product-id="SKU-1">
  <button id="plus" data-alhena-action="increase-quantity">+</button>
  <button id="minus" data-alhena-action="decrease-quantity">−</button>
  <select id="qty" data-alhena-action="set-quantity"><option>1</option><option>2</option><option>3</option><option>4</option></select>
  <button id="remove" data-alhena-action="remove-from-cart">Remove</button>
</div>`;

test('a product page’s add, increase, decrease, set-quantity and remove controls send the right ordered events', async ({
  page,
  site,
  api,
}) => {
  await page.goto(scriptTagPage(site, api, '/product-page.html', { body: productCard }));
  await page.click('#add');
  await page.click('#add');
  await page.click('#plus');
  await page.click('#minus');
  await page.selectOption('#qty', '4');
  await page.click('#remove');
  await expect.poll(() => recorded(api).length).toBe(6);
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU-1', 1],
    ['QUANTITY_INCREASED', 'SKU-1', 2],
    ['QUANTITY_INCREASED', 'SKU-1', 3],
    ['QUANTITY_DECREASED', 'SKU-1', 2],
    ['QUANTITY_INCREASED', 'SKU-1', 4],
    ['ITEM_REMOVED', 'SKU-1', 0],
  ]);
  expect(recorded(api)[0]).toMatchObject({ product_name: 'Black Running Shoes', value: 79.99, currency: 'USD', source: 'CUSTOM' });
});

test('a click the page makes while it is still loading, before the SDK’s own start task, is captured', async ({ page, site, api }) => {
  // The SDK's code runs in a task of its own after the script tag; a click that comes first starts it at once.
  // The tag's load event fires in the same task as its evaluation, so this click always comes first.
  const early = { head: productCard, attributes: { onload: "document.getElementById('add').click()" } };
  await page.goto(scriptTagPage(site, api, '/early-click.html', early));
  await expect.poll(() => recorded(api).length).toBe(1);
  expect(summary(recorded(api))).toEqual([['ITEM_ADDED', 'SKU-1', 1]]);
});

test('a single-page app’s buttons rendered after load are tracked, and a form counts one add', async ({ page, site, api }) => {
  const app = `<div id="app">loading…</div>
<script>
  setTimeout(function () {
    var app = document.getElementById('app');
    app.textContent = '';
    var card = document.createElement('form');
    card.setAttribute('data-alhena-action', 'add-to-cart');
    card.setAttribute('data-alhena-product-id', 'SPA-1');
    card.setAttribute('data-alhena-product-name', 'Rendered later');
    card.setAttribute('data-alhena-price', '12.50');
    card.setAttribute('data-alhena-currency', 'EUR');
    var qty = document.createElement('input');
    qty.setAttribute('data-alhena-quantity-input', '');
    qty.value = '2';
    var button = document.createElement('button');
    button.id = 'spa-add';
    button.type = 'submit';
    button.textContent = 'Add';
    card.append(qty, button);
    card.addEventListener('submit', function (event) { event.preventDefault(); });
    app.append(card);
  }, 500);
</script>`;
  await page.goto(scriptTagPage(site, api, '/spa.html', { body: app }));
  await page.click('#spa-add');
  await expect.poll(() => recorded(api).length).toBe(1);
  await page.waitForTimeout(500);
  expect(summary(recorded(api))).toEqual([['ITEM_ADDED', 'SPA-1', 2]]);
  expect(recorded(api)[0]).toMatchObject({ value: 12.5, currency: 'EUR' });
});

const confirmation = `<p>Thank you!</p>
<script>
  setTimeout(function () {
    var order = document.createElement('section');
    order.setAttribute('data-alhena-order', '');
    order.setAttribute('data-alhena-order-id', 'ORD-42');
    order.setAttribute('data-alhena-order-value', '104.97');
    order.setAttribute('data-alhena-currency', 'USD');
    [['SKU-1', 'Black Running Shoes', '1', '79.99'], ['SKU-2', 'Socks', '5', '24.98']].forEach(function (l) {
      var line = document.createElement('div');
      line.setAttribute('data-alhena-line-item', '');
      line.setAttribute('data-alhena-product-id', l[0]);
      line.setAttribute('data-alhena-product-name', l[1]);
      line.setAttribute('data-alhena-quantity', l[2]);
      line.setAttribute('data-alhena-line-value', l[3]);
      order.append(line);
    });
    document.body.append(order);
  }, 1000);
</script>`;

test('an order confirmation inserted 1 s after load is sent once; reloads of the page send nothing', async ({ page, site, api }) => {
  const url = scriptTagPage(site, api, '/order-confirmation.html', { body: confirmation });
  await page.goto(url);
  await expect.poll(() => recorded(api).length).toBe(1);
  expect(recorded(api)[0]).toMatchObject({
    orderId: 'ORD-42',
    order_id: 'ORD-42',
    value: 104.97,
    currency: 'USD',
    line_items: [
      { product_id: 'SKU-1', product_name: 'Black Running Shoes', quantity: 1, value: 79.99, currency: 'USD' },
      { product_id: 'SKU-2', product_name: 'Socks', quantity: 5, value: 24.98, currency: 'USD' },
    ],
  });
  await page.reload();
  await page.waitForSelector('[data-alhena-order]', { state: 'attached' });
  await page.reload();
  await page.waitForSelector('[data-alhena-order]', { state: 'attached' });
  await page.waitForTimeout(1_000);
  expect(api.requests()).toHaveLength(1);
});

test('a GTM-style store’s gtag and dataLayer pushes become the same events', async ({ page, site, api }) => {
  const gtm = `<script>
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  gtag('js', new Date());
  gtag('config', 'G-TEST');
  // A tag manager loading later wraps push, keeping the previous one (as Google's data-layer helper does).
  window.__gtmSeen = [];
  setTimeout(function () {
    var previous = dataLayer.push;
    dataLayer.push = function () { window.__gtmSeen.push(arguments[0]); return previous.apply(dataLayer, arguments); };
  }, 100);
</script>`;
  const body = `<button id="add" onclick="gtag('event', 'add_to_cart', { currency: 'USD', value: 30.03, items: [{ item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 3 }] })">Add</button>
<button id="remove" onclick="dataLayer.push({ ecommerce: null }); dataLayer.push({ event: 'remove_from_cart', ecommerce: { currency: 'USD', value: 10.01, items: [{ item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 1 }] } })">Remove one</button>
<button id="buy" onclick="dataLayer.push({ ecommerce: null }); dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: 'T_12345', value: 20.02, currency: 'USD', items: [{ item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 2 }] } })">Buy</button>`;
  await page.goto(
    scriptTagPage(site, api, '/gtm.html', { head: gtm, body, attributes: { 'data-datalayer': 'true', 'data-auto-track': 'false' } }),
  );
  await page.waitForTimeout(200);
  await page.click('#add');
  await page.click('#remove');
  await page.click('#buy');
  await expect.poll(() => recorded(api).length).toBe(3);
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU_12345', 3],
    ['QUANTITY_DECREASED', 'SKU_12345', 2],
    ['CHECKOUT', 'T_12345'],
  ]);
  expect(recorded(api)[2]).toMatchObject({ value: 20.02, line_items: [{ product_id: 'SKU_12345', quantity: 2, value: 20.02 }] });
  expect(await page.evaluate(() => window.__gtmSeen.length)).toBeGreaterThanOrEqual(5);
});
