// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { startDemo } from '../demo.mjs';
import { formFields } from './woo-store.mjs';

/** @type {Awaited<ReturnType<typeof startDemo>>[]} */ const running = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((demo) => demo.close()));
});

async function start() {
  const demo = await startDemo();
  running.push(demo);
  return demo;
}

/**
 * A browser as far as the store can tell: its cookies kept between requests, redirects not followed.
 * @param {Awaited<ReturnType<typeof startDemo>>} demo
 */
function visitor(demo) {
  /** @type {Map<string, string>} */ const cookies = new Map();
  const base = demo.shopUrl.replace(/\/$/, '');
  /** @param {string} path @param {RequestInit & { form?: Record<string, string>, json?: unknown }} [init] */
  async function request(path, { form, json, headers = {}, ...init } = {}) {
    const body = form ? new URLSearchParams(form) : json !== undefined ? JSON.stringify(json) : init.body;
    const type = form
      ? { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }
      : json !== undefined
        ? { 'content-type': 'application/json' }
        : {};
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const answer = await fetch(`${base}${path}`, {
      redirect: 'manual',
      ...init,
      method: init.method ?? (body ? 'POST' : 'GET'),
      body,
      headers: /** @type {Record<string, string>} */ ({ ...type, ...(cookie ? { cookie } : {}), ...headers }),
    });
    for (const line of answer.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const expired = attributes.some((a) => /expires=/i.test(a) && new Date(a.split('=')[1]).getTime() < Date.now());
      if (expired) cookies.delete(name.trim());
      else cookies.set(name.trim(), value);
    }
    return answer;
  }
  const ajax = (/** @type {string} */ endpoint, /** @type {Record<string, string>} */ form) => request(`/?wc-ajax=${endpoint}`, { form });
  const cart = async () => /** @type {any} */ (await (await request('/wp-json/wc/store/v1/cart')).json());
  const nonce = async () => /** @type {string} */ ((await request('/wp-json/wc/store/v1/cart')).headers.get('nonce'));
  return { request, ajax, cart, nonce, cookies };
}

/** Places an order for what the visitor's cart holds; its id and key from the order-received URL. @param {ReturnType<typeof visitor>} shopper */
async function checkout(shopper) {
  const answer = await shopper.request('/woo/checkout/', {
    form: {
      billing_first_name: 'Ada',
      billing_last_name: 'Lovelace',
      billing_email: 'ada@example.com',
      payment_method: 'cod',
      woocommerce_checkout_place_order: 'Place order',
    },
  });
  const location = /** @type {string} */ (answer.headers.get('location'));
  const url = new URL(location, 'http://shop');
  return {
    answer,
    location,
    id: /order-received\/(\d+)/.exec(url.pathname)?.[1] ?? url.searchParams.get('order-received'),
    key: url.searchParams.get('key'),
  };
}

describe('the stand-in WooCommerce store: Store API cart', () => {
  it('answers GET /wp-json/wc/store/v1/cart and /?rest_route=/wc/store/v1/cart with the CartSchema shape, prices in minor units', async () => {
    const shopper = visitor(await start());
    await shopper.ajax('add_to_cart', { product_id: '12', quantity: '2' });
    const cart = await shopper.cart();
    expect(cart).toMatchObject({
      items_count: 2,
      totals: { total_items: '3700', total_price: '3700', currency_code: 'EUR', currency_minor_unit: 2, currency_symbol: '€' },
      items: [
        {
          id: 12,
          type: 'simple',
          quantity: 2,
          name: 'Midnight Espresso Beans',
          sku: 'EO-BEANS-01',
          variation: [],
          prices: {
            price: '1850',
            regular_price: '1850',
            sale_price: '1850',
            currency_code: 'EUR',
            currency_minor_unit: 2,
            currency_suffix: ' €',
          },
          totals: { line_subtotal: '3700', line_total: '3700', currency_code: 'EUR', currency_minor_unit: 2 },
        },
      ],
    });
    expect(cart.items[0].key).toMatch(/^[0-9a-f]{32}$/);
    expect(await (await shopper.request('/?rest_route=/wc/store/v1/cart')).json()).toEqual(cart);
  });

  it('names a variation by its own id and its parent’s title, with its attribute; the sale price is the price', async () => {
    const shopper = visitor(await start());
    await shopper.ajax('add_to_cart', { product_id: '23', quantity: '1' });
    await shopper.ajax('add_to_cart', { product_id: '14', quantity: '1' });
    const { items } = await shopper.cart();
    expect(items[0]).toMatchObject({
      id: 23,
      type: 'variation',
      name: 'Ember Hoodie',
      sku: 'EO-HOODIE-L',
      variation: [{ raw_attribute: 'attribute_size', attribute: 'Size', value: 'Large' }],
      prices: { price: '4900' },
    });
    expect(items[1]).toMatchObject({ id: 14, prices: { price: '2400', regular_price: '2800', sale_price: '2400' } });
  });

  it('returns names HTML-escaped as wptexturize leaves them (&#8217; and &#038;)', async () => {
    const shopper = visitor(await start());
    await shopper.ajax('add_to_cart', { product_id: '17', quantity: '1' });
    expect((await shopper.cart()).items[0].name).toBe('Barista&#8217;s Milk &#038; Honey Syrup');
  });

  it('refuses cart mutations without the Nonce header (401) or with a wrong one (403), and adds with it (201)', async () => {
    const shopper = visitor(await start());
    const add = { id: 15, quantity: 1 };
    const missing = await shopper.request('/wp-json/wc/store/v1/cart/add-item', { json: add });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ code: 'woocommerce_rest_missing_nonce', data: { status: 401 } });
    const wrong = await shopper.request('/wp-json/wc/store/v1/cart/add-item', { json: add, headers: { Nonce: 'nope' } });
    expect(wrong.status).toBe(403);
    const nonce = await shopper.nonce();
    const added = await shopper.request('/wp-json/wc/store/v1/cart/add-item', { json: add, headers: { Nonce: nonce } });
    expect(added.status).toBe(201);
    const { items } = /** @type {any} */ (await added.json());
    expect(items).toMatchObject([{ id: 15, quantity: 1 }]);

    const updated = await shopper.request('/wp-json/wc/store/v1/cart/update-item', {
      json: { key: items[0].key, quantity: 3 },
      headers: { Nonce: nonce },
    });
    expect(await updated.json()).toMatchObject({ items: [{ id: 15, quantity: 3 }], items_count: 3 });
    const removed = await shopper.request('/wp-json/wc/store/v1/cart/remove-item', {
      json: { key: items[0].key },
      headers: { Nonce: nonce },
    });
    expect(await removed.json()).toMatchObject({ items: [], items_count: 0 });
    const gone = await shopper.request('/wp-json/wc/store/v1/cart/remove-item', { json: { key: items[0].key }, headers: { Nonce: nonce } });
    expect(gone.status).toBe(409);
  });

  it('answers a batch with 207 and a status per request: a refused add is a 400 inside a successful batch', async () => {
    const shopper = visitor(await start());
    const nonce = await shopper.nonce();
    const headers = { Nonce: nonce, 'Content-Type': 'application/json' };
    const answer = await shopper.request('/wp-json/wc/store/v1/batch', {
      headers: { Nonce: nonce },
      json: {
        requests: [
          { path: '/wc/store/v1/cart/add-item', method: 'POST', headers, body: { id: 12, quantity: 1 } },
          { path: '/wc/store/v1/cart/add-item', method: 'POST', headers, body: { id: 30, quantity: 1 } },
          { path: '/wc/store/v1/cart/add-item', method: 'POST', body: { id: 15, quantity: 1 } },
        ],
      },
    });
    expect(answer.status).toBe(207);
    const { responses } = /** @type {any} */ (await answer.json());
    expect(responses.map((/** @type {any} */ r) => r.status)).toEqual([201, 400, 401]);
    expect(responses[0].body.items).toMatchObject([{ id: 12 }]);
    expect(responses[1].body).toMatchObject({ code: 'woocommerce_rest_product_out_of_stock', data: { status: 400 } });
    expect((await shopper.cart()).items.map((/** @type {any} */ i) => i.id)).toEqual([12]);

    const outside = await shopper.request('/wp-json/wc/store/v1/batch', { json: { requests: [{ path: '/wp/v2/users', method: 'POST' }] } });
    expect(outside.status).toBe(400);
  });
});

describe('the stand-in WooCommerce store: classic AJAX and forms', () => {
  it('refuses the add of a product sold out since the page was made: { error, product_url }, cart and cookies untouched', async () => {
    const shopper = visitor(await start());
    const answer = await shopper.ajax('add_to_cart', { product_id: '30', product_sku: 'EO-GESHA-01', quantity: '1' });
    expect(await answer.json()).toEqual({ error: true, product_url: expect.stringMatching(/\/woo\/product\/gesha-reserve-beans\/$/) });
    expect((await shopper.cart()).items).toEqual([]);
    expect(shopper.cookies.has('woocommerce_cart_hash')).toBe(false);
    const shop = await (await shopper.request('/woo/')).text();
    expect(shop).toMatch(/class="button product_type_simple add_to_cart_button ajax_add_to_cart" data-product_id="30"/);
  });

  it('answers an AJAX add with the mini-cart fragment and the cart hash, which the woocommerce_cart_hash cookie carries', async () => {
    const shopper = visitor(await start());
    const first = /** @type {any} */ (await (await shopper.ajax('add_to_cart', { product_id: '12', quantity: '1' })).json());
    expect(first.cart_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(shopper.cookies.get('woocommerce_cart_hash')).toBe(first.cart_hash);
    expect(shopper.cookies.get('woocommerce_items_in_cart')).toBe('1');
    expect(first.fragments['div.widget_shopping_cart_content']).toMatch(
      /<li class="woocommerce-mini-cart-item mini_cart_item">[\s\S]*class="remove remove_from_cart_button"[^>]*data-product_id="12" data-cart_item_key="[0-9a-f]{32}"/,
    );
    const second = /** @type {any} */ (await (await shopper.ajax('add_to_cart', { product_id: '12', quantity: '1' })).json());
    expect(second.cart_hash).not.toBe(first.cart_hash);

    const key = (await shopper.cart()).items[0].key;
    const removed = /** @type {any} */ (await (await shopper.ajax('remove_from_cart', { cart_item_key: key })).json());
    expect(removed.fragments['div.widget_shopping_cart_content']).toContain('No products in the cart.');
    expect(shopper.cookies.has('woocommerce_cart_hash')).toBe(false);
    expect(shopper.cookies.has('woocommerce_items_in_cart')).toBe(false);
  });

  it('adds a variation from the variable product’s form posted as multipart, and sends the shopper to the cart when that is on', async () => {
    const shopper = visitor(await start());
    const form = new FormData();
    for (const [name, value] of Object.entries({
      attribute_size: 'Medium',
      quantity: '2',
      'add-to-cart': '20',
      product_id: '20',
      variation_id: '22',
    }))
      form.append(name, value);
    const rendered = await shopper.request('/woo/product/ember-hoodie/', { method: 'POST', body: form });
    expect(rendered.status).toBe(200);
    expect(await rendered.text()).toContain('2 &times; &ldquo;Ember Hoodie&rdquo; has been added to your cart.');
    expect((await shopper.cart()).items).toMatchObject([{ id: 22, quantity: 2 }]);

    await shopper.request('/woo/?demo-redirect-to-cart=yes');
    const redirected = await shopper.request('/woo/product/ember-hoodie/', {
      form: { attribute_size: 'Small', 'add-to-cart': '20', variation_id: '0' },
    });
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get('location')).toBe('/woo/cart/');
    expect((await shopper.cart()).items.map((/** @type {any} */ i) => i.id)).toEqual([22, 21]);
  });

  it('adds from a ?add-to-cart=ID link and updates quantities from the cart form (0 removes), then back to the cart page', async () => {
    const shopper = visitor(await start());
    expect((await shopper.request('/woo/?add-to-cart=15')).status).toBe(200);
    await shopper.request('/woo/?add-to-cart=12');
    const page = await (await shopper.request('/woo/cart/')).text();
    const keys = [...page.matchAll(/name="cart\[([0-9a-f]{32})\]\[qty\]"/g)].map((m) => m[1]);
    const nonce = /** @type {string} */ (/name="woocommerce-cart-nonce" value="([^"]+)"/.exec(page)?.[1]);
    const answer = await shopper.request('/woo/cart/', {
      form: { [`cart[${keys[0]}][qty]`]: '3', [`cart[${keys[1]}][qty]`]: '0', 'woocommerce-cart-nonce': nonce, update_cart: 'Update cart' },
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/woo/cart/');
    expect((await shopper.cart()).items).toMatchObject([{ id: 15, quantity: 3 }]);
    expect(await (await shopper.request('/woo/cart/')).text()).toContain('Cart updated.');
  });

  it('renders pages with WordPress’s REST link, woocommerce-no-js swapped by script, an empty mini-cart and no data-alhena attribute', async () => {
    const shopper = visitor(await start());
    for (const path of ['/woo/', '/woo/product/ember-hoodie/', '/woo/cart/', '/woo-blocks/', '/woo-blocks/cart/']) {
      const page = await (await shopper.request(path)).text();
      expect(page).toMatch(/<link rel="https:\/\/api\.w\.org\/" href="http:\/\/[^"]+\/wp-json\/">/);
      expect(page).toMatch(/<body class="[^"]* woocommerce-no-js">/);
      expect(page).toContain("document.body.classList.replace('woocommerce-no-js', 'woocommerce-js')");
      expect(page).toContain('<script src="/alhena-cart.min.js" data-company-key="demo-store" async></script>');
      expect(page).not.toContain('data-alhena');
    }
    const shop = await (await shopper.request('/woo/')).text();
    expect(shop).toContain('<div class="widget_shopping_cart_content"></div>');
    expect(shop).toContain(
      'var wc_add_to_cart_params = {"ajax_url":"\\/wp-admin\\/admin-ajax.php","wc_ajax_url":"\\/?wc-ajax=%%endpoint%%"',
    );
    expect(await (await shopper.request('/woo-blocks/')).text()).not.toContain('jquery');
  });

  it('reads multipart and urlencoded form fields alike', () => {
    const multipart =
      '--b\r\nContent-Disposition: form-data; name="add-to-cart"\r\n\r\n20\r\n--b\r\nContent-Disposition: form-data; name="quantity"\r\n\r\n2\r\n--b--\r\n';
    expect(Object.fromEntries(formFields(multipart, 'multipart/form-data; boundary=b'))).toEqual({ 'add-to-cart': '20', quantity: '2' });
    expect(Object.fromEntries(formFields('a=1&b=x+y', 'application/x-www-form-urlencoded'))).toEqual({ a: '1', b: 'x y' });
  });
});

describe('the stand-in WooCommerce store: orders', () => {
  it('places an order from the cart, empties it and redirects to the order-received page, which shows formatted text only', async () => {
    const shopper = visitor(await start());
    await shopper.ajax('add_to_cart', { product_id: '23', quantity: '2' });
    const { answer, location, id, key } = await checkout(shopper);
    expect(answer.status).toBe(302);
    expect(location).toMatch(/^\/woo\/checkout\/order-received\/\d+\/\?key=wc_order_[A-Za-z0-9]{13}$/);
    expect((await shopper.cart()).items).toEqual([]);
    const page = await (await shopper.request(location)).text();
    expect(page).toMatch(/<body class="[^"]*woocommerce-order-received[^"]*">/);
    expect(page).toMatch(/<li class="woocommerce-order-overview__order order">Order number: <strong>(\d+)<\/strong><\/li>/);
    expect(page).toContain('98,00&nbsp;<span class="woocommerce-Price-currencySymbol">€</span>');
    expect(page).not.toContain('data-product_id');
    expect(id).toMatch(/^\d+$/);
    expect(key).toMatch(/^wc_order_/);
  });

  it('answers GET /wc/store/v1/order/{id} with the right key only; its items carry their own order item ids', async () => {
    const shopper = visitor(await start());
    await shopper.ajax('add_to_cart', { product_id: '23', quantity: '2' });
    await shopper.ajax('add_to_cart', { product_id: '17', quantity: '1' });
    const { id, key } = await checkout(shopper);
    expect((await shopper.request(`/wp-json/wc/store/v1/order/${id}`)).status).toBe(401);
    expect((await shopper.request(`/wp-json/wc/store/v1/order/${id}?key=wc_order_wrong`)).status).toBe(401);
    expect((await shopper.request('/wp-json/wc/store/v1/order/999?key=x')).status).toBe(404);
    const order = /** @type {any} */ (await (await shopper.request(`/wp-json/wc/store/v1/order/${id}?key=${key}`)).json());
    expect(order).toMatchObject({
      id: Number(id),
      status: 'processing',
      totals: { total_price: '10790', currency_code: 'EUR', currency_minor_unit: 2 },
      items: [
        { key, name: 'Ember Hoodie - Large', quantity: 2, sku: 'EO-HOODIE-L', prices: { price: '4900' }, totals: { line_total: '9800' } },
        { key, name: "Barista's Milk & Honey Syrup", quantity: 1, prices: { price: '990' }, totals: { line_total: '990' } },
      ],
    });
    expect(order.items.map((/** @type {any} */ i) => i.id)).not.toContain(23);
    expect(order.items.map((/** @type {any} */ i) => i.id)).not.toContain(17);
    const plain = await shopper.request(`/?rest_route=/wc/store/v1/order/${id}&key=${key}`);
    expect(await plain.json()).toEqual(order);
  });

  it('asks another session for the billing email once the order is 10 minutes old; the session that placed it is not asked', async () => {
    const demo = await start();
    const shopper = visitor(demo);
    await shopper.ajax('add_to_cart', { product_id: '12', quantity: '1' });
    const { id, key } = await checkout(shopper);
    const stranger = visitor(demo);
    expect((await stranger.request(`/wp-json/wc/store/v1/order/${id}?key=${key}`)).status).toBe(200);

    expect((await shopper.request(`/woo/__test/orders/${id}/age?minutes=11`, { method: 'POST' })).status).toBe(200);
    const asked = await stranger.request(`/wp-json/wc/store/v1/order/${id}?key=${key}`);
    expect(asked.status).toBe(401);
    expect(await asked.json()).toMatchObject({ code: 'woocommerce_rest_invalid_billing_email' });
    expect((await stranger.request(`/wp-json/wc/store/v1/order/${id}?key=${key}&billing_email=eve@example.com`)).status).toBe(401);
    expect((await stranger.request(`/wp-json/wc/store/v1/order/${id}?key=${key}&billing_email=ada@example.com`)).status).toBe(200);
    expect((await shopper.request(`/wp-json/wc/store/v1/order/${id}?key=${key}`)).status).toBe(200);

    // The newest WooCommerce asks for the email every time (OrderAuthorizationTrait.php).
    await shopper.request('/woo/?demo-order-email=always');
    expect((await shopper.request(`/wp-json/wc/store/v1/order/${id}?key=${key}`)).status).toBe(401);
  });

  it('with plain permalinks: the REST link is ?rest_route=/, /wp-json/ is not found, and the order page is ?page_id=…&order-received=…', async () => {
    const shopper = visitor(await start());
    const shop = await (await shopper.request('/woo/?demo-permalinks=plain')).text();
    expect(shop).toMatch(/<link rel="https:\/\/api\.w\.org\/" href="http:\/\/[^"]+\/\?rest_route=\/">/);
    expect((await shopper.request('/wp-json/wc/store/v1/cart')).status).toBe(404);
    await shopper.ajax('add_to_cart', { product_id: '15', quantity: '1' });
    const { location, id, key } = await checkout(shopper);
    expect(location).toBe(`/?page_id=7&order-received=${id}&key=${key}`);
    expect(await (await shopper.request(location)).text()).toContain('woocommerce-order-overview__order');
    expect((await shopper.request(`/?rest_route=/wc/store/v1/order/${id}&key=${key}`)).status).toBe(200);
  });
});
