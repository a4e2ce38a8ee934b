import { test as base, expect } from '@playwright/test';
import * as v from 'valibot';
import { startSandbox } from '../sandbox/index.mjs';
import { CartWireSchema, CheckoutWireSchema } from '../src/events/wire';
import { type Site, startSite } from './site';

export { expect };

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type SandboxOptions = NonNullable<Parameters<typeof startSandbox>[0]>;
export type RequestRecord = ReturnType<Sandbox['requests']>[number];

export const FP = { user: '550e8400-e29b-41d4-a716-446655440000', faq: '660e8400-e29b-41d4-a716-446655441111' };

/**
 * `site`: the store's origin, serving the built bundles and each test's pages.
 * `api`: a fresh vendor-API emulator on another origin, so every request is a real CORS request.
 * After each test, every request the emulator received is checked against the SDK's own wire schemas.
 */
export const test = base.extend<{ api: Sandbox; site: Site; apiOptions: SandboxOptions }, { siteServer: Site }>({
  siteServer: [
    async ({}, use) => {
      const site = await startSite();
      await use(site);
      await site.close();
    },
    { scope: 'worker' },
  ],
  site: async ({ siteServer }, use) => use(siteServer),
  /** The emulator's options for a test: `test.use({ apiOptions: { allowCredentials: true } })`. */
  apiOptions: [{}, { option: true }],
  api: async ({ apiOptions }, use) => {
    const api = await startSandbox({ ...apiOptions, port: 0 });
    await use(api);
    try {
      for (const record of api.requests()) {
        const schema = record.endpoint === 'cart' ? CartWireSchema : CheckoutWireSchema;
        expect(v.safeParse(schema, record.body).issues, `request ${record.seq} matches the wire schema`).toBeUndefined();
        expect(record.unexpectedFields, `request ${record.seq} has no field the vendor does not document`).toEqual([]);
      }
    } finally {
      await api.close();
    }
  },
});

/** Bodies the emulator answered with 200, in arrival order. */
export const recorded = (api: Sandbox) =>
  api
    .requests()
    .filter((r) => r.answer && 'status' in r.answer && r.answer.status === 200)
    .map((r) => r.body as Record<string, unknown>);

/** A compact view of what arrived: [type or CHECKOUT, product or order id]. */
export const summary = (bodies: Record<string, unknown>[]) =>
  bodies.map((b) => ('line_items' in b ? ['CHECKOUT', String(b.orderId ?? '')] : [String(b.type), String(b.product_id), b.quantity]));

/** The stand-in widget: fingerprints available at once, after `delayMs`, or never. */
export const widgetScript = (delayMs = 0) => `<script>
  (function () {
    var ready = ${delayMs === 0};
    var listeners = [];
    function install() {
      window.gleenWidget = {
        getFingerprint: function () { return ready ? '${FP.user}' : undefined; },
        getFAQFingerprint: function () { return ready ? '${FP.faq}' : undefined; },
        on: function (name, cb) { if (name === 'widget:loaded') listeners.push(cb); }
      };
    }
    ${delayMs === 0 ? 'install();' : `setTimeout(function () { install(); ready = true; listeners.forEach(function (cb) { cb(); }); }, ${delayMs});`}
  })();
</script>`;

/** Records what the SDK hands to fetch (the Request's keepalive and credentials) for assertions. */
export const fetchSpyScript = `<script>
  window.__fetches = [];
  var realFetch = window.fetch;
  window.fetch = function (input, init) {
    var r = input instanceof Request ? input : new Request(input, init);
    window.__fetches.push({ url: r.url, keepalive: r.keepalive, credentials: r.credentials, method: r.method });
    return realFetch.apply(this, arguments);
  };
</script>`;

export interface StorePage {
  title?: string;
  head?: string;
  body?: string;
  attributes?: Record<string, string>;
  /** Where the stand-in widget comes from: ms of delay, or null for no widget. */
  widgetDelayMs?: number | null;
  /**
   * How the SDK's tag loads: a blocking tag in the head (the default), `async` or `defer`, or `injected`
   * by a script on the window's load event, as a tag manager does.
   */
  load?: 'blocking' | 'async' | 'defer' | 'injected';
  /** Response headers replacing the test site's defaults (`cache-control: no-store`). */
  headers?: Record<string, string>;
}

/** A store page that loads the script-tag build with `attributes`. */
export function scriptTagPage(site: Site, api: Sandbox, path: string, page: StorePage = {}): string {
  const attributes = { 'data-company-key': 'acme', 'data-api-base-url': api.url, ...page.attributes };
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
  const widget = page.widgetDelayMs === null ? '' : widgetScript(page.widgetDelayMs ?? 0);
  const load = page.load ?? 'blocking';
  const tag =
    load === 'injected'
      ? `<script>window.addEventListener('load', function () {
  var s = document.createElement('script');
  s.src = '/dist/alhena-cart.min.js';
  ${Object.entries(attributes)
    .map(([name, value]) => `s.setAttribute(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join(' ')}
  document.head.appendChild(s);
});</script>`
      : `<script src="/dist/alhena-cart.min.js"${attrs}${load === 'blocking' ? '' : ` ${load}`}></script>`;
  return site.page(
    path,
    `<!doctype html><html><head><meta charset="utf-8"><title>${page.title ?? path}</title>${widget}${page.head ?? ''}
${tag}</head><body>${page.body ?? ''}</body></html>`,
    page.headers,
  );
}

/** The import map that lets a page module import the ESM build and its two dependencies. */
export const importMap = `<script type="importmap">{"imports":{
  "@alhena/cart-events":"/dist/index.mjs",
  "ky":"/node_modules/ky/distribution/index.js",
  "valibot":"/node_modules/valibot/dist/index.mjs"}}</script>`;
