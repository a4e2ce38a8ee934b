import { acmeCartBody, expect, journeyPage, pageErrors, recorded, selectOption, settled, shoeAddedBody, summary, test } from './fixtures';

// J19: the store's own markup, marked with data-alhena-* attributes, captured by the script tag alone.

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

test('J19 a product page’s add, increase, decrease, set-quantity and remove controls send the right events, in order', async ({
  tab,
  site,
  api,
}) => {
  await tab.goto(journeyPage(site, api, '/j19/product-page.html', { body: productCard }));
  await tab.click('#add');
  await tab.click('#add');
  await tab.click('#plus');
  await tab.click('#minus');
  await selectOption(tab, '#qty', '4');
  await tab.click('#remove');
  await settled(tab, api, 6);
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU-1', 1],
    ['QUANTITY_INCREASED', 'SKU-1', 2],
    ['QUANTITY_INCREASED', 'SKU-1', 3],
    ['QUANTITY_DECREASED', 'SKU-1', 2],
    ['QUANTITY_INCREASED', 'SKU-1', 4],
    ['ITEM_REMOVED', 'SKU-1', 0],
  ]);
  expect(recorded(api)[0]).toStrictEqual(shoeAddedBody());
  expect(await pageErrors(tab)).toEqual([]);
});

test('J19 a click the page makes while it is still loading, before the SDK’s own start task, is captured', async ({ tab, site, api }) => {
  // The SDK's code runs in a task of its own after the script tag; a click that comes first starts it at once.
  // The tag's load event fires in the same task as its evaluation, so this click always comes first.
  const early = { head: productCard, attributes: { onload: "document.getElementById('add').click()" } };
  await tab.goto(journeyPage(site, api, '/j19/early-click.html', early));
  await settled(tab, api, 1);
  expect(summary(recorded(api))).toEqual([['ITEM_ADDED', 'SKU-1', 1]]);
});

test('J19 a single-page app’s form rendered after load is captured, and its submit counts one add of the typed quantity', async ({
  tab,
  site,
  api,
}) => {
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
  await tab.goto(journeyPage(site, api, '/j19/spa.html', { body: app }));
  await tab.click('#spa-add');
  await settled(tab, api, 1);
  expect(summary(recorded(api))).toEqual([['ITEM_ADDED', 'SPA-1', 2]]);
  expect(recorded(api)[0]).toMatchObject({ value: 12.5, currency: 'EUR' });
});

/** Defines `<tag>` whose open shadow root holds `shadowHtml`. */
const component = (tag: string, shadowHtml: string) => `<script>
  customElements.define('${tag}', class extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(shadowHtml)};
    }
  });
</script>`;

const shadowButton = '<button id="shadow-add" data-alhena-action="add-to-cart"><span>Add to cart</span></button>';

const shadowCases = [
  {
    name: 'with the product card inside the shadow root (nearer than a card around the host)',
    body: `<div data-alhena-product-id="SKU-OUTER" data-alhena-product-name="Not this one" data-alhena-price="1.00" data-alhena-currency="GBP">
  <product-card></product-card>
</div>
${component(
  'product-card',
  `<article data-alhena-product-id="SKU-SHADOW" data-alhena-product-name="Shadow Runner" data-alhena-price="59.50" data-alhena-currency="EUR">${shadowButton}</article>`,
)}`,
    button: 'product-card >>> #shadow-add',
    expected: { product_id: 'SKU-SHADOW', product_name: 'Shadow Runner', value: 59.5, currency: 'EUR' },
  },
  {
    name: 'with the product card around the host',
    body: `<div data-alhena-product-id="SKU-HOST" data-alhena-product-name="Trail Socks" data-alhena-price="12.50" data-alhena-currency="USD">
  <buy-button></buy-button>
</div>
${component('buy-button', shadowButton)}`,
    button: 'buy-button >>> #shadow-add',
    expected: { product_id: 'SKU-HOST', product_name: 'Trail Socks', value: 12.5, currency: 'USD' },
  },
  {
    name: 'two shadow roots deep, with the product card around the outer host',
    body: `<div data-alhena-product-id="SKU-NESTED" data-alhena-product-name="Nested Cap" data-alhena-price="19.99" data-alhena-currency="USD">
  <outer-card></outer-card>
</div>
${component('inner-button', shadowButton)}
${component('outer-card', '<div class="frame"><inner-button></inner-button></div>')}`,
    button: 'outer-card >>> inner-button >>> #shadow-add',
    expected: { product_id: 'SKU-NESTED', product_name: 'Nested Cap', value: 19.99, currency: 'USD' },
  },
];

for (const { name, body, button, expected } of shadowCases) {
  test(`J19 a click on an add-to-cart button inside an open shadow root, ${name}, sends one ITEM_ADDED`, async ({ tab, site, api }) => {
    await tab.goto(journeyPage(site, api, `/j19/shadow-${expected.product_id.toLowerCase()}.html`, { body }));
    await tab.click(button);
    await settled(tab, api, 1);
    expect(recorded(api)).toStrictEqual([acmeCartBody({ type: 'ITEM_ADDED', ...expected, quantity: 1 })]);
  });
}

// The README's cart line example.
const cartLine = `<ul>
<li id="line" data-alhena-product-id="SKU-1234" data-alhena-product-name="Black Running Shoes"
    data-alhena-price="79.99" data-alhena-currency="USD" data-alhena-quantity="2">
  <button data-alhena-action="decrease-quantity">−</button>
  <select data-alhena-action="set-quantity"><option>1</option><option selected>2</option><option>3</option></select>
  <button data-alhena-action="increase-quantity">+</button>
  <button id="remove" data-alhena-action="remove-from-cart">Remove</button>
</li>
</ul>`;

/** Counts the clicks on Remove, so that a test can show the double click was two clicks to the page. */
const COUNT_REMOVE_CLICKS = `<script>
  window.__removeClicks = [];
  ['click', 'dblclick'].forEach(function (type) {
    document.addEventListener(type, function (event) { if (event.target.id === 'remove') window.__removeClicks.push(type); }, true);
  });
</script>`;
const removeClicks = () => (window as unknown as { __removeClicks: string[] }).__removeClicks;

const shoes = { product_id: 'SKU-1234', product_name: 'Black Running Shoes', value: 79.99, currency: 'USD' };
const addedThenRemoved = [
  acmeCartBody({ type: 'ITEM_ADDED', ...shoes, quantity: 2 }),
  acmeCartBody({ type: 'ITEM_REMOVED', ...shoes, quantity: 0 }),
];

test('J19 a double click on Remove, the store re-rendering the line 300 ms later, sends one ITEM_REMOVED', async ({ tab, site, api }) => {
  // The product page's own code reported the add (trackCartEvent leaves the SDK's cart record alone);
  // the cart page tells the record with syncCart, as the README's cart line example does.
  const productPage = `<script>
  alhenaCart.trackCartEvent({ type: 'ITEM_ADDED', productId: 'SKU-1234', productName: 'Black Running Shoes', value: 79.99, currency: 'USD', quantity: 2 });
</script>`;
  const cartPage = `${cartLine}
<script>
  alhenaCart.push(['syncCart', [{ productId: 'SKU-1234', quantity: 2 }]]);
  document.getElementById('remove').addEventListener('click', function () {
    setTimeout(function () {
      var line = document.getElementById('line');
      if (line) line.replaceWith(Object.assign(document.createElement('p'), { id: 'empty', textContent: 'Your cart is empty' }));
    }, 300);
  });
</script>`;
  await tab.goto(journeyPage(site, api, '/j19/product-then-cart.html', { body: productPage }));
  await expect.poll(() => recorded(api).length).toBe(1);
  await tab.goto(journeyPage(site, api, '/j19/cart-rerender.html', { head: COUNT_REMOVE_CLICKS, body: cartPage }));
  await tab.dblclick('#remove');
  expect(await tab.evaluate(removeClicks)).toEqual(['click', 'click', 'dblclick']);
  await expect.poll(() => tab.evaluate(() => document.getElementById('empty') !== null)).toBe(true);
  await settled(tab, api, 2);
  expect(recorded(api)).toStrictEqual(addedThenRemoved);
});

test('J19 a double click on Remove of a line the store never re-renders, after an add to cart, sends one ITEM_REMOVED', async ({
  tab,
  site,
  api,
}) => {
  const store = `<article data-alhena-product-id="SKU-1234" data-alhena-product-name="Black Running Shoes"
         data-alhena-price="79.99" data-alhena-currency="USD">
  <button id="add" data-alhena-action="add-to-cart" data-alhena-quantity="2">Add 2 to cart</button>
</article>
${cartLine}`;
  await tab.goto(journeyPage(site, api, '/j19/double-remove-static.html', { head: COUNT_REMOVE_CLICKS, body: store }));
  await tab.click('#add');
  await expect.poll(() => recorded(api).length).toBe(1);
  await tab.dblclick('#remove');
  expect(await tab.evaluate(removeClicks)).toEqual(['click', 'click', 'dblclick']);
  await settled(tab, api, 2);
  expect(recorded(api)).toStrictEqual(addedThenRemoved);
});
