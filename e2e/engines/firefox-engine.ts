// Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi. Playwright's own BiDi
// Firefox fails at newContext() with this Firefox (toolchain.md); puppeteer-core downloads nothing.
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { type Engine, receivesClick, shadowHops, type Tab, type Visitor, waitUntil } from './engine';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

const once = (page: Page, event: 'popup' | 'close') => new Promise<unknown>((resolve) => page.once(event, resolve));

/** Until the element would receive a click: puppeteer does not wait for that itself. */
const clickable = (page: Page, selector: string) =>
  waitUntil(`${selector} to receive a click`, () => page.evaluate(receivesClick, shadowHops(selector)));

function tabOf(page: Page): Tab {
  return {
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    // The document's own address: over BiDi, puppeteer's `page.url()` can still name the page before a
    // navigation that the document has already made (a ?add-to-cart link's page, seen once in 45 runs).
    url: () => page.evaluate(() => location.href),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    // puppeteer's selectors step into shadow roots with `>>>` too.
    async click(selector) {
      await clickable(page, selector);
      await page.click(selector);
    },
    async dblclick(selector) {
      await clickable(page, selector);
      await page.click(selector, { count: 2 });
    },
    async fill(selector, text) {
      await clickable(page, selector);
      const field = await page.waitForSelector(selector);
      await field?.focus();
      await page.keyboard.down('Control');
      await page.keyboard.press('a');
      await page.keyboard.up('Control');
      await page.keyboard.type(text);
      await field?.evaluate((element) => (element as HTMLElement).blur());
    },
    async popup(action) {
      const [popup] = await Promise.all([once(page, 'popup'), action()]);
      return tabOf(popup as Page);
    },
    closed: async () => void (page.isClosed() || (await once(page, 'close'))),
    screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png`, fullPage: true })),
    close: () => page.close({ runBeforeUnload: true }),
  };
}

function visitorOf(context: BrowserContext): Visitor {
  return {
    async newTab(url) {
      const page = await context.newPage();
      if (url) await page.goto(url);
      return tabOf(page);
    },
    // Per page in puppeteer: every tab of the visitor goes off (or on) the network together.
    async setOffline(offline) {
      for (const page of await context.pages()) await page.setOfflineMode(offline);
    },
    close: () => context.close(),
  };
}

export async function launchFirefox(): Promise<Engine> {
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: {
      // Keep Firefox off the closed network, as Chromium's flags do.
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  return {
    name: 'firefox',
    version: (await browser.version()).replace(/^firefox\//i, 'Firefox '),
    canGoOffline: true,
    newVisitor: async () => visitorOf(await browser.createBrowserContext()),
    close: () => browser.close(),
  };
}
