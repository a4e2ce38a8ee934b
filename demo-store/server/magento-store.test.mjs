// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { startDemo } from '../demo.mjs';

/** @type {Awaited<ReturnType<typeof startDemo>>[]} */ const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((demo) => demo.close()));
});

/** A browser as far as the stand-in Magento store can tell: its session cookie kept, redirects not followed. */
async function visitor() {
  const demo = await startDemo();
  running.push(demo);
  const base = demo.shopUrl.replace(/\/$/, '');
  let session = '';
  /** @param {string} path @param {RequestInit & { ajax?: boolean }} [init] */
  async function request(path, { ajax = false, headers = {}, ...init } = {}) {
    const answer = await fetch(`${base}${path}`, {
      redirect: 'manual',
      ...init,
      headers: /** @type {Record<string, string>} */ ({
        ...(session ? { cookie: session } : {}),
        ...(ajax ? { 'x-requested-with': 'XMLHttpRequest' } : {}),
        ...headers,
      }),
    });
    const set = answer.headers.getSetCookie().find((line) => line.startsWith('PHPSESSID='));
    if (set) session = set.split(';')[0];
    return answer;
  }
  /** @param {number} product @param {Record<string, string>} [fields] */
  const add = (product, fields = {}) => {
    const form = new FormData();
    form.set('product', String(product));
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    return request(`/magento/checkout/cart/add/uenc/x,/product/${product}/`, { method: 'POST', body: form, ajax: true });
  };
  const section = async (query = 'sections=cart') =>
    /** @type {any} */ (await (await request(`/magento/customer/section/load/?${query}`)).json());
  return { request, add, section, base };
}

describe('the stand-in Magento store', () => {
  it('answers the cart section as Magento 2.4 shapes it: the newest line first, a configurable’s parent id and child SKU, names escaped', async () => {
    const shopper = await visitor();
    expect(await (await shopper.add(33)).json()).toEqual([]);
    expect(await (await shopper.add(67, { 'super_attribute[144]': '170', qty: '2' })).json()).toEqual([]);
    const { cart } = await shopper.section();
    expect(cart).toMatchObject({ summary_count: 3, subtotalAmount: 128, data_id: expect.any(Number) });
    expect(cart.items.map((/** @type {any} */ i) => [i.product_id, i.product_sku, i.product_name, i.product_price_value, i.qty])).toEqual([
      ['67', 'MH01-L', 'Chaz Kangeroo Hoodie', 54.5, 2],
      ['33', '24-UG05', 'Go-Get&#039;r Pushup Grips &amp; Mat', 19, 1],
    ]);
  });

  it('refuses a sold-out product with its status and an error message, and a configurable without a size', async () => {
    const shopper = await visitor();
    expect(await (await shopper.add(40)).json()).toEqual({ product: { statusText: 'Out of stock' } });
    expect(await (await shopper.add(67)).json()).toEqual([]);
    const { cart, messages } = await shopper.section('sections=cart,messages&update_section_id=true');
    expect(cart.items).toEqual([]);
    expect(messages.messages.map((/** @type {any} */ m) => m.text)).toEqual([
      'Product that you are trying to add is not available.',
      'You need to choose options for your item.',
    ]);
  });

  it('changes quantities from the minicart and the cart page, and shows the success page once, then sends a reload to the cart', async () => {
    const shopper = await visitor();
    await shopper.add(1);
    const itemId = (await shopper.section()).cart.items[0].item_id;
    const sidebar = (/** @type {string} */ action, /** @type {Record<string, string>} */ fields) =>
      shopper.request(`/magento/checkout/sidebar/${action}/`, { method: 'POST', body: new URLSearchParams(fields), ajax: true });
    expect(await (await sidebar('updateItemQty', { item_id: itemId, item_qty: '3' })).json()).toEqual({ success: true });
    expect((await shopper.section()).cart.items[0].qty).toBe(3);
    const update = await shopper.request('/magento/checkout/cart/updatePost/', {
      method: 'POST',
      body: new URLSearchParams({ [`cart[${itemId}][qty]`]: '2', update_cart_action: 'update_qty' }),
    });
    expect(update.status).toBe(302);
    expect((await shopper.section()).cart.items[0].qty).toBe(2);

    const checkout = await (await shopper.request('/magento/checkout/')).text();
    const config = JSON.parse(/window\.checkoutConfig = (.*);<\/script>/.exec(checkout)?.[1] ?? '{}');
    expect(config.totalsData.grand_total).toBe(73);
    expect(config.quoteItemData[0]).toMatchObject({ sku: '24-MB01', qty: '2.0000', price: '34.0000' });
    const placed = await shopper.request(`/magento/rest/default/V1/guest-carts/${config.quoteData.entity_id}/payment-information`, {
      method: 'POST',
      body: JSON.stringify({ paymentMethod: { method: 'checkmo' } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(await placed.json()).toMatch(/^\d+$/);
    expect((await shopper.section()).cart.items).toEqual([]);
    const success = await shopper.request('/magento/checkout/onepage/success/');
    expect(await success.text()).toMatch(/<p>Your order # is: <span>0000000\d\d<\/span>\.<\/p>/);
    const again = await shopper.request('/magento/checkout/onepage/success/');
    expect([again.status, again.headers.get('location')]).toEqual([302, `${shopper.base}/magento/checkout/cart/`]);
  });
});
