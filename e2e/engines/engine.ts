// What a journey may ask of a browser, whichever engine and driver runs it: Playwright for Chromium,
// puppeteer-core over WebDriver BiDi for Firefox, W3C WebDriver (classic) for WebKit.
// Only what all three can do is here; what one cannot do is a capability a journey checks and skips on.

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

/** One launched browser of an engine. */
export interface Engine {
  readonly name: EngineName;
  /** Product and version as the browser reports them, e.g. `Firefox 153.0`. */
  readonly version: string;
  /** Whether `Visitor.setOffline` exists: the driver can take the browser off the network. */
  readonly canGoOffline: boolean;
  /** A fresh profile: its own storage, cookies and caches, as a second shopper would have. */
  newVisitor(): Promise<Visitor>;
  close(): Promise<void>;
}

/** One shopper's browser profile, with its tabs. */
export interface Visitor {
  newTab(url?: string): Promise<Tab>;
  /** Throws where `Engine.canGoOffline` is false. */
  setOffline(offline: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * A top-level window. Selectors are CSS; ` >>> ` steps into an element's open shadow root
 * (`gleen-widget >>> button.launcher`).
 */
export interface Tab {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  url(): Promise<string>;
  /** Runs `fn(arg)` in the page and returns its (awaited, JSON-shaped) result. `fn` must not close over anything. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<Awaited<R>>;
  /** A real pointer click on the element, scrolled into view. Resolves once the driver says the click is done. */
  click(selector: string): Promise<void>;
  /** A real pointer double click (click, click, dblclick), as `click` finds the element. */
  dblclick(selector: string): Promise<void>;
  /** Replaces a text field's value by typing, then leaves the field (which fires `change`). */
  fill(selector: string, text: string): Promise<void>;
  /** Runs `action` and resolves with the window it made this tab open (`window.open`). */
  popup(action: () => Promise<void>): Promise<Tab>;
  /** Resolves once this window is gone (closed by its own script, say). */
  closed(): Promise<void>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Splits `a >>> b >>> c` into the selectors of each shadow-root hop. */
export const shadowHops = (selector: string) => selector.split('>>>').map((part) => part.trim());

/**
 * Runs in the page: whether the element a selector names (in shadow-root hops) would receive a click at
 * its centre, after scrolling it into view; nothing covers it (a toast, a panel still opening). Playwright
 * waits for this before it clicks; puppeteer and WebDriver do not, so their drivers wait for it here.
 */
export function receivesClick(hops: string[]): boolean {
  let target: Element | null | undefined;
  for (const [i, hop] of hops.entries()) target = (i ? target?.shadowRoot : document)?.querySelector(hop);
  if (!target) return false;
  const centre = (box: DOMRect) => [box.left + box.width / 2, box.top + box.height / 2];
  const [cx, cy] = centre(target.getBoundingClientRect());
  if (cx < 0 || cy < 0 || cx >= innerWidth || cy >= innerHeight) target.scrollIntoView({ block: 'center', inline: 'center' });
  const { left, top, width, height } = target.getBoundingClientRect();
  if (width === 0 || height === 0) return false;
  const [x, y] = [left + width / 2, top + height / 2];
  let hit = document.elementFromPoint(x, y);
  for (let inner = hit?.shadowRoot?.elementFromPoint(x, y); inner && inner !== hit; inner = hit?.shadowRoot?.elementFromPoint(x, y))
    hit = inner;
  return hit !== null && (hit === target || target.contains(hit));
}

/** Polls `check` until it returns true, or throws after `timeoutMs` with `what` in the message. */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000, everyMs = 50) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
