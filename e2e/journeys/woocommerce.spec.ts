// J18: the script tag on a WooCommerce store with no template edits (the demo's stand-in store, /woo/ and
// /woo-blocks/, demo-store/server/woo-store.mjs), in Chromium, Firefox and WebKit. What the SDK sent is read from
// the sandbox's record, with exact bodies, in order, each once; what each page asked the shop for, from the shop
// server's own request log. The stand-in store never reads its cart with GET /wc/store/v1/cart: only the SDK does.
// The helpers every platform's journeys share are in ./platform-fixtures.ts.
import { COMPANY_KEY } from '../../demo-store/demo.mjs';
import { outline } from '../demo-store/fixtures';
import { expect, flushed, sdkLoaded, sleep, statusOf, type Tab, test, textOf, waitForPage, waitForText } from './fixtures';
import type { Body, Demo, Fingerprints, LoggedRequest } from './platform-fixtures';
import * as platform from './platform-fixtures';
import { clickThrough, delivered, expectNothingMore, expectSent, lastSeq, pageRequests, withDemo } from './platform-fixtures';

interface Item {
  id: number;
  name: string;
  price: number;
  sku: string;
}

// The stand-in's catalogue (demo-store/server/woo-catalog.mjs) as the SDK must report it: the Store API item's id
// (a variation's own), its name decoded from the entities the Store API sends (`Barista&#8217;s Milk &#038; …`),
// the unit price the cart charges, in euros.
const BEANS: Item = { id: 12, name: 'Midnight Espresso Beans', price: 18.5, sku: 'EO-BEANS-01' };
const MUG: Item = { id: 14, name: 'Stoneware Mug', price: 24, sku: 'EO-MUG-01' }; // on sale, 28 → 24
const KETTLE: Item = { id: 15, name: 'Gooseneck Kettle', price: 69.9, sku: 'EO-KETTLE-01' };
const SYRUP: Item = { id: 17, name: 'Barista’s Milk & Honey Syrup', price: 9.9, sku: 'EO-SYRUP-01' };
const HOODIE_SMALL: Item = { id: 21, name: 'Ember Hoodie', price: 45, sku: 'EO-HOODIE-S' };
const HOODIE_LARGE: Item = { id: 23, name: 'Ember Hoodie', price: 49, sku: 'EO-HOODIE-L' };
const SOLD_OUT = { id: 30, slug: 'gesha-reserve-beans' };

const cartEvent = platform.cartEventBuilder((item: Item) => String(item.id));

const restRoute = (r: LoggedRequest) =>
  r.path.startsWith('/wp-json/') ? r.path.slice('/wp-json'.length) : new URLSearchParams(r.search).get('rest_route');
const isCartRead = (r: LoggedRequest) => r.method === 'GET' && restRoute(r) === '/wc/store/v1/cart';
const isOrderRead = (r: LoggedRequest) => r.method === 'GET' && /^\/wc\/store\/v1\/order\/\d+$/.test(restRoute(r) ?? '');
const isPlatformFile = (r: LoggedRequest) => r.path === '/alhena-cart.woocommerce.min.js';

/** `cartReadsBy` waits for the page's cart reads; `expectOnePageLoad`: one cart read and one platform file per page load. */
const { cartReadsBy, expectOnePageLoad } = platform.cartReadChecks({ isCartRead, isOrderRead, isPlatformFile });

/** Opens the store's page at `path`, chats with the assistant, checks that page load's requests; the visitor's fingerprints. */
const enterStore = platform.storeEntry({
  question: 'Which beans for espresso?',
  expectPageLoad: (tab, demo, since) => expectOnePageLoad(tab, demo, since),
});

/** Chooses an option of the variation form as a shopper would: its select changes, the form's script hears it. */
async function chooseSize(tab: Tab, size: string) {
  await tab.evaluate((value) => {
    const select = document.querySelector<HTMLSelectElement>('select[name="attribute_size"]');
    if (!select) throw new Error('no size select');
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, size);
  await waitForPage(
    tab,
    'the variation to be chosen',
    () => Number(document.querySelector<HTMLInputElement>('input.variation_id')?.value) > 0,
  );
}

/** Adds a variation of the hoodie through its product page's form: a full page load. */
async function addHoodie(tab: Tab, demo: Demo, size: string) {
  await tab.goto(`${demo.shopUrl}woo/product/ember-hoodie/`);
  await chooseSize(tab, size);
  await clickThrough(
    tab,
    'form.variations_form button.single_add_to_cart_button',
    'the page the form loads',
    () => document.readyState !== 'loading',
  );
}

/** Adds `product` from the shop page, then a large hoodie with its form; checks both adds arrived and returns them. */
async function addProductThenHoodie(tab: Tab, demo: Demo, fp: Fingerprints, product: Item) {
  await tab.click(addButton(product));
  await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', product, 1)]);
  await addHoodie(tab, demo, 'Large');
  const added = [cartEvent(fp, 'ITEM_ADDED', product, 1), cartEvent(fp, 'ITEM_ADDED', HOODIE_LARGE, 1)];
  await expectSent(tab, demo, added);
  return added;
}

/** The cart page's quantity field of the line with this SKU (its name holds the cart item key). */
const quantityField = (tab: Tab, sku: string) =>
  tab.evaluate((wanted) => {
    const row = document.querySelector(`.product-remove > a[data-product_sku="${wanted}"]`)?.closest('tr');
    return `input[name="${row?.querySelector('input.qty')?.getAttribute('name')}"]`;
  }, sku);

const addButton = (item: { id: number }) => `li.product a.add_to_cart_button[data-product_id="${item.id}"]`;
const miniCartLines = (tab: Tab) =>
  tab.evaluate(() => document.querySelectorAll('.widget_shopping_cart_content .woocommerce-mini-cart-item').length);

test.describe('J18 WooCommerce, the script tag alone', () => {
  test('AJAX adds from the shop loop: ITEM_ADDED with the Store API’s id, the decoded name, the unit price and currency; one cart read and one platform file per page load', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'woo/');
      await tab.click(addButton(BEANS));
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', BEANS, 1)]);
      await tab.click(addButton(SYRUP));
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', BEANS, 1), cartEvent(fp, 'ITEM_ADDED', SYRUP, 1)]);
    });
  });

  test('the same product added again: QUANTITY_INCREASED with quantity 2', async ({ tab }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'woo/');
      await tab.click(addButton(BEANS));
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', BEANS, 1)]);
      await tab.click(addButton(BEANS));
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', BEANS, 1), cartEvent(fp, 'QUANTITY_INCREASED', BEANS, 2)]);
      await waitForPage(tab, 'the mini-cart', () =>
        /^2 ×/.test(document.querySelector('.woocommerce-mini-cart-item .quantity')?.textContent ?? ''),
      );
    });
  });

  test('an add the store refuses (sold out since the page was cached): nothing sent, the shopper on the product page; a good add after it is sent', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'woo/');
      const since = await lastSeq(demo);
      await clickThrough(tab, addButton(SOLD_OUT), 'the product page', () => document.querySelector('.woocommerce-error') !== null);
      expect(await tab.url()).toBe(`${demo.shopUrl}woo/product/${SOLD_OUT.slug}/`);
      expect(await textOf(tab, '.woocommerce-error')).toContain('out of stock');
      await expectOnePageLoad(tab, demo, since);
      expect(demo.sandbox.requests()).toEqual([]);

      await tab.goto(`${demo.shopUrl}woo/`);
      await waitForPage(tab, 'the mini-cart', () => document.querySelector('.woocommerce-mini-cart__empty-message') !== null);
      await tab.click(addButton(KETTLE));
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', KETTLE, 1)]);
    });
  });

  test('the variable product’s form posted with a full page load: ITEM_ADDED with the variation’s own id', async ({ tab }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'woo/product/ember-hoodie/');
      await chooseSize(tab, 'Large');
      const since = await lastSeq(demo);
      await clickThrough(
        tab,
        'form.variations_form button.single_add_to_cart_button',
        'the added notice',
        () => document.querySelector('.woocommerce-message') !== null,
      );
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', HOODIE_LARGE, 1)]);
      await expectOnePageLoad(tab, demo, since);
    });
  });

  test('with “redirect to the cart after adding” on: the form’s add and the loop’s add are both found on the cart page', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'woo/product/ember-hoodie/?demo-redirect-to-cart=yes');
      await chooseSize(tab, 'Small');
      await clickThrough(
        tab,
        'form.variations_form button.single_add_to_cart_button',
        'the cart page',
        () => document.querySelector('.woocommerce-cart-form') !== null,
      );
      expect(await tab.url()).toBe(`${demo.shopUrl}woo/cart/`);
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', HOODIE_SMALL, 1)]);

      // The loop's AJAX add goes to the cart too, without `added_to_cart` (add-to-cart.js).
      await tab.goto(`${demo.shopUrl}woo/`);
      await waitForPage(tab, 'the mini-cart', () => document.querySelector('.woocommerce-mini-cart-item') !== null);
      await clickThrough(
        tab,
        addButton(BEANS),
        'the cart page',
        () => document.querySelectorAll('.woocommerce-cart-form .cart_item').length === 2,
      );
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', HOODIE_SMALL, 1), cartEvent(fp, 'ITEM_ADDED', BEANS, 1)]);
    });
  });

  test('a ?add-to-cart=ID link (AJAX adds off): ITEM_ADDED found on the page the link loads', async ({ tab }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'woo/?demo-ajax-add=no');
      await clickThrough(tab, addButton(KETTLE), 'the added notice', () => document.querySelector('.woocommerce-message') !== null);
      expect(await tab.url()).toBe(`${demo.shopUrl}woo/?add-to-cart=${KETTLE.id}`);
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', KETTLE, 1)]);
    });
  });

  test('mini-cart removal: ITEM_REMOVED, a variation’s with the variation’s id although its × names the parent product', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'woo/');
      const added = await addProductThenHoodie(tab, demo, fp, BEANS);

      await waitForPage(tab, 'the mini-cart', () => document.querySelectorAll('.woocommerce-mini-cart-item').length === 2);
      expect(
        await tab.evaluate(() =>
          document.querySelector('.remove_from_cart_button[data-product_sku="EO-HOODIE-L"]')?.getAttribute('data-product_id'),
        ),
      ).toBe('20');
      await tab.click(`a.remove_from_cart_button[data-product_sku="${HOODIE_LARGE.sku}"]`);
      await expectSent(tab, demo, [...added, cartEvent(fp, 'ITEM_REMOVED', HOODIE_LARGE, 0)]);
      await tab.click(`a.remove_from_cart_button[data-product_sku="${BEANS.sku}"]`);
      await expectSent(tab, demo, [...added, cartEvent(fp, 'ITEM_REMOVED', HOODIE_LARGE, 0), cartEvent(fp, 'ITEM_REMOVED', BEANS, 0)]);
      await expect.poll(() => miniCartLines(tab)).toBe(0);
    });
  });

  test('the cart page’s “Update cart” in place (cart.js): QUANTITY_INCREASED, QUANTITY_DECREASED; its × : ITEM_REMOVED', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'woo/');
      await tab.click(addButton(BEANS));
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', BEANS, 1)]);
      await tab.click(addButton(MUG));
      const sent = [cartEvent(fp, 'ITEM_ADDED', BEANS, 1), cartEvent(fp, 'ITEM_ADDED', MUG, 1)];
      await expectSent(tab, demo, sent);

      const since = await lastSeq(demo);
      await tab.goto(`${demo.shopUrl}woo/cart/`);
      await waitForPage(tab, 'the cart form', () => document.querySelectorAll('.woocommerce-cart-form .cart_item').length === 2);
      await expectOnePageLoad(tab, demo, since);
      const beansQuantity = await quantityField(tab, BEANS.sku);
      await tab.fill(beansQuantity, '3');
      await tab.click('button[name="update_cart"]');
      sent.push(cartEvent(fp, 'QUANTITY_INCREASED', BEANS, 3));
      await expectSent(tab, demo, sent);
      await waitForText(tab, '.woocommerce-message', 'Cart updated.');

      await tab.fill(beansQuantity, '2');
      await tab.click('button[name="update_cart"]');
      sent.push(cartEvent(fp, 'QUANTITY_DECREASED', BEANS, 2));
      await expectSent(tab, demo, sent);

      await tab.click(`.product-remove > a[data-product_sku="${MUG.sku}"]`);
      sent.push(cartEvent(fp, 'ITEM_REMOVED', MUG, 0));
      await expectSent(tab, demo, sent);
      expect(await tab.evaluate(() => document.querySelectorAll('.woocommerce-cart-form .cart_item').length)).toBe(1);
    });
  });

  test('the cart page without cart.js: “Update cart” and × reload the page, and the change is found on the new page', async ({ tab }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'woo/?demo-cart-script=no');
      await tab.click(addButton(BEANS));
      const sent = [cartEvent(fp, 'ITEM_ADDED', BEANS, 1)];
      await expectSent(tab, demo, sent);
      await tab.goto(`${demo.shopUrl}woo/cart/`);
      await waitForPage(tab, 'the cart form', () => document.querySelector('.woocommerce-cart-form .cart_item') !== null);
      await tab.fill(await quantityField(tab, BEANS.sku), '4');
      const since = await lastSeq(demo);
      await clickThrough(
        tab,
        'button[name="update_cart"]',
        'the cart page again',
        () => document.querySelector('.woocommerce-message') !== null,
      );
      sent.push(cartEvent(fp, 'QUANTITY_INCREASED', BEANS, 4));
      await expectSent(tab, demo, sent);
      await expectOnePageLoad(tab, demo, since);

      await clickThrough(
        tab,
        `.product-remove > a[data-product_sku="${BEANS.sku}"]`,
        'the empty cart',
        () => document.querySelector('.wc-empty-cart-message') !== null,
      );
      sent.push(cartEvent(fp, 'ITEM_REMOVED', BEANS, 0));
      await expectSent(tab, demo, sent);
    });
  });

  for (const { title, query, orderPage } of [
    { title: 'pretty permalinks', query: '', orderPage: /\/woo\/checkout\/order-received\/(\d+)\/\?key=wc_order_\w+$/ },
    {
      title: 'plain permalinks (?rest_route=, ?page_id=…&order-received=…)',
      query: '?demo-permalinks=plain',
      orderPage: /\/\?page_id=7&order-received=(\d+)&key=wc_order_\w+$/,
    },
  ]) {
    test(`the order-received page, ${title}: the checkout sent once (reloaded too) with the cart events’ product ids, value and currency from the Store API; no ITEM_REMOVED for the bought lines`, async ({
      tab,
    }) => {
      await withDemo(async (demo) => {
        const fp = await enterStore(tab, demo, `woo/${query}`);
        await tab.click(addButton(BEANS));
        await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', BEANS, 1)]);
        await tab.click(addButton(BEANS));
        await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', BEANS, 1), cartEvent(fp, 'QUANTITY_INCREASED', BEANS, 2)]);
        await addHoodie(tab, demo, 'Large');
        const cartEvents = [
          cartEvent(fp, 'ITEM_ADDED', BEANS, 1),
          cartEvent(fp, 'QUANTITY_INCREASED', BEANS, 2),
          cartEvent(fp, 'ITEM_ADDED', HOODIE_LARGE, 1),
        ];
        await expectSent(tab, demo, cartEvents);

        await tab.goto(`${demo.shopUrl}woo/checkout/`);
        await waitForPage(tab, 'the checkout', () => document.querySelector('#place_order') !== null);
        const since = await lastSeq(demo);
        await clickThrough(
          tab,
          '#place_order',
          'the order-received page',
          () => document.querySelector('.woocommerce-order-overview') !== null,
        );
        const orderId = orderPage.exec(await tab.url())?.[1] as string;
        expect(orderId).toMatch(/^\d+$/);
        expect(await textOf(tab, '.woocommerce-order-overview__order strong')).toBe(orderId);

        const checkout = {
          company_key: COMPANY_KEY,
          user_fingerprint: fp.user,
          user_faq_fingerprint: fp.faq,
          value: 86,
          currency: 'EUR',
          orderId,
          order_id: orderId,
          line_items: [
            { product_id: String(BEANS.id), product_name: BEANS.name, quantity: 2, value: 37, currency: 'EUR' },
            // The order names the variation "Ember Hoodie - Large", its cart line "Ember Hoodie": either will do.
            {
              product_id: String(HOODIE_LARGE.id),
              product_name: expect.stringMatching(/^Ember Hoodie/),
              quantity: 1,
              value: 49,
              currency: 'EUR',
            },
          ],
        };
        const records = await delivered(tab, demo, cartEvents.length + 1);
        const bodies = records.map((r) => r.body as Body);
        expect(outline(bodies)).toEqual(outline([...cartEvents, checkout]));
        expect(bodies.slice(0, -1)).toStrictEqual(cartEvents);
        const sentCheckout = bodies.at(-1) as typeof checkout;
        // The cart events named these products: the order's lines must name the same ones. Soft, so that the
        // reload and the page after it are still checked when they do not.
        expect.soft(sentCheckout.line_items.map((line) => line.product_id)).toEqual([String(BEANS.id), String(HOODIE_LARGE.id)]);
        expect.soft(sentCheckout).toStrictEqual(checkout);
        expect(records.map(statusOf)).toEqual(bodies.map(() => 200));
        await expectOnePageLoad(tab, demo, since, { orderReads: 1 });
        if (query) {
          const reads = (await pageRequests(demo, since, await tab.url())).filter((r) => isCartRead(r) || isOrderRead(r));
          expect(reads.map((r) => r.path)).toEqual(['/', '/']);
        }

        // Reloaded, and the shop after it: the order is not sent again, and the bought lines are not removals.
        await tab.reload();
        await waitForPage(tab, 'the order-received page', () => document.querySelector('.woocommerce-order-overview') !== null);
        await sdkLoaded(tab);
        await flushed(tab);
        await tab.goto(`${demo.shopUrl}woo/`);
        await waitForPage(tab, 'the empty mini-cart', () => document.querySelector('.woocommerce-mini-cart__empty-message') !== null);
        await sdkLoaded(tab);
        await expectNothingMore(tab, demo, [...cartEvents, checkout]);
      });
    });
  }

  test('an order the Store API will not show without the billing email (newest WooCommerce): the checkout from the last cart read', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'woo/?demo-order-email=always');
      const cartEvents = await addProductThenHoodie(tab, demo, fp, KETTLE);
      await tab.goto(`${demo.shopUrl}woo/checkout/`);
      await waitForPage(tab, 'the checkout', () => document.querySelector('#place_order') !== null);
      await clickThrough(
        tab,
        '#place_order',
        'the order-received page',
        () => document.querySelector('.woocommerce-order-overview') !== null,
      );
      const orderId = /order-received\/(\d+)\//.exec(await tab.url())?.[1] as string;
      const checkout = {
        company_key: COMPANY_KEY,
        user_fingerprint: fp.user,
        user_faq_fingerprint: fp.faq,
        value: 118.9,
        currency: 'EUR',
        orderId,
        order_id: orderId,
        line_items: [
          { product_id: String(KETTLE.id), product_name: KETTLE.name, quantity: 1, value: 69.9, currency: 'EUR' },
          { product_id: String(HOODIE_LARGE.id), product_name: HOODIE_LARGE.name, quantity: 1, value: 49, currency: 'EUR' },
        ],
      };
      await expectSent(tab, demo, [...cartEvents, checkout]);
    });
  });

  for (const { title, query } of [
    { title: 'pretty permalinks', query: '' },
    { title: 'plain permalinks (the Store API at /?rest_route=/…)', query: '?demo-permalinks=plain' },
  ]) {
    test(`the block theme, ${title}: Product Buttons add through the Store API’s batch (a refused add sends nothing); the Cart block’s quantity change and removal`, async ({
      tab,
    }) => {
      await withDemo(async (demo) => {
        const fp = await enterStore(tab, demo, `woo-blocks/${query}`);
        await tab.click(`button.ajax_add_to_cart[data-product_id="${MUG.id}"]`);
        const sent = [cartEvent(fp, 'ITEM_ADDED', MUG, 1)];
        await expectSent(tab, demo, sent);

        const since = await lastSeq(demo);
        const url = await tab.url();
        await tab.click(`button.ajax_add_to_cart[data-product_id="${SOLD_OUT.id}"]`);
        await waitForText(tab, '.wc-block-components-notice-banner', /out of stock/);
        await cartReadsBy(demo, since, url);
        await flushed(tab);
        await sleep(500);
        expect(demo.sandbox.requests()).toHaveLength(1);

        await tab.click(`button.ajax_add_to_cart[data-product_id="${BEANS.id}"]`);
        sent.push(cartEvent(fp, 'ITEM_ADDED', BEANS, 1));
        await expectSent(tab, demo, sent);

        const cartSince = await lastSeq(demo);
        await tab.goto(`${demo.shopUrl}woo-blocks/cart/`);
        await waitForPage(tab, 'the Cart block', () => document.querySelectorAll('.wc-block-cart-items__row').length === 2);
        await expectOnePageLoad(tab, demo, cartSince);
        await tab.click(`button[aria-label="Increase quantity of ${MUG.name}"]`);
        sent.push(cartEvent(fp, 'QUANTITY_INCREASED', MUG, 2));
        await expectSent(tab, demo, sent);
        await tab.click(`button[aria-label="Remove ${BEANS.name} from cart"]`);
        sent.push(cartEvent(fp, 'ITEM_REMOVED', BEANS, 0));
        await expectSent(tab, demo, sent);
        expect(await tab.evaluate(() => document.querySelectorAll('.wc-block-cart-items__row').length)).toBe(1);
      });
    });
  }

  test('a store that is not WooCommerce (the demo’s script-tag store): no request for the platform file, no Store API read', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const requests = await platform.settledPageRequests(tab, demo, '', () => document.querySelector('.card') !== null);
      expect(requests.some((r) => r.path === '/alhena-cart.min.js')).toBe(true);
      expect(requests.filter((r) => isPlatformFile(r) || restRoute(r) !== null)).toEqual([]);
    });
  });
});
