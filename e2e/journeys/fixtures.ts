// Fixtures of the journeys that run in every engine (the Playwright projects chromium, firefox, webkit).
// A journey drives its browser through the engine-neutral `Tab` (../engines/engine.ts) and reads what
// was delivered from the API emulator's own record, never from the browser's network events.
import type { CartEventInput, CartEventType } from '../../src/types';
import type { Demo } from '../demo-store/fixtures';
import { launchChromium } from '../engines/chromium-engine';
import type { Engine, EngineName, Tab, Visitor } from '../engines/engine';
import { shadowHops, waitUntil } from '../engines/engine';
import { launchFirefox } from '../engines/firefox-engine';
import { launchWebKit } from '../engines/webkit-engine';
import { expect, FP, type Sandbox, type StorePage, scriptTagPage, test as storeTest } from '../fixtures';
import type { Site } from '../site';

export { expect, FP, fetchSpyScript, importMap, recorded, type Sandbox, summary, widgetScript } from '../fixtures';
export type { Tab, Visitor };

const LAUNCH: Record<EngineName, () => Promise<Engine>> = { chromium: launchChromium, firefox: launchFirefox, webkit: launchWebKit };

export interface EngineOptions {
  /** Which engine the project's journeys run in. */
  engineName: EngineName;
}

/**
 * `engine`: one browser per worker. `visitor`: a fresh profile per test, closed after it. `tab`: the
 * visitor's first tab, blank.
 */
export const test = storeTest.extend<{ visitor: Visitor; tab: Tab; engineVersion: undefined }, EngineOptions & { engine: Engine }>({
  engineName: ['chromium', { option: true, scope: 'worker' }],
  engine: [
    async ({ engineName }, use) => {
      const engine = await LAUNCH[engineName]();
      await use(engine);
      await engine.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  /** Names the engine's version in the report, for the test command's summary. */
  engineVersion: [
    async ({ engine }, use, testInfo) => {
      testInfo.annotations.push({ type: 'engine', description: engine.version });
      await use(undefined);
    },
    { auto: true },
  ],
  visitor: async ({ engine }, use, testInfo) => {
    const visitor = await engine.newVisitor();
    const tabs: Tab[] = [];
    await use({
      ...visitor,
      async newTab(url) {
        const tab = await visitor.newTab(url);
        tabs.push(tab);
        return tab;
      },
    });
    // What each tab showed when the journey failed, beside Playwright's own report of the failure.
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [i, tab] of tabs.entries()) await within(5_000, tab.screenshot(testInfo.outputPath(`tab-${i + 1}.png`)));
    }
    // A browser stuck on a page must not hold the next test up: the worker's browser is closed with the worker.
    await within(10_000, visitor.close());
  },
  tab: async ({ visitor }, use) => use(await visitor.newTab()),
});

/** Waits for `promise`, at most `ms`; what it throws or how long it hangs beyond that no longer matters. */
const within = (ms: number, promise: Promise<unknown>) =>
  Promise.race([promise.catch(() => {}), new Promise((resolve) => setTimeout(resolve, ms).unref())]);

/** Collects the page's uncaught errors and rejections in `window.__pageErrors` (WebDriver classic has no error events). */
export const ERROR_COLLECTOR = `<script>
  window.__pageErrors = [];
  window.addEventListener('error', function (e) { window.__pageErrors.push(String(e.message)); });
  window.addEventListener('unhandledrejection', function (e) { window.__pageErrors.push('unhandled rejection: ' + String(e.reason)); });
</script>`;

/** The uncaught errors and rejections a page built with `journeyPage` has seen. */
export const pageErrors = (tab: Tab) =>
  tab.evaluate(() => (window as unknown as { __pageErrors?: string[] }).__pageErrors ?? ['no collector']);

/** A store page with the script-tag build (scriptTagPage), plus the page-error collector first in its head. */
export const journeyPage = (site: Site, api: Sandbox | { url: string }, path: string, page: StorePage = {}) =>
  scriptTagPage(site, api as Sandbox, path, { ...page, head: `${ERROR_COLLECTOR}${page.head ?? ''}` });

/** Waits until `fn(arg)` in the page returns something truthy (a JSON value: a DOM node does not come back the same from every driver). */
export const waitForPage = <A>(tab: Tab, what: string, fn: (arg: A) => unknown, arg?: A, timeoutMs?: number) =>
  waitUntil(
    what,
    // A page between two documents (navigating) cannot answer yet: ask again.
    () => tab.evaluate(fn, arg as A).then(Boolean, () => false),
    timeoutMs,
  );

/** Until the script tag has replaced the pre-load array with its API. */
export const sdkLoaded = (tab: Tab) =>
  waitForPage(
    tab,
    'the SDK to load',
    () => typeof (window as unknown as { alhenaCart?: { flush?: unknown } }).alhenaCart?.flush === 'function',
  );

/** Resolves once the page's SDK has nothing in flight or ready to send. */
export const flushed = (tab: Tab) => tab.evaluate(() => window.alhenaCart.flush());

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An emulator record's HTTP status, or `dropped` / `pending`. */
export const statusOf = (record: ReturnType<Sandbox['requests']>[number]) =>
  record.answer && 'status' in record.answer ? record.answer.status : record.answer ? 'dropped' : 'pending';

/** The text of the first element matching `selector` (` >>> ` steps into a shadow root), or null. */
export const textOf = (tab: Tab, selector: string) =>
  tab.evaluate((hops) => {
    let node: Element | null | undefined = document.documentElement;
    for (const [i, hop] of hops.entries()) node = (i ? node?.shadowRoot : document)?.querySelector(hop);
    return node?.textContent?.trim() ?? null;
  }, shadowHops(selector));

/** Polls `textOf` until it is `expected` (or matches it), for up to 15 s. */
export const waitForText = async (tab: Tab, selector: string, expected: string | RegExp) => {
  const poll = expect.poll(() => textOf(tab, selector), { timeout: 15_000 });
  await (typeof expected === 'string' ? poll.toBe(expected) : poll.toMatch(expected));
};

/** Collects the console lines the SDK writes (`[alhena-cart] …`) in `window.__consoleLines`: no driver's console events needed. */
export const CONSOLE_COLLECTOR = `<script>
  window.__consoleLines = [];
  ['info', 'warn', 'error'].forEach(function (method) {
    var original = console[method];
    console[method] = function () {
      var text = Array.prototype.map.call(arguments, function (part) {
        if (typeof part === 'string') return part;
        try { return JSON.stringify(part); } catch (e) { return String(part); }
      });
      window.__consoleLines.push(text.join(' '));
      return original.apply(console, arguments);
    };
  });
</script>`;

/** The console lines a page with `CONSOLE_COLLECTOR` in its head has written so far. */
export const consoleLines = (tab: Tab) =>
  tab.evaluate(() => (window as unknown as { __consoleLines?: string[] }).__consoleLines ?? ['no collector']);

/** A cart event of the test store's shoe (10 USD), as `trackCartEvent` takes it. */
export const shoe = (type: CartEventType, quantity = 1, productId = 'SKU-1'): CartEventInput => ({
  type,
  productId,
  productName: 'Shoe',
  value: 10,
  currency: 'USD',
  quantity,
});

/** The full cart body the API must receive from the test store (company key `acme`, the stand-in widget's fingerprints). */
export const acmeCartBody = (fields: {
  type: CartEventType;
  product_id: string;
  product_name: string;
  value: number;
  currency: string;
  quantity: number;
}) => ({ company_key: 'acme', user_fingerprint: FP.user, user_faq_fingerprint: FP.faq, ...fields, source: 'CUSTOM' });

/** The wire body of the test store's shoe added once from its data attributes (79.99 USD). */
export const shoeAddedBody = () =>
  acmeCartBody({
    type: 'ITEM_ADDED',
    product_id: 'SKU-1',
    product_name: 'Black Running Shoes',
    value: 79.99,
    currency: 'USD',
    quantity: 1,
  });

/** The full checkout body the API must receive from the test store, its lines in the order's currency. */
export const acmeOrderBody = (
  orderId: string,
  value: number,
  lines: { product_id: string; product_name: string; quantity: number; value: number }[],
  currency = 'USD',
) => ({
  company_key: 'acme',
  user_fingerprint: FP.user,
  user_faq_fingerprint: FP.faq,
  value,
  currency,
  orderId,
  order_id: orderId,
  line_items: lines.map((line) => ({ ...line, currency })),
});

/** Tracks `events` in the page in one task, and resolves with each call's status once every call has its result. */
export const track = (tab: Tab, ...events: CartEventInput[]) =>
  tab.evaluate(
    (list) => Promise.all(list.map((event) => window.alhenaCart.trackCartEvent(event))).then((results) => results.map((r) => r.status)),
    events,
  );

/** Tracks `events` in the page in one task, without waiting for their results (an answer may be seconds away). */
export const trackLater = (tab: Tab, ...events: CartEventInput[]) =>
  tab.evaluate((list) => {
    for (const event of list) void window.alhenaCart.trackCartEvent(event);
  }, events);

/** Chooses `value` in a `<select>` as a shopper does: the value changes, then `input` and `change` bubble from it. */
export const selectOption = (tab: Tab, selector: string, value: string) =>
  tab.evaluate(
    ([sel, chosen]) => {
      const select = document.querySelector<HTMLSelectElement>(sel);
      if (!select) throw new Error(`no ${sel}`);
      select.value = chosen;
      for (const type of ['input', 'change']) select.dispatchEvent(new Event(type, { bubbles: true }));
    },
    [selector, value] as const,
  );

/**
 * Polls until the emulator's record holds `count` requests (for up to `timeout` ms), then waits for the
 * page's SDK to be idle and `quietMs` more, and checks that nothing more arrived.
 */
export async function settled(tab: Tab, api: Sandbox, count: number, { timeout = 15_000, quietMs = 500 } = {}) {
  await expect.poll(() => api.requests().length, { timeout }).toBe(count);
  await flushed(tab);
  await sleep(quietMs);
  expect(api.requests(), 'nothing more arrives once the page’s SDK is idle').toHaveLength(count);
}

// The demo store's journeys (demo-store/): the stand-in widget's chat and the sandbox's live dashboard.

/** Chats with the demo's stand-in widget, waits for its reply (the ticket the sandbox opened), and closes the chat. */
export async function chat(tab: Tab, message: string) {
  await tab.click('gleen-widget >>> button.launcher');
  await tab.fill('gleen-widget >>> input[name="message"]', message);
  await tab.click('gleen-widget >>> form button[type="submit"]');
  await waitForText(tab, 'gleen-widget >>> .ticket', /Active ticket open/);
  await tab.click('gleen-widget >>> button.close');
}

/** The visitor's two fingerprints, once the demo's stand-in widget has loaded. */
export async function widgetVisitor(tab: Tab) {
  await waitForPage(tab, 'the widget', () => window.gleenWidget?.isLoaded?.());
  return tab.evaluate(() => ({
    user: window.gleenWidget?.getFingerprint() ?? '',
    faq: window.gleenWidget?.getFAQFingerprint() ?? '',
  }));
}

/** Every record of the demo's sandbox once `count` have an answer and the page's SDK has nothing left to send. */
export async function demoRecords(tab: Tab, demo: Demo, count: number) {
  await expect.poll(() => demo.sandbox.requests().filter((r) => r.answer).length).toBeGreaterThanOrEqual(count);
  await flushed(tab);
  await sleep(500);
  return demo.sandbox.requests();
}

/** Opens the demo's dashboard in `tab` and waits until it follows the sandbox live. */
export async function openDashboard(tab: Tab, demo: Demo) {
  await tab.goto(demo.dashboardUrl);
  await waitForPage(tab, 'the dashboard to go live', () => document.querySelector('[data-live="live"]') !== null);
}

/** A figure of the dashboard (`gmv`, `revenue`, `orders`…) as its `data-value` says, or null. */
export const dashboardMetric = (tab: Tab, name: string) =>
  tab.evaluate((metricName) => document.querySelector(`[data-metric="${metricName}"]`)?.getAttribute('data-value') ?? null, name);
