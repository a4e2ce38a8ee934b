// The script tag on a BigCommerce Stencil store with no template edits (the demo's stand-in store, /bigcommerce/,
// demo-store/server/bigcommerce-store.mjs), in Chromium, Firefox and WebKit, with the store's BODL on and off. What
// the SDK sent is read from the sandbox's record, with exact bodies, in order, each once; what each page asked the
// shop for, from the shop server's own request log. The stand-in never reads /api/storefront/carts nor
// /api/storefront/orders itself: only the SDK does. The helpers every platform's journeys share are in
// ./platform-fixtures.ts.
import { COMPANY_KEY } from '../../demo-store/demo.mjs';
import { expect, flushed, sdkLoaded, sleep, type Tab, test, textOf, waitForPage, waitForText } from './fixtures';
import type { LoggedRequest } from './platform-fixtures';
import * as platform from './platform-fixtures';
import { clickThrough, expectNothingMore, expectSent, lastSeq, pageRequests, withDemo } from './platform-fixtures';

interface Item {
  product: number;
  variant: number;
  name: string;
  price: number;
}

// The stand-in's catalogue (demo-store/server/bigcommerce-cart.mjs) as the SDK must report it: the line's variant id
// (every product has a base variant, whose id is not the product's), its name, its sale price, in dollars.
const TOTE: Item = { product: 111, variant: 211, name: 'Canvas Tote Bag', price: 24 };
const MILL: Item = { product: 112, variant: 212, name: 'Salt & Pepper Mill', price: 38.5 };
const CREW_LARGE: Item = { product: 113, variant: 233, name: 'Merino Crew Sweater', price: 68 };
const LARGE_OPTION = '103';
const SOLD_OUT = { product: 114 };

const cartEvent = platform.cartEventBuilder((item: Item) => String(item.variant), { currency: 'USD' });

const isCartRead = (r: LoggedRequest) => r.method === 'GET' && r.path === '/api/storefront/carts';
const isOrderRead = (r: LoggedRequest) => r.method === 'GET' && /^\/api\/storefront\/orders\/\d+$/.test(r.path);
const isPlatformFile = (r: LoggedRequest) => r.path === '/alhena-cart.bigcommerce.min.js';

/** `cartReadsBy` waits for the page's cart reads; `expectOnePageLoad`: one cart read and one platform file per page load. */
const { cartReadsBy, expectOnePageLoad } = platform.cartReadChecks({ isCartRead, isOrderRead, isPlatformFile });

/** Opens the store's page at `path`, chats with the assistant, checks that page load's requests; the visitor's fingerprints. */
const enterStore = platform.storeEntry({
  question: 'Which tote holds a laptop?',
  expectPageLoad: (tab, demo, since) => expectOnePageLoad(tab, demo, since),
});

/** The category card's Add to Cart (its form posted by the theme's script). */
const listAdd = (product: number) => `article.card[data-entity-id="${product}"] button[data-button-type="add-cart"]`;
/** Waits until the theme's script has no cart request in flight. */
const themeIdle = (tab: Tab) => waitForPage(tab, 'the theme’s cart request', () => !document.body.hasAttribute('data-cart-busy'));

async function addFromList(tab: Tab, item: { product: number }) {
  await tab.click(listAdd(item.product));
  await themeIdle(tab);
}

/** Chooses the sweater's size as a shopper does: the select changes. */
async function chooseSize(tab: Tab, value: string) {
  await tab.evaluate((chosen) => {
    const select = document.querySelector<HTMLSelectElement>('select[name="attribute[140]"]');
    if (!select) throw new Error('no size select');
    select.value = chosen;
    for (const type of ['input', 'change']) select.dispatchEvent(new Event(type, { bubbles: true }));
  }, value);
}

/** The cart page's row of a line, by its SKU. */
const row = (sku: string) => `tr.cart-item[data-sku="${sku}"]`;
const quantityOf = (tab: Tab, sku: string) =>
  tab.evaluate(
    (wanted) => document.querySelector<HTMLInputElement>(`tr.cart-item[data-sku="${wanted}"] .cart-item-qty-input`)?.value ?? null,
    sku,
  );

for (const bodl of ['on', 'off'] as const) {
  test.describe(`BigCommerce (Stencil, Cornerstone), the script tag alone, BODL ${bodl}`, () => {
    const flag = `?demo-bodl=${bodl}`;

    test('adds from a category page: ITEM_ADDED with the variant id, the name, the sale price and currency; the same again: QUANTITY_INCREASED', async ({
      tab,
    }) => {
      await withDemo(async (demo) => {
        const fp = await enterStore(tab, demo, `bigcommerce/${flag}`);
        expect(await tab.evaluate(() => typeof (window as { bodlEvents?: unknown }).bodlEvents)).toBe(
          bodl === 'on' ? 'object' : 'undefined',
        );
        const since = await lastSeq(demo);
        await addFromList(tab, TOTE);
        await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', TOTE, 1)]);
        // The add's request finishing and BODL's add event come together: one read.
        const reads = (await pageRequests(demo, since, await tab.url())).filter(isCartRead);
        expect(reads, 'cart reads after one add').toHaveLength(1);
        await addFromList(tab, MILL);
        await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', TOTE, 1), cartEvent(fp, 'ITEM_ADDED', MILL, 1)]);
        await addFromList(tab, TOTE);
        await expectSent(tab, demo, [
          cartEvent(fp, 'ITEM_ADDED', TOTE, 1),
          cartEvent(fp, 'ITEM_ADDED', MILL, 1),
          cartEvent(fp, 'QUANTITY_INCREASED', TOTE, 2),
        ]);
        expect(await textOf(tab, '.navUser-item--cart .countPill')).toBe('3');
      });
    });

    test('adds from a product page with a size chosen: ITEM_ADDED with the Large variant’s id and price', async ({ tab }) => {
      await withDemo(async (demo) => {
        const fp = await enterStore(tab, demo, `bigcommerce/merino-crew-sweater/${flag}`);
        await chooseSize(tab, LARGE_OPTION);
        await tab.click('#form-action-addToCart');
        await waitForText(tab, '.previewCart', /added to your cart/);
        await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', CREW_LARGE, 1)]);
      });
    });

    test('an add the store refuses (sold out since the page was cached): the cart is read and nothing is sent; a good add after it is sent', async ({
      tab,
    }) => {
      await withDemo(async (demo) => {
        const fp = await enterStore(tab, demo, `bigcommerce/${flag}`);
        const since = await lastSeq(demo);
        const url = await tab.url();
        await addFromList(tab, SOLD_OUT);
        expect(await textOf(tab, '.alert-modal')).toContain('stock');
        await cartReadsBy(demo, since, url);
        await flushed(tab);
        await sleep(500);
        expect(demo.sandbox.requests()).toEqual([]);

        await addFromList(tab, TOTE);
        await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', TOTE, 1)]);
      });
    });

    test('the cart page’s + and − (AJAX, no BODL event for either): QUANTITY_INCREASED, QUANTITY_DECREASED; its ×: ITEM_REMOVED, the last line’s too', async ({
      tab,
    }) => {
      await withDemo(async (demo) => {
        const fp = await enterStore(tab, demo, `bigcommerce/${flag}`);
        await addFromList(tab, TOTE);
        await addFromList(tab, MILL);
        const sent = [cartEvent(fp, 'ITEM_ADDED', TOTE, 1), cartEvent(fp, 'ITEM_ADDED', MILL, 1)];
        await expectSent(tab, demo, sent);

        const since = await lastSeq(demo);
        await tab.goto(`${demo.shopUrl}cart.php`);
        await waitForPage(tab, 'the cart', () => document.querySelectorAll('tr.cart-item').length === 2);
        await expectOnePageLoad(tab, demo, since);

        await tab.click(`${row('TOTE-01')} .cart-item-qty-increase`);
        sent.push(cartEvent(fp, 'QUANTITY_INCREASED', TOTE, 2));
        await expectSent(tab, demo, sent);
        await expect.poll(() => quantityOf(tab, 'TOTE-01')).toBe('2');

        await tab.click(`${row('TOTE-01')} .cart-item-qty-decrease`);
        sent.push(cartEvent(fp, 'QUANTITY_DECREASED', TOTE, 1));
        await expectSent(tab, demo, sent);
        await expect.poll(() => quantityOf(tab, 'TOTE-01')).toBe('1');

        await tab.click(`${row('MILL-01')} .cart-remove`);
        sent.push(cartEvent(fp, 'ITEM_REMOVED', MILL, 0));
        await expectSent(tab, demo, sent);
        await waitForPage(tab, 'one line left', () => document.querySelectorAll('tr.cart-item').length === 1);

        // The last line: BODL emits nothing for it (stencil-utils shouldEmitRemoveItem); the request's read finds it.
        await tab.click(`${row('TOTE-01')} .cart-remove`);
        sent.push(cartEvent(fp, 'ITEM_REMOVED', TOTE, 0));
        await expectSent(tab, demo, sent);
        await waitForPage(tab, 'the empty cart', () => document.querySelector('.cart-empty') !== null);
      });
    });

    test('the product form posted without script (a full page load to /cart.php): ITEM_ADDED found on the cart page', async ({ tab }) => {
      await withDemo(async (demo) => {
        const fp = await enterStore(tab, demo, `bigcommerce/merino-crew-sweater/${flag}&demo-theme-script=no`);
        expect(await tab.evaluate(() => typeof (window as { stencilBootstrap?: unknown }).stencilBootstrap)).toBe('undefined');
        await chooseSize(tab, LARGE_OPTION);
        const since = await lastSeq(demo);
        await clickThrough(tab, '#form-action-addToCart', 'the cart page', () => document.querySelector('tr.cart-item') !== null);
        expect(await tab.url()).toBe(`${demo.shopUrl}cart.php`);
        await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', CREW_LARGE, 1)]);
        await expectOnePageLoad(tab, demo, since);
      });
    });

    test('the order-confirmation page: the checkout sent once (reloaded too) with the cart events’ ids, the order’s amount and currency; no ITEM_REMOVED for the bought lines', async ({
      tab,
    }) => {
      await withDemo(async (demo) => {
        const fp = await enterStore(tab, demo, `bigcommerce/${flag}`);
        await addFromList(tab, TOTE);
        await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', TOTE, 1)]);
        await addFromList(tab, TOTE);
        await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', TOTE, 1), cartEvent(fp, 'QUANTITY_INCREASED', TOTE, 2)]);
        await tab.goto(`${demo.shopUrl}bigcommerce/merino-crew-sweater/`);
        await chooseSize(tab, LARGE_OPTION);
        await tab.click('#form-action-addToCart');
        const cartEvents = [
          cartEvent(fp, 'ITEM_ADDED', TOTE, 1),
          cartEvent(fp, 'QUANTITY_INCREASED', TOTE, 2),
          cartEvent(fp, 'ITEM_ADDED', CREW_LARGE, 1),
        ];
        await expectSent(tab, demo, cartEvents);

        await tab.goto(`${demo.shopUrl}checkout`);
        await waitForPage(tab, 'the checkout', () => document.querySelector('#checkout-place-order-button') !== null);
        const since = await lastSeq(demo);
        await clickThrough(
          tab,
          '#checkout-place-order-button',
          'the order-confirmation page',
          () => document.querySelector('.order-number') !== null,
        );
        expect(await tab.url()).toBe(`${demo.shopUrl}checkout/order-confirmation`);
        const orderId = (await textOf(tab, '.order-number')) as string;
        expect(orderId).toMatch(/^\d+$/);

        const checkout = {
          company_key: COMPANY_KEY,
          user_fingerprint: fp.user,
          user_faq_fingerprint: fp.faq,
          value: 116,
          currency: 'USD',
          orderId,
          order_id: orderId,
          line_items: [
            { product_id: String(TOTE.variant), product_name: TOTE.name, quantity: 2, value: 48, currency: 'USD' },
            { product_id: String(CREW_LARGE.variant), product_name: CREW_LARGE.name, quantity: 1, value: 68, currency: 'USD' },
          ],
        };
        await expectSent(tab, demo, [...cartEvents, checkout]);
        await expectOnePageLoad(tab, demo, since, { orderReads: 1 });

        // Reloaded (BODL's order event comes again), and the shop after it: nothing more is sent.
        const reloadSince = await lastSeq(demo);
        await tab.reload();
        await waitForPage(tab, 'the order-confirmation page', () => document.querySelector('.order-number') !== null);
        await sdkLoaded(tab);
        await flushed(tab);
        await sleep(800);
        const reloaded = await pageRequests(demo, reloadSince, await tab.url());
        expect(reloaded.filter(isOrderRead), 'no order read once the order is tracked').toHaveLength(0);
        await tab.goto(`${demo.shopUrl}bigcommerce/`);
        await waitForPage(tab, 'the category', () => document.querySelector('article.card') !== null);
        await sdkLoaded(tab);
        await expectNothingMore(tab, demo, [...cartEvents, checkout]);
        expect(demo.sandbox.requests().map((r) => r.body)).toStrictEqual([...cartEvents, checkout]);
      });
    });
  });
}

test('a store that is not BigCommerce (the demo’s script-tag store, the WooCommerce stand-in): no BigCommerce file, no Storefront API read', async ({
  tab,
}) => {
  await withDemo(async (demo) => {
    for (const [path, ready] of [
      ['', () => document.querySelector('.card') !== null],
      ['woo/', () => document.querySelector('li.product') !== null],
    ] as const) {
      const requests = await platform.settledPageRequests(tab, demo, path, ready);
      expect(requests.some((r) => r.path === '/alhena-cart.min.js')).toBe(true);
      expect(requests.filter((r) => isPlatformFile(r) || r.path.startsWith('/api/storefront/'))).toEqual([]);
    }
  });
});
