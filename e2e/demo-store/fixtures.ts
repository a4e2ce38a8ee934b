import { type BrowserContext, test as base, expect, type Page } from '@playwright/test';
import * as v from 'valibot';
import { COMPANY_KEY, startDemo } from '../../demo-store/demo.mjs';
import { CURRENCY, PRODUCTS, toMoney } from '../../demo-store/shop/js/catalog.js';
import { CartWireSchema, CheckoutWireSchema } from '../../src/events/wire';

export { expect };

export type Demo = Awaited<ReturnType<typeof startDemo>>;
export type RequestRecord = ReturnType<Demo['sandbox']['requests']>[number];
export type Body = Record<string, unknown>;
export type Product = (typeof PRODUCTS)[number];
export type Variant = 'script-tag' | 'spa' | 'gtm';

export const VARIANTS: Variant[] = ['script-tag', 'spa', 'gtm'];
export const SCREENSHOTS = 'e2e/.artifacts/screenshots';

/**
 * `demo`: the whole demo (shop, sandbox with no automatic tickets, dashboard) on free ports, per test.
 * After each test, every request the sandbox received is checked against the SDK's own wire schemas.
 */
export const test = base.extend<{ demo: Demo }>({
  demo: async ({}, use) => {
    const demo = await startDemo();
    await use(demo);
    try {
      for (const record of demo.sandbox.requests()) {
        const schema = record.endpoint === 'cart' ? CartWireSchema : CheckoutWireSchema;
        expect(v.safeParse(schema, record.body).issues, `request ${record.seq} matches the wire schema`).toBeUndefined();
        expect(record.unexpectedFields, `request ${record.seq} has no field the vendor does not document`).toEqual([]);
      }
    } finally {
      await demo.close();
    }
  },
});

export const product = (id: string): Product => {
  const found = PRODUCTS.find((p) => p.id === id);
  if (!found) throw new Error(`no product ${id} in the demo catalogue`);
  return found;
};

/** The shop's home page of a variant. */
export const homeUrl = (demo: Demo, variant: Variant, query = '') =>
  `${demo.shopUrl}${variant === 'script-tag' ? '' : `${variant}/`}${query}`;

export interface Visitor {
  user: string;
  faq: string;
}

/** The stand-in widget's fingerprints for this visitor, once it has loaded. */
export async function visitorOf(page: Page): Promise<Visitor> {
  await page.waitForFunction(() => window.gleenWidget?.isLoaded?.());
  return page.evaluate(() => ({
    user: window.gleenWidget?.getFingerprint() as string,
    faq: window.gleenWidget?.getFAQFingerprint() as string,
  }));
}

/** The wire body of a cart event, as the README's "What goes over the wire" shows it. */
export const cartBody = (visitor: Visitor, type: string, p: Product, quantity: number): Body => ({
  company_key: COMPANY_KEY,
  user_fingerprint: visitor.user,
  user_faq_fingerprint: visitor.faq,
  type,
  product_id: p.id,
  product_name: p.name,
  value: p.price,
  currency: CURRENCY,
  quantity,
  source: 'CUSTOM',
});

/** The wire body of a checkout: the total is the lines' sum (free shipping, tax included). */
export function checkoutBody(visitor: Visitor, orderId: string, lines: [Product, number][]): Body {
  const lineItems = lines.map(([p, quantity]) => ({
    product_id: p.id,
    product_name: p.name,
    quantity,
    value: toMoney(p.price * quantity),
    currency: CURRENCY,
  }));
  return {
    company_key: COMPANY_KEY,
    user_fingerprint: visitor.user,
    user_faq_fingerprint: visitor.faq,
    value: toMoney(lineItems.reduce((sum, line) => sum + line.value, 0)),
    currency: CURRENCY,
    orderId,
    order_id: orderId,
    line_items: lineItems,
  };
}

export const statusOf = (record: RequestRecord) =>
  record.answer && 'status' in record.answer ? record.answer.status : record.answer ? 'dropped' : 'pending';

export const errorCodeOf = (record: RequestRecord) =>
  record.answer && 'body' in record.answer ? (record.answer.body as { error_code?: string } | null)?.error_code : undefined;

/** Bodies the sandbox answered 200, in arrival order. */
export const accepted = (demo: Demo) =>
  demo.sandbox
    .requests()
    .filter((r) => statusOf(r) === 200)
    .map((r) => r.body as Body);

/** Bodies that got an answer (any status), in arrival order. */
export const answered = (demo: Demo) => demo.sandbox.requests().filter((r) => r.answer !== null);

/** `[type or CHECKOUT, product or order id, quantity]`: what a failing comparison prints first. */
export const outline = (bodies: Body[]) =>
  bodies.map((b) => ('line_items' in b ? ['CHECKOUT', b.orderId] : [b.type, b.product_id, b.quantity]));

/**
 * Add-to-cart GMV of accepted cart events as the vendor defines it (Σ added − Σ removed, the unit
 * price times the units each event moved), computed here from the bodies the SDK sent.
 */
export function gmvOf(bodies: Body[]): number {
  const lines = new Map<string, number>();
  let gmv = 0;
  for (const body of bodies.filter((b) => 'type' in b)) {
    const key = String(body.product_id);
    const before = lines.get(key) ?? 0;
    const after = body.type === 'ITEM_REMOVED' ? 0 : (body.quantity as number);
    gmv += (body.value as number) * (body.type === 'ITEM_ADDED' ? after : after - before);
    lines.set(key, after);
  }
  return toMoney(gmv);
}

export const revenueOf = (bodies: Body[]) =>
  toMoney(bodies.filter((b) => 'line_items' in b).reduce((sum, b) => sum + (b.value as number), 0));

/** Waits until the SDK in `page` (script tag: window.alhenaCart; SPA: window.alhenaSdk) has nothing queued or in flight. */
export const flush = (page: Page) =>
  page.evaluate(async () => {
    await (window.alhenaSdk ?? window.alhenaCart).flush();
  });

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** Opens the sandbox's dashboard in a new page of `context`, wide enough for its log, once it follows the sandbox live. */
export async function openDashboard(context: BrowserContext, demo: Demo): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(demo.dashboardUrl);
  await expect(page.locator('[data-live="live"]')).toBeVisible();
  return page;
}
