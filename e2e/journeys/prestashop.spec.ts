// The script tag on a PrestaShop store with no template edits (the demo's stand-in store, /prestashop/,
// demo-store/server/prestashop-store.mjs), in Chromium, Firefox and WebKit. What the SDK sent is read from the
// sandbox's record, with exact bodies, in order, each once; what each page asked the shop for, from the shop server's
// own request log. The stand-in never reads its cart with GET /prestashop/cart?ajax=1&action=update: only the SDK does,
// and only when an `updateCart` carries no cart (a page load reads `prestashop.cart`, an answer its `cart`). The
// helpers every platform's journeys share are in ./platform-fixtures.ts.
import { COMPANY_KEY } from '../../demo-store/demo.mjs';
import { expect, flushed, sdkLoaded, selectOption, sleep, type Tab, test, textOf, waitForPage, waitForText } from './fixtures';
import type { Demo, LoggedRequest } from './platform-fixtures';
import * as platform from './platform-fixtures';
import { clickThrough, expectNothingMore, expectSent, lastSeq, pageRequests, withDemo } from './platform-fixtures';

interface Item {
  id: string;
  name: string;
  price: number;
}

// The stand-in's catalogue (demo-store/server/prestashop-cart.mjs) as the SDK must report it: `id_product`, or
// `id_product-id_product_attribute` for a combination; the presented cart's name and `price_amount`, in euros.
const MUG: Item = { id: '6', name: 'Mug The best is yet to come', price: 11.9 };
const MUG_ADVENTURE: Item = { id: '7', name: 'Mug The adventure begins', price: 12.9 }; // 3 in stock
const TSHIRT_S: Item = { id: '1-1', name: 'Hummingbird printed t-shirt', price: 23.9 };
const TSHIRT_L: Item = { id: '1-3', name: 'Hummingbird printed t-shirt', price: 25.9 };
const NOTEBOOK_PAGE = 'prestashop/9-mountain-fox-notebook.html'; // out of stock since its pages were cached
const TSHIRT_PAGE = 'prestashop/1-hummingbird-printed-t-shirt.html';
const EXPRESS_SHIPPING = 12;

const cartEvent = platform.cartEventBuilder((item: Item) => item.id);

/** The SDK's read of the cart controller: a GET of `ajax=1&action=update` that changes nothing. */
const isCartRead = (r: LoggedRequest) => {
  const query = new URLSearchParams(r.search);
  return r.method === 'GET' && r.path === '/prestashop/cart' && query.get('ajax') === '1' && query.get('action') === 'update';
};
const isPlatformFile = (r: LoggedRequest) => r.path === '/alhena-cart.prestashop.min.js';

/**
 * A page's requests once it has settled: `cartReads` reads of the cart controller by the SDK (none for a page load,
 * whose read is `prestashop.cart`) and one request for the platform's file.
 */
async function expectPageRequests(tab: Tab, demo: Demo, since: number, { cartReads = 0, platformFile = 1 } = {}) {
  const url = await tab.url();
  await expect.poll(async () => (await pageRequests(demo, since, url)).filter(isPlatformFile).length).toBe(platformFile);
  await flushed(tab);
  await sleep(500);
  const requests = await pageRequests(demo, since, url);
  expect(requests.filter(isCartRead), `cart reads by ${url}`).toHaveLength(cartReads);
  expect(requests.filter(isPlatformFile), `requests for the platform file by ${url}`).toHaveLength(platformFile);
}

/** core.js has run and made `prestashop` an EventEmitter (the page's own buttons answer from then on). */
const coreReady = (tab: Tab) =>
  waitForPage(tab, 'core.js', () => typeof (window as unknown as { prestashop?: { on?: unknown } }).prestashop?.on === 'function');

/**
 * Opens the store at `path` and chats with the assistant (the sandbox attributes only visitors with an active
 * ticket); checks that page load's requests. Returns the visitor's fingerprints.
 */
const enterStore = platform.storeEntry({
  question: 'Which mug is best for tea?',
  ready: coreReady,
  expectPageLoad: (tab, demo, since) => expectPageRequests(tab, demo, since),
});

/** Opens `path` and waits for the SDK and core.js. */
async function open(tab: Tab, demo: Demo, path: string) {
  await tab.goto(`${demo.shopUrl}${path}`);
  await sdkLoaded(tab);
  await coreReady(tab);
}

const quickAdd = (item: Item) => `article[data-id-product="${item.id}"] button[data-button-action="add-to-cart"]`;
const PRODUCT_ADD = '#add-to-cart-or-refresh button[data-button-action="add-to-cart"]';
/** The cart page's line of `item`, by the ids its URLs carry. */
const lineIds = (item: Item) => {
  const [product, attribute = '0'] = item.id.split('-');
  return `id_product=${product}&id_product_attribute=${attribute}&`;
};
const quantityInput = (item: Item) => `input.js-cart-line-product-quantity[data-update-url*="${lineIds(item)}"]`;
const spin = (item: Item, direction: 'up' | 'down') => `.bootstrap-touchspin:has(${quantityInput(item)}) .bootstrap-touchspin-${direction}`;
const removeLink = (item: Item) => `a.remove-from-cart[href*="${lineIds(item)}"]`;
const quantityShown = (tab: Tab, item: Item) =>
  tab.evaluate((selector) => document.querySelector<HTMLInputElement>(selector)?.value ?? null, quantityInput(item));
const cartCount = (tab: Tab) => textOf(tab, '.blockcart .cart-products-count');

/** Adds the t-shirt in `size` (the `group[1]` select's value) from its product page. */
async function addTShirt(tab: Tab, demo: Demo, size: '1' | '3') {
  await open(tab, demo, TSHIRT_PAGE);
  await selectOption(tab, 'select#group_1', size);
  await tab.click(PRODUCT_ADD);
  await waitForPage(tab, 'the added modal', () => document.getElementById('blockcart-modal') !== null);
}

test.describe('PrestaShop, the script tag alone', () => {
  test('quick adds from the category list: ITEM_ADDED with id_product, the cart’s name, price_amount and the currency; the same product again QUANTITY_INCREASED; no cart request by the SDK', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'prestashop/');
      const since = await lastSeq(demo);
      await tab.click(quickAdd(MUG));
      const sent = [cartEvent(fp, 'ITEM_ADDED', MUG, 1)];
      await expectSent(tab, demo, sent);
      await waitForText(tab, '.blockcart .cart-products-count', '(1)');
      await tab.click('#blockcart-modal button.close');
      await tab.click(quickAdd(MUG_ADVENTURE));
      sent.push(cartEvent(fp, 'ITEM_ADDED', MUG_ADVENTURE, 1));
      await expectSent(tab, demo, sent);
      await tab.click('#blockcart-modal button.close');
      await tab.click(quickAdd(MUG));
      sent.push(cartEvent(fp, 'QUANTITY_INCREASED', MUG, 2));
      await expectSent(tab, demo, sent);
      await waitForText(tab, '.blockcart .cart-products-count', '(3)');
      // Each answer carried the cart: the SDK asked for nothing, nor fetched its file again.
      await expectPageRequests(tab, demo, since, { platformFile: 0 });
    });
  });

  test('the product page’s Size combination: ITEM_ADDED with id_product-id_product_attribute and the combination’s price', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, TSHIRT_PAGE);
      await selectOption(tab, 'select#group_1', '3');
      await tab.click(PRODUCT_ADD);
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', TSHIRT_L, 1)]);
      await waitForText(tab, '#blockcart-modal .modal-title', 'Product successfully added to your shopping cart');
      await tab.click('#blockcart-modal button.close');
      await selectOption(tab, 'select#group_1', '1');
      await tab.click(PRODUCT_ADD);
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', TSHIRT_L, 1), cartEvent(fp, 'ITEM_ADDED', TSHIRT_S, 1)]);
    });
  });

  test('core.js run only after the SDK started (a lazy-JS optimiser): `updateCart` still heard, the add sent', async ({ tab }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'prestashop/?demo-core=late');
      await tab.click(quickAdd(MUG));
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', MUG, 1)]);
    });
  });

  test('an add the store refuses (out of stock, `hasError`, so `handleError` and no `updateCart`): nothing sent, no cart read; a good add after it is sent', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, NOTEBOOK_PAGE);
      const since = await lastSeq(demo);
      await tab.click(PRODUCT_ADD);
      await waitForText(tab, '#notifications .alert-danger', 'There are not enough products in stock.');
      await flushed(tab);
      await sleep(500);
      expect(demo.sandbox.requests()).toEqual([]);
      expect(await cartCount(tab)).toBe('(0)');
      await expectPageRequests(tab, demo, since, { platformFile: 0 });

      await open(tab, demo, 'prestashop/');
      await tab.click(quickAdd(MUG));
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', MUG, 1)]);
    });
  });

  test('the cart page: TouchSpin up and down, a quantity typed and applied with Enter, one applied on leaving the field, then remove', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'prestashop/');
      await tab.click(quickAdd(MUG));
      const sent = [cartEvent(fp, 'ITEM_ADDED', MUG, 1)];
      await expectSent(tab, demo, sent);
      await addTShirt(tab, demo, '3');
      sent.push(cartEvent(fp, 'ITEM_ADDED', TSHIRT_L, 1));
      await expectSent(tab, demo, sent);

      const since = await lastSeq(demo);
      await open(tab, demo, 'prestashop/cart?action=show');
      await expectPageRequests(tab, demo, since);
      await tab.click(spin(MUG, 'up'));
      sent.push(cartEvent(fp, 'QUANTITY_INCREASED', MUG, 2));
      await expectSent(tab, demo, sent);
      await expect.poll(() => quantityShown(tab, MUG)).toBe('2');

      await tab.click(spin(MUG, 'down'));
      sent.push(cartEvent(fp, 'QUANTITY_DECREASED', MUG, 1));
      await expectSent(tab, demo, sent);

      // Typed, then Enter (keyup 13 in classic's cart.js): applied while the field keeps the focus.
      await tab.evaluate((selector) => {
        const input = document.querySelector<HTMLInputElement>(selector);
        if (!input) throw new Error(`no ${selector}`);
        input.focus();
        input.value = '4';
        input.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', keyCode: 13, bubbles: true } as KeyboardEventInit));
      }, quantityInput(TSHIRT_L));
      sent.push(cartEvent(fp, 'QUANTITY_INCREASED', TSHIRT_L, 4));
      await expectSent(tab, demo, sent);

      // Typed, then the field left (focusout).
      await expect.poll(() => quantityShown(tab, TSHIRT_L)).toBe('4');
      await tab.fill(quantityInput(TSHIRT_L), '2');
      sent.push(cartEvent(fp, 'QUANTITY_DECREASED', TSHIRT_L, 2));
      await expectSent(tab, demo, sent);

      await tab.click(removeLink(MUG));
      sent.push(cartEvent(fp, 'ITEM_REMOVED', MUG, 0));
      await expectSent(tab, demo, sent);
      await expect.poll(() => tab.evaluate(() => document.querySelectorAll('.cart-item').length)).toBe(1);
      // Every answer carried the cart: no read of the cart controller by the SDK on this page.
      await expectPageRequests(tab, demo, since);
    });
  });

  test('an increase the stock refuses on the cart page (an update’s message beside the unchanged cart): nothing sent', async ({ tab }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'prestashop/');
      await tab.click(quickAdd(MUG_ADVENTURE));
      const sent = [cartEvent(fp, 'ITEM_ADDED', MUG_ADVENTURE, 1)];
      await expectSent(tab, demo, sent);
      await open(tab, demo, 'prestashop/cart?action=show');
      await tab.fill(quantityInput(MUG_ADVENTURE), '3');
      sent.push(cartEvent(fp, 'QUANTITY_INCREASED', MUG_ADVENTURE, 3));
      await expectSent(tab, demo, sent);
      await expect.poll(() => quantityShown(tab, MUG_ADVENTURE)).toBe('3');
      await tab.click(spin(MUG_ADVENTURE, 'up'));
      await waitForText(tab, '#notifications .alert-danger', 'There are not enough products in stock.');
      expect(await quantityShown(tab, MUG_ADVENTURE)).toBe('3');
      await expectNothingMore(tab, demo, sent);
    });
  });

  test('the older classic theme (1.7.5: `updateCart` with the dataset alone): one read of the cart controller per change finds it', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'prestashop/?demo-classic=1.7.5');
      await tab.click(quickAdd(MUG));
      const sent = [cartEvent(fp, 'ITEM_ADDED', MUG, 1)];
      await expectSent(tab, demo, sent);

      await open(tab, demo, 'prestashop/cart?action=show');
      const since = await lastSeq(demo);
      await tab.click(spin(MUG, 'up'));
      sent.push(cartEvent(fp, 'QUANTITY_INCREASED', MUG, 2));
      await expectSent(tab, demo, sent);
      await expectPageRequests(tab, demo, since, { cartReads: 1, platformFile: 0 });
      await tab.click(removeLink(MUG));
      sent.push(cartEvent(fp, 'ITEM_REMOVED', MUG, 0));
      await expectSent(tab, demo, sent);
      await expectPageRequests(tab, demo, since, { cartReads: 2, platformFile: 0 });
    });
  });

  test('changes made by a full page load (`cart?add=1…` and `cart?delete=1…` links, then the redirect): found by the comparison on the page after', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'prestashop/');
      const since = await lastSeq(demo);
      await clickThrough(
        tab,
        `article[data-id-product="${MUG.id}"] a.add-link`,
        'the cart page',
        () => document.querySelector('.cart-item') !== null,
      );
      expect(await tab.url()).toBe(`${demo.shopUrl}prestashop/cart?action=show`);
      const sent = [cartEvent(fp, 'ITEM_ADDED', MUG, 1)];
      await expectSent(tab, demo, sent);
      await expectPageRequests(tab, demo, since);

      // The remove link followed as a theme without script does: the cart controller deletes and redirects.
      const href = await tab.evaluate((selector) => document.querySelector<HTMLAnchorElement>(selector)?.href ?? '', removeLink(MUG));
      await tab.goto(href);
      await waitForPage(tab, 'the empty cart', () => document.querySelector('.no-items') !== null);
      sent.push(cartEvent(fp, 'ITEM_REMOVED', MUG, 0));
      await expectSent(tab, demo, sent);
    });
  });

  test('the order-confirmation page: the checkout sent once with the cart events’ ids, the checkout’s cart total with the carrier chosen there; reloaded, nothing more; no ITEM_REMOVED for the bought lines', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'prestashop/');
      await tab.click(quickAdd(MUG));
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', MUG, 1)]);
      await tab.click('#blockcart-modal button.close');
      await tab.click(quickAdd(MUG));
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', MUG, 1), cartEvent(fp, 'QUANTITY_INCREASED', MUG, 2)]);
      await addTShirt(tab, demo, '3');
      const cartEvents = [
        cartEvent(fp, 'ITEM_ADDED', MUG, 1),
        cartEvent(fp, 'QUANTITY_INCREASED', MUG, 2),
        cartEvent(fp, 'ITEM_ADDED', TSHIRT_L, 1),
      ];
      await expectSent(tab, demo, cartEvents);

      // A carrier chosen on the checkout (`updatedDeliveryForm`, no cart in its answer): one read, the new total recorded.
      await open(tab, demo, 'prestashop/order');
      const checkoutSince = await lastSeq(demo);
      await tab.click('#delivery_option_3');
      await waitForText(tab, '#cart-subtotal-shipping .value', '€12.00');
      await expectPageRequests(tab, demo, checkoutSince, { cartReads: 1, platformFile: 0 });
      const since = await lastSeq(demo);
      await clickThrough(
        tab,
        '#payment-confirmation button',
        'the order confirmation',
        () => document.getElementById('order-reference-value') !== null,
      );
      const orderId = /[?&]id_order=(\d+)&/.exec(await tab.url())?.[1] as string;
      expect(orderId).toMatch(/^\d+$/);
      const checkout = {
        company_key: COMPANY_KEY,
        user_fingerprint: fp.user,
        user_faq_fingerprint: fp.faq,
        value: 23.8 + 25.9 + EXPRESS_SHIPPING,
        currency: 'EUR',
        orderId,
        order_id: orderId,
        line_items: [
          { product_id: MUG.id, product_name: MUG.name, quantity: 2, value: 23.8, currency: 'EUR' },
          { product_id: TSHIRT_L.id, product_name: TSHIRT_L.name, quantity: 1, value: 25.9, currency: 'EUR' },
        ],
      };
      await expectSent(tab, demo, [...cartEvents, checkout]);
      await expectPageRequests(tab, demo, since);

      await tab.reload();
      await waitForPage(tab, 'the order confirmation', () => document.getElementById('order-reference-value') !== null);
      await sdkLoaded(tab);
      await flushed(tab);
      await open(tab, demo, 'prestashop/');
      await expectNothingMore(tab, demo, [...cartEvents, checkout]);
    });
  });

  test('a store that is not PrestaShop (the demo’s script-tag store): no request for the platform file, no cart read', async ({ tab }) => {
    await withDemo(async (demo) => {
      const requests = await platform.settledPageRequests(tab, demo, '', () => document.querySelector('.card') !== null);
      expect(requests.some((r) => r.path === '/alhena-cart.min.js')).toBe(true);
      expect(requests.filter((r) => isPlatformFile(r) || r.path.startsWith('/prestashop/'))).toEqual([]);
    });
  });
});
