// What the platform journeys (woocommerce, magento, bigcommerce and prestashop.spec.ts) share: a demo per test, the
// visitor's entry into a stand-in store (its first page, a chat with the assistant), the sandbox's record read with
// exact bodies, in order, each once, and the shop server's own request log (demo-store/server/request-log.mjs) read
// per page. Each spec keeps what is its platform's own: its catalogue and how a line names its product, its
// page-ready checks, and which of its requests are cart reads, order reads or its platform's file.
import { COMPANY_KEY, startDemo } from '../../demo-store/demo.mjs';
import { type Body, type Demo, outline } from '../demo-store/fixtures';
import { chat, expect, flushed, sdkLoaded, sleep, statusOf, type Tab, waitForPage, widgetVisitor } from './fixtures';

export type { Body, Demo };

export interface Fingerprints {
  user: string;
  faq: string;
}

/** A line of the shop server's request log. */
export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  search: string;
  referer: string | null;
}

export async function withDemo(run: (demo: Demo) => Promise<void>) {
  const demo = await startDemo();
  try {
    await run(demo);
  } finally {
    await demo.close();
  }
}

/**
 * The cart event body the SDK must send for `quantity` of `item`: `productId` says how the platform's line names
 * its product, `currency` is the store's.
 */
export const cartEventBuilder =
  <I extends { name: string; price: number }>(productId: (item: I) => string, { currency = 'EUR' } = {}) =>
  (fp: Fingerprints, type: string, item: I, quantity: number): Body => ({
    company_key: COMPANY_KEY,
    user_fingerprint: fp.user,
    user_faq_fingerprint: fp.faq,
    type,
    product_id: productId(item),
    product_name: item.name,
    value: item.price,
    currency,
    quantity,
    source: 'CUSTOM',
  });

/** What the shop server answered, oldest first (demo-store/server/request-log.mjs). */
export const shopRequests = async (demo: Demo): Promise<LoggedRequest[]> => (await fetch(`${demo.shopUrl}__demo/requests`)).json();
export const lastSeq = async (demo: Demo) => (await shopRequests(demo)).at(-1)?.seq ?? 0;

/** The requests the document at `url` made since `since` (same-origin requests name their page as Referer). */
export async function pageRequests(demo: Demo, since: number, url: string) {
  return (await shopRequests(demo)).filter((r) => r.seq > since && r.referer === url);
}

/** How a platform's journeys classify the requests of a page load. */
export interface PageLoadRequests {
  isCartRead: (r: LoggedRequest) => boolean;
  isOrderRead: (r: LoggedRequest) => boolean;
  isPlatformFile: (r: LoggedRequest) => boolean;
}

/** The checks of a platform whose SDK reads the cart once per page load (WooCommerce's Store API, BigCommerce's). */
export function cartReadChecks({ isCartRead, isOrderRead, isPlatformFile }: PageLoadRequests) {
  /** Waits until the document at `url` has read the cart at least `count` times. */
  const cartReadsBy = (demo: Demo, since: number, url: string, count = 1) =>
    expect
      .poll(async () => (await pageRequests(demo, since, url)).filter(isCartRead).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(count);

  /**
   * One page load's requests once it has settled: exactly one cart read (and `orderReads` order reads) by the SDK
   * and one request for the platform's file.
   */
  async function expectOnePageLoad(tab: Tab, demo: Demo, since: number, { orderReads = 0 } = {}) {
    const url = await tab.url();
    await cartReadsBy(demo, since, url);
    await flushed(tab);
    await sleep(500);
    const requests = await pageRequests(demo, since, url);
    expect(
      requests.filter(isCartRead).map((r) => `${r.path}${r.search}`),
      `cart reads by ${url}`,
    ).toHaveLength(1);
    expect(requests.filter(isOrderRead), `order reads by ${url}`).toHaveLength(orderReads);
    expect(requests.filter(isPlatformFile), `requests for the platform file by ${url}`).toHaveLength(1);
  }

  return { cartReadsBy, expectOnePageLoad };
}

export interface StoreEntry {
  /** What the visitor asks the assistant. */
  question: string;
  /** The path opened when a journey names none. */
  firstPage?: string;
  /** The platform's own page-ready check, once the SDK has loaded. */
  ready?: (tab: Tab) => Promise<unknown>;
  /** Checks the first page load's requests (those after `since`). */
  expectPageLoad: (tab: Tab, demo: Demo, since: number) => Promise<void>;
}

/**
 * `enterStore(tab, demo, path)`: opens the store's page at `path` and chats with the assistant (the demo's sandbox
 * attributes only visitors with an active ticket, as the API does); checks that page load's requests. Returns the
 * visitor's fingerprints.
 */
export const storeEntry =
  ({ question, firstPage, ready, expectPageLoad }: StoreEntry) =>
  async (tab: Tab, demo: Demo, path = firstPage): Promise<Fingerprints> => {
    if (path === undefined) throw new Error('enterStore: no path');
    const since = await lastSeq(demo);
    await tab.goto(`${demo.shopUrl}${path}`);
    const fp = await widgetVisitor(tab);
    await sdkLoaded(tab);
    await ready?.(tab);
    await chat(tab, question);
    await expectPageLoad(tab, demo, since);
    return fp;
  };

/** Every record once the sandbox has answered at least `count` and the page's SDK has nothing left to send. */
export async function delivered(tab: Tab, demo: Demo, count: number) {
  await expect.poll(() => demo.sandbox.requests().filter((r) => r.answer).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(count);
  await flushed(tab);
  await sleep(500);
  return demo.sandbox.requests();
}

/** The sandbox's record is exactly `expected`, in order, every request accepted. */
export async function expectSent(tab: Tab, demo: Demo, expected: Body[]) {
  const records = await delivered(tab, demo, expected.length);
  const bodies = records.map((r) => r.body as Body);
  expect(outline(bodies)).toEqual(outline(expected));
  expect(bodies).toStrictEqual(expected);
  expect(records.map(statusOf)).toEqual(expected.map(() => 200));
}

/** Clicks and waits for the document that the click loads (`ready` true in the new page). */
export async function clickThrough(tab: Tab, selector: string, what: string, ready: () => boolean) {
  const before = await tab.evaluate(() => performance.timeOrigin);
  await tab.click(selector);
  await waitForPage(tab, what, (origin) => performance.timeOrigin !== origin, before);
  await waitForPage(tab, what, ready);
}

/**
 * Opens `path` of the demo (the script-tag store at '') and, once its page is `ready` and its SDK has nothing left
 * to send, returns the requests that page made.
 */
export async function settledPageRequests(tab: Tab, demo: Demo, path: string, ready: () => boolean) {
  const since = await lastSeq(demo);
  await tab.goto(`${demo.shopUrl}${path}`);
  await waitForPage(tab, 'the shop', ready);
  await sdkLoaded(tab);
  await flushed(tab);
  await sleep(500);
  return pageRequests(demo, since, await tab.url());
}

/** Once the page's SDK has nothing left to send: the sandbox's record has exactly the outline of `expected`. */
export async function expectNothingMore(tab: Tab, demo: Demo, expected: Body[]) {
  await flushed(tab);
  await sleep(500);
  expect(outline(demo.sandbox.requests().map((r) => r.body as Body))).toEqual(outline(expected));
}
