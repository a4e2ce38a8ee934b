// The script tag on a Magento 2 (Luma) store with no template edits (the demo's stand-in store, /magento/,
// demo-store/server/magento-store.mjs), in Chromium, Firefox and WebKit. What the SDK sent is read from the sandbox's
// record, with exact bodies, in order, each once; what each page asked the shop for, from the shop server's own
// request log. The stand-in's customer-data reloads sections with `update_section_id=true`; the SDK's own reads of
// `customer/section/load` carry no such parameter, so they are told apart. The helpers every platform's journeys
// share are in ./platform-fixtures.ts.
import { COMPANY_KEY } from '../../demo-store/demo.mjs';
import { expect, flushed, sdkLoaded, sleep, type Tab, test, textOf, waitForPage, waitForText } from './fixtures';
import type { Demo, LoggedRequest } from './platform-fixtures';
import * as platform from './platform-fixtures';
import { clickThrough, expectNothingMore, expectSent, lastSeq, pageRequests, withDemo } from './platform-fixtures';

interface Item {
  id: number;
  sku: string;
  name: string;
  price: number;
}

// The stand-in's catalogue (demo-store/server/magento-catalog.mjs) as the SDK must report it: the line's SKU (the
// child's for the configurable hoodie, whose line names the parent's product_id), the name decoded from the
// section's HTML escaping, the unit price the cart states, in euros.
const JOUST: Item = { id: 1, sku: '24-MB01', name: 'Joust Duffle Bag', price: 34 };
const STRIVE: Item = { id: 14, sku: '24-MB04', name: 'Strive Shoulder Pack', price: 32 };
const GRIPS: Item = { id: 33, sku: '24-UG05', name: "Go-Get'r Pushup Grips & Mat", price: 19 };
const HOODIE_S: Item = { id: 67, sku: 'MH01-S', name: 'Chaz Kangeroo Hoodie', price: 52 };
const HOODIE_L: Item = { id: 67, sku: 'MH01-L', name: 'Chaz Kangeroo Hoodie', price: 54.5 };
const SOLD_OUT = { id: 40 };
const SIZE_OPTION = { S: '168', L: '170' };
const SHIPPING = 5;

const cartEvent = platform.cartEventBuilder((item: Item) => item.sku);

const isSectionLoad = (r: LoggedRequest) => r.method === 'GET' && r.path === '/magento/customer/section/load/';
/** The SDK's read of the cart section: customer-data's own reloads carry `update_section_id`. */
const isSdkRead = (r: LoggedRequest) => isSectionLoad(r) && !new URLSearchParams(r.search).has('update_section_id');
const isPlatformFile = (r: LoggedRequest) => r.path === '/alhena-cart.magento.min.js';

/**
 * One page load's requests once it has settled: the platform's file once, and `sdkReads` reads of the section by
 * the SDK (one when customer-data holds no current cart section, none when it does; at most one either way).
 */
async function expectOnePageLoad(tab: Tab, demo: Demo, since: number, sdkReads: number | 'at most one') {
  const url = await tab.url();
  await expect.poll(async () => (await pageRequests(demo, since, url)).filter(isPlatformFile).length, { timeout: 15_000 }).toBe(1);
  if (sdkReads === 1)
    await expect.poll(async () => (await pageRequests(demo, since, url)).filter(isSdkRead).length, { timeout: 15_000 }).toBe(1);
  await flushed(tab);
  await sleep(500);
  const requests = await pageRequests(demo, since, url);
  const reads = requests.filter(isSdkRead).map((r) => `${r.path}${r.search}`);
  if (sdkReads === 'at most one') expect(reads.length, `SDK cart reads by ${url}`).toBeLessThanOrEqual(1);
  else expect(reads, `SDK cart reads by ${url}`).toEqual(sdkReads ? ['/magento/customer/section/load/?sections=cart'] : []);
  expect(requests.filter(isPlatformFile), `requests for the platform file by ${url}`).toHaveLength(1);
}

/** Until the stand-in's RequireJS has applied its components (the minicart is rendered from the section). */
const magentoReady = (tab: Tab) =>
  waitForPage(tab, 'the page’s components', () => document.querySelector('#minicart-content-wrapper')?.childElementCount);

/**
 * Opens the store's first page (a product page: it names the store's currency, which category pages do not) and
 * chats with the assistant; checks that page load's requests: a new visitor has no cart section, so the SDK asks.
 */
const enterStore = platform.storeEntry({
  question: 'Which bag for the gym?',
  firstPage: 'magento/joust-duffle-bag.html',
  ready: magentoReady,
  expectPageLoad: (tab, demo, since) => expectOnePageLoad(tab, demo, since, 1),
});

/** Goes to a page of the store and waits for its components. */
async function open(tab: Tab, demo: Demo, path: string) {
  await tab.goto(`${demo.shopUrl}${path}`);
  await sdkLoaded(tab);
  await magentoReady(tab);
}

const listAdd = (item: { id: number }) => `form[data-role="tocart-form"][action*="/product/${item.id}/"] button.tocart`;
/** The minicart's line count, as its own rendering of the section shows it. */
const minicartLines = (tab: Tab) => tab.evaluate(() => document.querySelectorAll('#mini-cart .product-item').length);
const waitForMinicart = (tab: Tab, count: number) =>
  waitForPage(tab, `${count} line(s) in the minicart`, (n) => document.querySelectorAll('#mini-cart .product-item').length === n, count);

/** Adds a size of the hoodie on its product page (AJAX, catalog-add-to-cart). */
async function addHoodie(tab: Tab, size: keyof typeof SIZE_OPTION) {
  await tab.evaluate((value) => {
    const select = document.querySelector<HTMLSelectElement>('#attribute144');
    if (!select) throw new Error('no size select');
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, SIZE_OPTION[size]);
  await tab.click('#product-addtocart-button');
}

/** Sets a minicart line's quantity and presses its Update (sidebar.js). */
async function minicartQuantity(tab: Tab, sku: string, qty: number) {
  await tab.fill(`input.cart-item-qty[data-cart-item-id="${sku}"]`, String(qty));
  const itemId = await tab.evaluate(
    (wanted) => document.querySelector(`input.cart-item-qty[data-cart-item-id="${wanted}"]`)?.getAttribute('data-cart-item'),
    sku,
  );
  await tab.click(`button.update-cart-item[data-cart-item="${itemId}"]`);
}

/** A Content-Security-Policy violation as the stand-in's recorder (`?demo-csp=strict`) keeps it in `window.__violations`. */
interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
}

/**
 * On a page sent with the strict policy: the Magento file's script element carries the nonce the tag had (browsers
 * hide the attribute's value, not the `.nonce` property) and its integrity hash, and the SDK caused no violation.
 */
async function expectStrictPage(tab: Tab) {
  const state = await tab.evaluate(() => {
    const tag = document.querySelector<HTMLScriptElement>('script[src$="/alhena-cart.min.js"]');
    const file = document.querySelector<HTMLScriptElement>('script[src$="alhena-cart.magento.min.js"]');
    return {
      recorder: Array.isArray((window as unknown as { __violations?: unknown }).__violations),
      tagNonce: tag?.nonce ?? null,
      fileNonce: file?.nonce ?? null,
      integrity: file?.integrity ?? null,
      violations: (window as unknown as { __violations?: CspViolation[] }).__violations ?? [],
    };
  });
  expect(state.recorder, 'the strict policy’s violation recorder').toBe(true);
  expect(state.tagNonce, 'the tag’s nonce').toMatch(/^[\w+/]{16,}={0,2}$/);
  expect(state.fileNonce, 'the Magento file’s nonce').toBe(state.tagNonce);
  expect(state.integrity, 'the Magento file’s integrity').toMatch(/^sha(256|384|512)-/);
  // The one expected: the stand-in widget's shadow-root `<style>` (style-src 'self'), the widget's, not the SDK's.
  const others = state.violations.filter((v) => !(v.directive.startsWith('style-src') && v.source.includes('/widget/')));
  expect(others, 'CSP violations caused by the SDK').toEqual([]);
}

test.describe('Magento 2 (Luma), the script tag alone', () => {
  test('adds from the category list: ITEM_ADDED with the SKU, the decoded name, the price and the currency last read; the same product again: QUANTITY_INCREASED', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo);
      const since = await lastSeq(demo);
      await open(tab, demo, 'magento/');
      // No change yet: still no cart section, so the SDK asks for it on this page too.
      await expectOnePageLoad(tab, demo, since, 1);
      await tab.click(listAdd(STRIVE));
      const sent = [cartEvent(fp, 'ITEM_ADDED', STRIVE, 1)];
      await expectSent(tab, demo, sent);
      await waitForMinicart(tab, 1);
      await tab.click(listAdd(GRIPS));
      sent.push(cartEvent(fp, 'ITEM_ADDED', GRIPS, 1));
      await expectSent(tab, demo, sent);
      await waitForMinicart(tab, 2);
      await tab.click(listAdd(STRIVE));
      sent.push(cartEvent(fp, 'QUANTITY_INCREASED', STRIVE, 2));
      await expectSent(tab, demo, sent);

      // customer-data now holds the section: the next page's read is its copy, no request.
      const next = await lastSeq(demo);
      await open(tab, demo, 'magento/');
      await waitForMinicart(tab, 2);
      await expectOnePageLoad(tab, demo, next, 0);
      expect(demo.sandbox.requests()).toHaveLength(sent.length);
    });
  });

  test('the configurable product’s page: ITEM_ADDED with the chosen size’s SKU and price, although its line names the parent', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'magento/chaz-kangeroo-hoodie.html');
      await addHoodie(tab, 'L');
      const sent = [cartEvent(fp, 'ITEM_ADDED', HOODIE_L, 1)];
      await expectSent(tab, demo, sent);
      await waitForMinicart(tab, 1);
      await addHoodie(tab, 'S');
      sent.push(cartEvent(fp, 'ITEM_ADDED', HOODIE_S, 1));
      await expectSent(tab, demo, sent);
      await waitForMinicart(tab, 2);
      expect(
        await tab.evaluate(() =>
          JSON.parse(localStorage.getItem('mage-cache-storage') ?? '{}').cart.items.map((i: { product_id: string }) => i.product_id),
        ),
      ).toEqual(['67', '67']);
    });
  });

  test('under Magento_Csp’s restrict mode (script-src self and a nonce, no unsafe-inline): the tag’s nonce goes to its Magento file; adds from the list and the configurable’s page are sent', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      // The flag stays with the session: every page below is sent with the policy and a fresh nonce.
      const fp = await enterStore(tab, demo, 'magento/joust-duffle-bag.html?demo-csp=strict');
      await expectStrictPage(tab);
      let since = await lastSeq(demo);
      await open(tab, demo, 'magento/');
      await expectOnePageLoad(tab, demo, since, 1);
      await tab.click(listAdd(STRIVE));
      const sent = [cartEvent(fp, 'ITEM_ADDED', STRIVE, 1)];
      await expectSent(tab, demo, sent);
      await waitForMinicart(tab, 1);
      await tab.click(listAdd(GRIPS));
      sent.push(cartEvent(fp, 'ITEM_ADDED', GRIPS, 1));
      await expectSent(tab, demo, sent);
      await waitForMinicart(tab, 2);
      await expectStrictPage(tab);

      since = await lastSeq(demo);
      await open(tab, demo, 'magento/chaz-kangeroo-hoodie.html');
      await expectOnePageLoad(tab, demo, since, 'at most one');
      await addHoodie(tab, 'L');
      sent.push(cartEvent(fp, 'ITEM_ADDED', HOODIE_L, 1));
      await expectSent(tab, demo, sent);
      await waitForMinicart(tab, 3);
      await expectStrictPage(tab);
      expect(demo.sandbox.requests()).toHaveLength(sent.length);

      // The policy is enforced in this engine: a script without the nonce is blocked and reported.
      await tab.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true;';
        document.head.append(script);
      });
      await waitForPage(tab, 'the inline script’s violation', () =>
        (window as unknown as { __violations: CspViolation[] }).__violations.some(
          (v) => v.blocked === 'inline' && v.directive.startsWith('script-src'),
        ),
      );
      expect(await tab.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? 'blocked')).toBe('blocked');
    });
  });

  test('an add the store refuses (sold out since the list was cached): ajax:addToCart fires, the cart read decides: nothing sent; a good add after it is sent', async ({
    tab,
  }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo);
      await open(tab, demo, 'magento/');
      const since = await lastSeq(demo);
      await tab.evaluate(() => {
        (window as unknown as { __heard: number }).__heard = 0;
        (window as unknown as { jQuery: (t: unknown) => { on: (n: string, f: () => void) => void } })
          .jQuery(document)
          .on('ajax:addToCart', () => (window as unknown as { __heard: number }).__heard++);
      });
      await tab.click(listAdd(SOLD_OUT));
      await waitForText(tab, '[data-placeholder="messages"] .message-error', 'Product that you are trying to add is not available.');
      expect(await textOf(tab, `form[action*="/product/${SOLD_OUT.id}/"] + .stock span`)).toBe('Out of stock');
      expect(await tab.evaluate(() => (window as unknown as { __heard: number }).__heard)).toBe(1);
      // customer-data reloaded the section after the refused add; the SDK read it (its copy or the server's).
      await expect
        .poll(async () => (await pageRequests(demo, since, await tab.url())).filter((r) => isSectionLoad(r) && !isSdkRead(r)).length)
        .toBeGreaterThanOrEqual(1);
      await flushed(tab);
      await sleep(800);
      expect(demo.sandbox.requests()).toEqual([]);

      await tab.click(listAdd(JOUST));
      await expectSent(tab, demo, [cartEvent(fp, 'ITEM_ADDED', JOUST, 1)]);
    });
  });

  test('the minicart’s quantity Update: QUANTITY_INCREASED, QUANTITY_DECREASED with the new quantity', async ({ tab }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo);
      await tab.click('#product-addtocart-button');
      const sent = [cartEvent(fp, 'ITEM_ADDED', JOUST, 1)];
      await expectSent(tab, demo, sent);
      await waitForMinicart(tab, 1);
      await minicartQuantity(tab, JOUST.sku, 3);
      sent.push(cartEvent(fp, 'QUANTITY_INCREASED', JOUST, 3));
      await expectSent(tab, demo, sent);
      await waitForPage(tab, 'the minicart’s count', () => document.querySelector('.counter-number')?.textContent === '3');
      await minicartQuantity(tab, JOUST.sku, 1);
      sent.push(cartEvent(fp, 'QUANTITY_DECREASED', JOUST, 1));
      await expectSent(tab, demo, sent);
    });
  });

  test('the minicart’s Remove: ITEM_REMOVED, a configurable line’s with its size’s SKU', async ({ tab }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo, 'magento/chaz-kangeroo-hoodie.html');
      await addHoodie(tab, 'L');
      const sent = [cartEvent(fp, 'ITEM_ADDED', HOODIE_L, 1)];
      await expectSent(tab, demo, sent);
      await open(tab, demo, 'magento/strive-shoulder-pack.html');
      await tab.click('#product-addtocart-button');
      sent.push(cartEvent(fp, 'ITEM_ADDED', STRIVE, 1));
      await expectSent(tab, demo, sent);
      await waitForMinicart(tab, 2);

      const remove = (sku: string) =>
        tab.evaluate((wanted) => {
          const id = document.querySelector(`input.cart-item-qty[data-cart-item-id="${wanted}"]`)?.getAttribute('data-cart-item');
          return `a.action.delete[data-cart-item="${id}"]`;
        }, sku);
      await tab.click(await remove(HOODIE_L.sku));
      sent.push(cartEvent(fp, 'ITEM_REMOVED', HOODIE_L, 0));
      await expectSent(tab, demo, sent);
      await waitForMinicart(tab, 1);
      await tab.click(await remove(STRIVE.sku));
      sent.push(cartEvent(fp, 'ITEM_REMOVED', STRIVE, 0));
      await expectSent(tab, demo, sent);
      await expect.poll(() => minicartLines(tab)).toBe(0);
    });
  });

  test('the cart page (full page loads): “Update Shopping Cart” and “Remove item” are found on the page each loads', async ({ tab }) => {
    await withDemo(async (demo) => {
      const fp = await enterStore(tab, demo);
      await tab.click('#product-addtocart-button');
      const sent = [cartEvent(fp, 'ITEM_ADDED', JOUST, 1)];
      await expectSent(tab, demo, sent);
      await open(tab, demo, 'magento/');
      await tab.click(listAdd(GRIPS));
      sent.push(cartEvent(fp, 'ITEM_ADDED', GRIPS, 1));
      await expectSent(tab, demo, sent);

      await open(tab, demo, 'magento/checkout/cart/');
      await waitForPage(tab, 'the cart form', () => document.querySelectorAll('#shopping-cart-table tbody.cart.item').length === 2);
      await tab.fill(`#shopping-cart-table input[data-cart-item-id="${JOUST.sku}"]`, '4');
      let since = await lastSeq(demo);
      await clickThrough(tab, 'button[name="update_cart_action"]', 'the cart page again', () => document.readyState !== 'loading');
      sent.push(cartEvent(fp, 'QUANTITY_INCREASED', JOUST, 4));
      await expectSent(tab, demo, sent);
      await expectOnePageLoad(tab, demo, since, 'at most one');

      since = await lastSeq(demo);
      await clickThrough(
        tab,
        `a.action-delete[data-cart-item-id="${GRIPS.sku}"]`,
        'the cart page again',
        () => document.readyState !== 'loading',
      );
      sent.push(cartEvent(fp, 'ITEM_REMOVED', GRIPS, 0));
      await expectSent(tab, demo, sent);
      await expectOnePageLoad(tab, demo, since, 'at most one');
      expect(await tab.evaluate(() => document.querySelectorAll('#shopping-cart-table tbody.cart.item').length)).toBe(1);
    });
  });

  for (const { title, flag, numberSelector } of [
    { title: 'a guest', flag: '', numberSelector: '.checkout-success p span' },
    { title: 'a customer', flag: '?demo-customer=yes', numberSelector: '.checkout-success .order-number strong' },
  ]) {
    test(`the success page for ${title}, reloaded: the order sent once with the checkout’s lines and grand total; no ITEM_REMOVED for the bought lines`, async ({
      tab,
    }) => {
      await withDemo(async (demo) => {
        const fp = await enterStore(tab, demo, `magento/chaz-kangeroo-hoodie.html${flag}`);
        await addHoodie(tab, 'L');
        const cartEvents = [cartEvent(fp, 'ITEM_ADDED', HOODIE_L, 1)];
        await expectSent(tab, demo, cartEvents);
        await open(tab, demo, 'magento/joust-duffle-bag.html');
        await tab.fill('#qty', '2');
        await tab.click('#product-addtocart-button');
        cartEvents.push(cartEvent(fp, 'ITEM_ADDED', { ...JOUST }, 2));
        await expectSent(tab, demo, cartEvents);

        await open(tab, demo, 'magento/checkout/');
        await waitForPage(tab, 'the checkout', () => document.querySelector('#place-order') !== null);
        const since = await lastSeq(demo);
        await clickThrough(tab, '#place-order', 'the success page', () => document.querySelector('.checkout-success') !== null);
        expect(await tab.url()).toBe(`${demo.shopUrl}magento/checkout/onepage/success/`);
        const orderId = (await textOf(tab, numberSelector)) as string;
        expect(orderId).toMatch(/^0{7}\d{2}$/);

        const checkout = {
          company_key: COMPANY_KEY,
          user_fingerprint: fp.user,
          user_faq_fingerprint: fp.faq,
          value: HOODIE_L.price + 2 * JOUST.price + SHIPPING,
          currency: 'EUR',
          orderId,
          order_id: orderId,
          line_items: [
            { product_id: HOODIE_L.sku, product_name: HOODIE_L.name, quantity: 1, value: HOODIE_L.price, currency: 'EUR' },
            { product_id: JOUST.sku, product_name: JOUST.name, quantity: 2, value: 2 * JOUST.price, currency: 'EUR' },
          ],
        };
        await expectSent(tab, demo, [...cartEvents, checkout]);
        await expectOnePageLoad(tab, demo, since, 'at most one');

        // Reloaded: Magento sends the shopper to the (empty) cart; nothing is sent again, the bought lines are no removals.
        await tab.reload();
        await waitForPage(tab, 'the empty cart', () => document.querySelector('.cart-empty') !== null);
        expect(await tab.url()).toBe(`${demo.shopUrl}magento/checkout/cart/`);
        await sdkLoaded(tab);
        await flushed(tab);
        await open(tab, demo, 'magento/');
        await waitForPage(tab, 'the empty minicart', () => document.querySelector('#minicart-content-wrapper .subtitle.empty') !== null);
        await expectNothingMore(tab, demo, [...cartEvents, checkout]);
      });
    });
  }

  test('a store that is not Magento (the demo’s script-tag store): no request for the platform file, no section read', async ({ tab }) => {
    await withDemo(async (demo) => {
      const requests = await platform.settledPageRequests(tab, demo, '', () => document.querySelector('.card') !== null);
      expect(requests.some((r) => r.path === '/alhena-cart.min.js')).toBe(true);
      expect(requests.filter((r) => isPlatformFile(r) || isSectionLoad(r))).toEqual([]);
    });
  });
});
