// Fixtures of the journeys that run in every engine (the Playwright projects chromium, firefox, webkit).
// A journey drives its browser through the engine-neutral `Tab` (../engines/engine.ts) and reads what
// was delivered from the API emulator's own record, never from the browser's network events.
import { launchChromium } from '../engines/chromium-engine';
import type { Engine, EngineName, Tab, Visitor } from '../engines/engine';
import { shadowHops, waitUntil } from '../engines/engine';
import { launchFirefox } from '../engines/firefox-engine';
import { launchWebKit } from '../engines/webkit-engine';
import { expect, type Sandbox, type StorePage, scriptTagPage, test as storeTest } from '../fixtures';
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
