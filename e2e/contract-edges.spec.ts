import { expect, FP, recorded, scriptTagPage, summary, test } from './fixtures';

/** The full cart body the API must receive for a cart event from a store with company key `acme`. */
const cartBody = (fields: Record<string, unknown>) => ({
  company_key: 'acme',
  user_fingerprint: FP.user,
  user_faq_fingerprint: FP.faq,
  ...fields,
  source: 'CUSTOM',
});

// The README's confirmation page markup.
const confirmation = `<p>Thank you for your order!</p>
<section data-alhena-order data-alhena-order-id="ORD-7890" data-alhena-order-value="199.97" data-alhena-currency="USD">
  <div data-alhena-line-item data-alhena-product-id="SKU-1234" data-alhena-product-name="Black Running Shoes"
       data-alhena-quantity="2" data-alhena-line-value="159.98"></div>
  <div data-alhena-line-item data-alhena-product-id="SKU-77" data-alhena-product-name="Socks"
       data-alhena-quantity="1" data-alhena-line-value="39.99"></div>
</section>`;

test('a thank-you page reloaded while its order request is in flight sends that order id once', async ({ page, site, api }) => {
  api.addFaults({ kind: 'delay', ms: 2_500, count: 1 });
  const url = scriptTagPage(site, api, '/thank-you-in-flight.html', { body: confirmation });
  await page.goto(url);
  await expect.poll(() => api.requests().length).toBe(1);
  await page.waitForTimeout(500);
  expect(api.requests()[0].answer, 'the order is still in flight as the page reloads').toBeNull();
  await page.reload();
  await page.waitForSelector('[data-alhena-order]', { state: 'attached' });
  expect(api.requests()[0].answer, 'the reload finished before the API answered').toBeNull();
  await expect.poll(() => recorded(api).length, { timeout: 10_000 }).toBe(1);
  // The reloaded page has had its chance to resend; so has one more reload after the answer.
  await page.evaluate(() => window.alhenaCart.flush());
  await page.reload();
  await page.waitForSelector('[data-alhena-order]', { state: 'attached' });
  await page.evaluate(() => window.alhenaCart.flush());
  await page.waitForTimeout(1_000);
  const orderRequests = api.requests().filter((r) => r.endpoint === 'checkout' && (r.body as { orderId?: unknown }).orderId === 'ORD-7890');
  expect(orderRequests).toHaveLength(1);
  expect(api.requests()).toHaveLength(1);
  expect(recorded(api)[0]).toStrictEqual({
    company_key: 'acme',
    user_fingerprint: FP.user,
    user_faq_fingerprint: FP.faq,
    value: 199.97,
    currency: 'USD',
    orderId: 'ORD-7890',
    order_id: 'ORD-7890',
    line_items: [
      { product_id: 'SKU-1234', product_name: 'Black Running Shoes', quantity: 2, value: 159.98, currency: 'USD' },
      { product_id: 'SKU-77', product_name: 'Socks', quantity: 1, value: 39.99, currency: 'USD' },
    ],
  });
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
    expected: { product_id: 'SKU-SHADOW', product_name: 'Shadow Runner', value: 59.5, currency: 'EUR' },
  },
  {
    name: 'with the product card around the host',
    body: `<div data-alhena-product-id="SKU-HOST" data-alhena-product-name="Trail Socks" data-alhena-price="12.50" data-alhena-currency="USD">
  <buy-button></buy-button>
</div>
${component('buy-button', shadowButton)}`,
    expected: { product_id: 'SKU-HOST', product_name: 'Trail Socks', value: 12.5, currency: 'USD' },
  },
  {
    name: 'two shadow roots deep, with the product card around the outer host',
    body: `<div data-alhena-product-id="SKU-NESTED" data-alhena-product-name="Nested Cap" data-alhena-price="19.99" data-alhena-currency="USD">
  <outer-card></outer-card>
</div>
${component('inner-button', shadowButton)}
${component('outer-card', '<div class="frame"><inner-button></inner-button></div>')}`,
    expected: { product_id: 'SKU-NESTED', product_name: 'Nested Cap', value: 19.99, currency: 'USD' },
  },
];

for (const { name, body, expected } of shadowCases) {
  test(`a click on an add-to-cart button inside an open shadow root, ${name}, sends one ITEM_ADDED`, async ({ page, site, api }) => {
    const path = `/shadow-${expected.product_id.toLowerCase()}.html`;
    await page.goto(scriptTagPage(site, api, path, { body }));
    await page.click('#shadow-add');
    await expect.poll(() => recorded(api).length).toBe(1);
    await page.evaluate(() => window.alhenaCart.flush());
    await page.waitForTimeout(300);
    expect(api.requests()).toHaveLength(1);
    expect(recorded(api)[0]).toStrictEqual(cartBody({ type: 'ITEM_ADDED', ...expected, quantity: 1 }));
  });
}

const event = (type: string, productId: string, quantity: number) => ({
  type,
  productId,
  productName: `Product ${productId}`,
  value: 10,
  currency: 'USD',
  quantity,
});

test('alhenaCart.push with two commands, after the script tag has loaded, sends both in order', async ({ page, site, api }) => {
  // Right after the tag (the SDK's code has not run yet), then again once it has started.
  const inline = `<script>
  window.__result = alhenaCart.push(['trackCartEvent', ${JSON.stringify(event('ITEM_ADDED', 'SKU-1', 1))}],
    ['trackCartEvent', ${JSON.stringify(event('QUANTITY_INCREASED', 'SKU-1', 2))}]);
</script>`;
  await page.goto(scriptTagPage(site, api, '/push-several.html', { body: inline }));
  expect(await page.evaluate(() => window.__result)).toMatchObject({ status: 'recorded' });
  await page.evaluate(() => window.alhenaCart.flush());
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU-1', 1],
    ['QUANTITY_INCREASED', 'SKU-1', 2],
  ]);
  const result = await page.evaluate(
    ([first, second]) => window.alhenaCart.push(['trackCartEvent', first], ['trackCartEvent', second]),
    [event('ITEM_ADDED', 'SKU-2', 1), event('QUANTITY_DECREASED', 'SKU-1', 1)],
  );
  expect(result).toMatchObject({ status: 'recorded' });
  await expect.poll(() => recorded(api).length).toBe(4);
  await page.evaluate(() => window.alhenaCart.flush());
  await page.waitForTimeout(300);
  expect(api.requests()).toHaveLength(4);
  expect(recorded(api)).toStrictEqual([
    cartBody({ type: 'ITEM_ADDED', product_id: 'SKU-1', product_name: 'Product SKU-1', value: 10, currency: 'USD', quantity: 1 }),
    cartBody({ type: 'QUANTITY_INCREASED', product_id: 'SKU-1', product_name: 'Product SKU-1', value: 10, currency: 'USD', quantity: 2 }),
    cartBody({ type: 'ITEM_ADDED', product_id: 'SKU-2', product_name: 'Product SKU-2', value: 10, currency: 'USD', quantity: 1 }),
    cartBody({ type: 'QUANTITY_DECREASED', product_id: 'SKU-1', product_name: 'Product SKU-1', value: 10, currency: 'USD', quantity: 1 }),
  ]);
});

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

const removed = cartBody({
  type: 'ITEM_REMOVED',
  product_id: 'SKU-1234',
  product_name: 'Black Running Shoes',
  value: 79.99,
  currency: 'USD',
  quantity: 0,
});

const added = cartBody({
  type: 'ITEM_ADDED',
  product_id: 'SKU-1234',
  product_name: 'Black Running Shoes',
  value: 79.99,
  currency: 'USD',
  quantity: 2,
});

test('a double click on Remove, the store re-rendering the line 300 ms later, sends one ITEM_REMOVED', async ({ page, site, api }) => {
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
  await page.goto(scriptTagPage(site, api, '/product-then-cart.html', { body: productPage }));
  await expect.poll(() => recorded(api).length).toBe(1);
  await page.goto(scriptTagPage(site, api, '/cart-rerender.html', { body: cartPage }));
  await page.dblclick('#remove');
  await page.waitForSelector('#empty');
  await expect.poll(() => recorded(api).length).toBe(2);
  await page.evaluate(() => window.alhenaCart.flush());
  await page.waitForTimeout(500);
  expect(api.requests()).toHaveLength(2);
  expect(recorded(api)).toStrictEqual([added, removed]);
});

test('a double click on Remove of a line the store never re-renders, after an add to cart, sends one ITEM_REMOVED', async ({
  page,
  site,
  api,
}) => {
  const store = `<article data-alhena-product-id="SKU-1234" data-alhena-product-name="Black Running Shoes"
         data-alhena-price="79.99" data-alhena-currency="USD">
  <button id="add" data-alhena-action="add-to-cart" data-alhena-quantity="2">Add 2 to cart</button>
</article>
${cartLine}`;
  await page.goto(scriptTagPage(site, api, '/double-remove-static.html', { body: store }));
  await page.click('#add');
  await expect.poll(() => recorded(api).length).toBe(1);
  await page.dblclick('#remove');
  await expect.poll(() => recorded(api).length).toBe(2);
  await page.evaluate(() => window.alhenaCart.flush());
  await page.waitForTimeout(500);
  expect(api.requests()).toHaveLength(2);
  expect(recorded(api)).toStrictEqual([added, removed]);
});
