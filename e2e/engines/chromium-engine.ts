// Chromium through Playwright, as the Chromium-only specs drive it.
import { writeFile } from 'node:fs/promises';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { CHROMIUM } from '../chromium.mjs';
import type { Engine, Tab, Visitor } from './engine';

/** Playwright's CSS already pierces open shadow roots. */
const css = (selector: string) => selector.replaceAll('>>>', ' ');

function tabOf(page: Page): Tab {
  return {
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    url: async () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    click: (selector) => page.click(css(selector)),
    dblclick: (selector) => page.dblclick(css(selector)),
    async fill(selector, text) {
      await page.fill(css(selector), text);
      await page.locator(css(selector)).blur();
    },
    async popup(action) {
      const [popup] = await Promise.all([page.waitForEvent('popup'), action()]);
      return tabOf(popup);
    },
    closed: () => (page.isClosed() ? Promise.resolve() : page.waitForEvent('close', { timeout: 15_000 }).then(() => {})),
    screenshot: async (path) => writeFile(path, await page.screenshot({ fullPage: true })),
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
    setOffline: (offline) => context.setOffline(offline),
    close: () => context.close(),
  };
}

export async function launchChromium(): Promise<Engine> {
  // Playwright turns the back/forward cache off; a shopper's Chromium has it on.
  const browser = await chromium.launch({ ...CHROMIUM, ignoreDefaultArgs: ['--disable-back-forward-cache'] });
  return {
    name: 'chromium',
    version: `Chromium ${browser.version()}`,
    canGoOffline: true,
    newVisitor: async () => visitorOf(await browser.newContext()),
    close: () => browser.close(),
  };
}
