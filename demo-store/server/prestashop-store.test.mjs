// @vitest-environment node
// The stand-in PrestaShop store answers as PrestaShop's cart controller, ps_shoppingcart and the checkout do
// (demo-store/server/prestashop-store.mjs): what the SDK and the journeys rely on.
import { afterEach, describe, expect, it } from 'vitest';
import { startDemo } from '../demo.mjs';

/** @type {Awaited<ReturnType<typeof startDemo>>[]} */ const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((demo) => demo.close()));
});

/** A browser as far as the store can tell: its cookie kept, redirects not followed; `xhr` as jQuery's AJAX. */
async function visitor() {
  const demo = await startDemo();
  running.push(demo);
  const base = demo.shopUrl.replace(/\/$/, '');
  let cookie = '';
  /** @param {string} path @param {{ form?: Record<string, string>, xhr?: boolean }} [init] */
  async function request(path, { form, xhr = false } = {}) {
    const answer = await fetch(`${base}${path}`, {
      redirect: 'manual',
      method: form ? 'POST' : 'GET',
      body: form ? new URLSearchParams(form) : undefined,
      headers: {
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' } : {}),
        ...(xhr ? { 'x-requested-with': 'XMLHttpRequest' } : {}),
        ...(cookie ? { cookie } : {}),
      },
    });
    const set = answer.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    return answer;
  }
  const page = await (await request('/prestashop/')).text();
  const token = /name="token" value="(\w+)"/.exec(page)?.[1] ?? '';
  /** The page's `var prestashop = {…}`. @param {string} html */
  const frontEndObject = (html) => JSON.parse(/var prestashop = (.*);\n/.exec(html)?.[1] ?? 'null');
  /** core.js's add: the product form with `&add=1&action=update`, by XHR. @param {Record<string, string>} fields */
  const add = async (fields) =>
    /** @type {any} */ (
      await (
        await request('/prestashop/cart', {
          form: { token, id_customization: '0', qty: '1', ...fields, add: '1', action: 'update' },
          xhr: true,
        })
      ).json()
    );
  /** The SDK's read. */
  const read = async () => /** @type {any} */ (await (await request('/prestashop/cart?ajax=1&action=update')).json());
  return { request, token, page, frontEndObject, add, read };
}

describe('the stand-in PrestaShop store', () => {
  it('defines `prestashop` in the head before the tag, core.js at the end of the body, and no data-alhena attribute', async () => {
    const { page, frontEndObject } = await visitor();
    const object = frontEndObject(page);
    expect(object.page.page_name).toBe('category');
    expect(object.currency.iso_code).toBe('EUR');
    expect(object.urls.pages.cart).toMatch(/\/prestashop\/cart$/);
    expect(object.cart.products).toEqual([]);
    expect(page.indexOf('var prestashop')).toBeLessThan(page.indexOf('/alhena-cart.min.js'));
    expect(page.indexOf('</head>')).toBeLessThan(page.indexOf('/prestashop/themes/core.js'));
    expect(page).not.toContain('data-alhena');
  });

  it('answers an add with the presented cart, a combination chosen by its group; a refused add with hasError and no cart', async () => {
    const shop = await visitor();
    const added = await shop.add({ id_product: '1', 'group[1]': '3' });
    expect(added).toMatchObject({ success: true, id_product: 1, id_product_attribute: 3, quantity: 1 });
    expect(added.cart.products).toEqual([
      expect.objectContaining({
        id_product: '1',
        id_product_attribute: '3',
        name: 'Hummingbird printed t-shirt',
        price_amount: 25.9,
        quantity: 1,
      }),
    ]);
    expect(added.cart.totals.total.amount).toBe(32.9);
    const refused = await shop.add({ id_product: '9' });
    expect(refused).toEqual({ hasError: true, errors: ['There are not enough products in stock.'], quantity: 0 });
    expect((await shop.read()).cart.products).toHaveLength(1);
  });

  it('the read (GET ajax=1&action=update) changes nothing; cart-page updates answer the cart, a refused one its message beside it', async () => {
    const shop = await visitor();
    await shop.add({ id_product: '7' });
    expect((await shop.read()).cart.products[0].quantity).toBe(1);
    expect((await shop.read()).cart.products[0].quantity).toBe(1);
    const lineQuery = `id_product=7&id_product_attribute=0&token=${shop.token}`;
    const up = /** @type {any} */ (
      await (await shop.request(`/prestashop/cart?update=1&${lineQuery}&op=up`, { form: { ajax: '1', action: 'update' } })).json()
    );
    expect(up).toMatchObject({ success: true, quantity: 2, errors: '' });
    const typed = /** @type {any} */ (
      await (
        await shop.request(`/prestashop/cart?update=1&${lineQuery}`, { form: { ajax: '1', qty: '2', action: 'update', op: 'up' } })
      ).json()
    );
    expect(typed).toMatchObject({ success: true, quantity: 2, errors: 'There are not enough products in stock.' });
    expect(typed.cart.products[0].quantity).toBe(2);
    const removed = /** @type {any} */ (
      await (await shop.request(`/prestashop/cart?delete=1&${lineQuery}`, { form: { ajax: '1', action: 'update' } })).json()
    );
    expect(removed.cart.products).toEqual([]);
  });

  it('follows `cart?add=1…` links without script by a redirect to the cart page, which shows the line', async () => {
    const shop = await visitor();
    const answer = await shop.request(`/prestashop/cart?add=1&id_product=6&id_product_attribute=0&token=${shop.token}`);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/prestashop/cart?action=show');
    const cartPage = await (await shop.request('/prestashop/cart?action=show')).text();
    expect(shop.frontEndObject(cartPage).cart.products).toMatchObject([{ id_product: '6', quantity: 1 }]);
    expect(cartPage).toContain('data-link-action="delete-from-cart"');
  });

  it('takes the carrier the checkout chooses into the cart’s total; places the order: a new empty cart, the confirmation URL with id_cart, id_module, id_order and key; a wrong key goes back to the shop', async () => {
    const shop = await visitor();
    await shop.add({ id_product: '6' });
    const checkout = await (await shop.request('/prestashop/order')).text();
    expect(shop.frontEndObject(checkout).page.page_name).toBe('checkout');
    const chosen = /** @type {any} */ (
      await (
        await shop.request('/prestashop/order?ajax=1&action=selectDeliveryOption', { form: { 'delivery_option[5]': '3,' }, xhr: true })
      ).json()
    );
    expect(chosen.preview).toContain('€12.00');
    expect((await shop.read()).cart.totals.total.amount).toBe(23.9);
    const placed = await shop.request('/prestashop/module/ps_wirepayment/validation', {
      form: { 'conditions_to_approve[terms-and-conditions]': '1' },
    });
    const location = placed.headers.get('location') ?? '';
    expect(location).toMatch(/^\/prestashop\/order-confirmation\?id_cart=\d+&id_module=31&id_order=\d+&key=[0-9a-f]{32}$/);
    const confirmation = await (await shop.request(location)).text();
    const object = shop.frontEndObject(confirmation);
    expect(object.page.page_name).toBe('order-confirmation');
    expect(object.cart.products).toEqual([]);
    expect(confirmation).toContain('id="order-reference-value"');
    const wrong = await shop.request(location.replace(/key=\w+/, 'key=0'));
    expect(wrong.headers.get('location')).toBe('/prestashop/');
  });
});
