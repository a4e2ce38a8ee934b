// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { startDemo } from '../demo.mjs';

/** @type {Awaited<ReturnType<typeof startDemo>>[]} */ const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((demo) => demo.close()));
});

/** A browser as far as the stand-in can tell: its session cookie kept, redirects not followed. */
async function visitor(shared = null) {
  const demo = shared ?? (await start());
  const base = demo.shopUrl.replace(/\/$/, '');
  let cookie = '';
  /** @param {string} path @param {RequestInit & { json?: unknown }} [init] */
  const request = async (path, { json, ...init } = {}) => {
    const headers = /** @type {Record<string, string>} */ ({ ...(cookie ? { cookie } : {}) });
    if (json !== undefined) headers['content-type'] = 'application/json';
    const answer = await fetch(`${base}${path}`, {
      redirect: 'manual',
      ...init,
      headers,
      body: json !== undefined ? JSON.stringify(json) : init.body,
    });
    const set = answer.headers.getSetCookie()[0];
    if (set) cookie = set.split(';')[0];
    return answer;
  };
  /** @param {Record<string, string>} fields */
  const form = (fields) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    return data;
  };
  const carts = async () => (await request('/api/storefront/carts')).json();
  return { request, form, carts, demo };
}

async function start() {
  const demo = await startDemo();
  running.push(demo);
  return demo;
}

describe('the stand-in BigCommerce store', () => {
  it('adds a chosen size by /remote/v1/cart/add: the Storefront Cart API names the variant beside the product, with prices and currency', async () => {
    const { request, form, carts } = await visitor();
    expect(await carts()).toEqual([]);
    const added = await request('/remote/v1/cart/add', {
      method: 'POST',
      body: form({ action: 'add', product_id: '113', 'attribute[140]': '103', 'qty[]': '2' }),
    });
    expect((await added.json()).data).toMatchObject({
      currency: 'USD',
      cart_value: 136,
      line_items: [{ product_id: '113', variant_id: 233 }],
    });
    const [cart] = await carts();
    expect(cart).toMatchObject({ currency: { code: 'USD' }, cartAmount: 136 });
    expect(cart.lineItems.physicalItems).toEqual([
      expect.objectContaining({
        productId: 113,
        variantId: 233,
        sku: 'CREW-L',
        name: 'Merino Crew Sweater',
        quantity: 2,
        salePrice: 68,
        extendedSalePrice: 136,
      }),
    ]);
  });

  it('refuses a sold-out add with data.error and an empty BODL payload’s worth of data; the cart is unchanged', async () => {
    const { request, form, carts } = await visitor();
    const refused = await request('/remote/v1/cart/add', {
      method: 'POST',
      body: form({ action: 'add', product_id: '114', 'qty[]': '1' }),
    });
    expect(refused.status).toBe(200);
    expect((await refused.json()).data.error).toMatch(/stock/);
    expect(await carts()).toEqual([]);
  });

  it('updates and removes by /remote/v1/cart/update; the form posted without script adds and goes to /cart.php', async () => {
    const { request, form, carts } = await visitor();
    const posted = await request('/cart.php', { method: 'POST', body: form({ action: 'add', product_id: '111', 'qty[]': '1' }) });
    expect(posted.status).toBe(302);
    expect(posted.headers.get('location')).toBe('/cart.php');
    const [cart] = await carts();
    const id = cart.lineItems.physicalItems[0].id;
    await request('/remote/v1/cart/update', { method: 'POST', json: { items: [{ id, quantity: 3 }] } });
    expect((await carts())[0].lineItems.physicalItems[0].quantity).toBe(3);
    const removed = await request('/remote/v1/cart/update', { method: 'POST', json: { items: [{ id, quantity: 0 }] } });
    expect((await removed.json()).data).toMatchObject({ status: 'succeed', line_items: [] });
    expect(await carts()).toEqual([]);
  });

  it('places the order: the confirmation page’s checkoutConfig names it, the Order API shows it to its shopper only, the cart is gone', async () => {
    const shopper = await visitor();
    await shopper.request('/remote/v1/cart/add', {
      method: 'POST',
      body: shopper.form({ action: 'add', product_id: '111', 'qty[]': '2' }),
    });
    const placed = await shopper.request('/checkout', { method: 'POST', body: new URLSearchParams({ email: 'a@example.com' }) });
    expect(placed.headers.get('location')).toBe('/checkout/order-confirmation');
    const page = await (await shopper.request('/checkout/order-confirmation')).text();
    const orderId = Number(/window\.checkoutConfig = \{"containerId":"checkout-app","orderId":(\d+)\}/.exec(page)?.[1]);
    expect(orderId).toBeGreaterThan(0);
    expect(page).toContain('var BCData = ');
    const order = await (await shopper.request(`/api/storefront/orders/${orderId}`)).json();
    expect(order).toMatchObject({ orderId, currency: { code: 'USD' }, orderAmount: 48 });
    expect(order.lineItems.physicalItems).toEqual([
      expect.objectContaining({ productId: 111, variantId: 211, quantity: 2, extendedSalePrice: 48 }),
    ]);
    expect(await shopper.carts()).toEqual([]);
    const stranger = await visitor(shopper.demo);
    expect((await stranger.request(`/api/storefront/orders/${orderId}`)).status).toBe(404);
  });

  it('puts BODL’s script on the page only while the visitor’s BODL flag is on, and the theme’s script only while its flag is on', async () => {
    const { request } = await visitor();
    const on = await (await request('/bigcommerce/')).text();
    expect(on).toContain('/bigcommerce/assets/bodl.js');
    expect(on).toContain('window.stencilBootstrap(');
    expect(on).not.toContain('data-alhena');
    const off = await (await request('/bigcommerce/?demo-bodl=off&demo-theme-script=no')).text();
    expect(off).not.toContain('/bigcommerce/assets/bodl.js');
    expect(off).not.toContain('window.stencilBootstrap(');
    expect((await request('/bigcommerce/assets/theme.js')).status).toBe(200);
  });
});
