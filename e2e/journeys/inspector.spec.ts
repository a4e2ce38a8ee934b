import { cspHeaders, cspScriptTagHead } from '../csp-app';
import {
  expect,
  FP,
  journeyPage,
  pageErrors,
  recorded,
  sdkLoaded,
  shoe,
  sleep,
  statusOf,
  type Tab,
  test,
  trackLater,
  waitForPage,
} from './fixtures';

// J17: the inspector panel (README, Is it working?), opened by URL, by call, or remembered for the tab.
// The sandbox knows only the tickets a journey opens: a visitor who has not chatted is not attributed.
test.use({ apiOptions: { autoTickets: false } });

const INSPECTOR_FILE = '/dist/alhena-cart.inspector.min.js';
const CLOSE = 'alhena-cart-inspector >>> button[data-action="close"]';
const chatted = (api: { openTicket(ticket: { company_key: string; user_fingerprint: string }): unknown }) =>
  api.openTicket({ company_key: 'acme', user_fingerprint: FP.user });

/** A product card whose button data-attribute capture adds to the cart. */
const card = (id: string, name: string, price: string, button: string) =>
  `<div class="card" data-alhena-product-id="${id}" data-alhena-product-name="${name}" data-alhena-price="${price}" data-alhena-currency="USD">
  <h2>${name}</h2><button id="${button}" data-alhena-action="add-to-cart">Add to cart</button></div>`;

// Page functions run in the browser: they cannot close over the test's variables.
const panelShown = () => !!document.querySelector('alhena-cart-inspector')?.shadowRoot?.querySelector('[data-part="state"]');
const panelCount = (tab: Tab) => tab.evaluate(() => document.querySelectorAll('alhena-cart-inspector').length);
const waitForPanel = (tab: Tab) => waitForPage(tab, 'the inspector panel', panelShown, undefined, 8_000);

/** The trimmed text of an element in the panel's shadow root, or null. */
const panelText = (tab: Tab, selector: string) =>
  tab.evaluate(
    (sel) =>
      document.querySelector('alhena-cart-inspector')?.shadowRoot?.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
    selector,
  );

/** The panel's event list: each item's status, origin and text. */
const eventsListed = (tab: Tab) =>
  tab.evaluate(() =>
    [
      ...(document.querySelector('alhena-cart-inspector')?.shadowRoot?.querySelectorAll('ol[data-part="events"] > li[data-event]') ?? []),
    ].map((item) => ({
      status: item.getAttribute('data-status'),
      origin: item.getAttribute('data-origin'),
      text: item.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    })),
  );

const TRAIL_SHOE = { ...shoe('ITEM_ADDED', 1, 'SKU-7'), productName: 'Trail shoe', value: 89 };
const addTrailShoe = (tab: Tab) => tab.evaluate((event) => window.alhenaCart.trackCartEvent(event), TRAIL_SHOE);

test('J17 opened by ?alhena-inspect: the configuration with its sources; it stays open on the next page of the tab until its × closes it', async ({
  tab,
  site,
  api,
}) => {
  const next = journeyPage(site, api, '/j17/url-next.html', { body: '<h1>Second page</h1>' });
  const first = journeyPage(site, api, '/j17/url-first.html', {
    attributes: { 'data-currency': 'EUR' },
    body: `<h1>First page</h1><a id="next" href="${next}">Next page</a>`,
  });
  await tab.goto(`${first}?alhena-inspect`);
  await waitForPanel(tab);
  await expect.poll(() => panelText(tab, '[data-config="companyKey"]')).toBe('acme (script attribute data-company-key)');
  expect(await panelText(tab, '[data-config="apiBaseUrl"]')).toBe(`${api.url} (script attribute data-api-base-url)`);
  expect(await panelText(tab, '[data-config="currency"]')).toBe('EUR (script attribute data-currency)');
  expect(await panelText(tab, '[data-config="consent"]')).toBe('granted (default)');
  await expect.poll(() => panelText(tab, '[data-part="fingerprints"]')).toBe('present: user ••••••••0000, faq ••••••••1111');

  // Another page of the store, without the query: the tab remembers the open inspector.
  await tab.click('#next');
  await waitForPage(tab, 'the second page', () => location.pathname === '/j17/url-next.html');
  expect(await tab.evaluate(() => location.search)).toBe('');
  await waitForPanel(tab);
  await expect.poll(() => panelText(tab, '[data-config="companyKey"]')).toBe('acme (script attribute data-company-key)');
  expect(await panelCount(tab)).toBe(1);

  await tab.click(CLOSE);
  await waitForPage(tab, 'the panel to close', () => !document.querySelector('alhena-cart-inspector'));
  expect(await tab.evaluate(() => sessionStorage.getItem('alhena-cart:inspect'))).toBeNull();
  await tab.reload();
  await sdkLoaded(tab);
  await flushedAndSettled(tab);
  expect(await panelCount(tab)).toBe(0);
  expect(await pageErrors(tab)).toEqual([]);
  expect(api.requests()).toHaveLength(0);
});

/** The SDK has started and has nothing left to send, and a moment for an inspector file to arrive has passed. */
async function flushedAndSettled(tab: Tab) {
  await tab.evaluate(() => window.alhenaCart.flush());
  await sleep(500);
}

test('J17 opened by a call of alhenaCart.inspect() from the page: one panel, above the store’s own fixed parts', async ({
  tab,
  site,
  api,
}) => {
  await tab.goto(
    journeyPage(site, api, '/j17/call.html', {
      attributes: { 'data-currency': 'USD' },
      // A store's fixed part with a huge z-index (a cookie banner, a chat launcher) in the panel's corner.
      body: '<div id="launcher" style="position: fixed; left: 0; bottom: 0; width: 160px; height: 160px; z-index: 2147483000; background: #639">Chat</div>',
    }),
  );
  await sdkLoaded(tab);
  expect(await panelCount(tab)).toBe(0);
  await tab.evaluate(() => window.alhenaCart.inspect());
  await waitForPanel(tab);
  await expect.poll(() => panelText(tab, '[data-part="state"]')).toBe('running');
  expect(await panelText(tab, '[data-config="companyKey"]')).toBe('acme (script attribute data-company-key)');
  expect(await panelText(tab, '[data-config="currency"]')).toBe('USD (script attribute data-currency)');
  await expect.poll(() => panelText(tab, '[data-part="queue"]')).toBe('0 queued; idle');
  // The panel's corner is where the launcher is: the panel is on top.
  expect(await tab.evaluate(() => document.elementFromPoint(40, innerHeight - 40)?.localName)).toBe('alhena-cart-inspector');
  await tab.evaluate(() => window.alhenaCart.inspect());
  await sleep(300);
  expect(await panelCount(tab)).toBe(1);
  expect(await tab.evaluate(() => sessionStorage.getItem('alhena-cart:inspect'))).toBe('1');
  expect(await pageErrors(tab)).toEqual([]);
});

test('J17 a data-attribute add to cart after a chat is listed from data-attribute and turns recorded', async ({ tab, site, api }) => {
  chatted(api);
  const url = journeyPage(site, api, '/j17/click.html', { body: card('SKU-1', 'Black Running Shoes', '79.99', 'add') });
  await tab.goto(`${url}?alhena-inspect`);
  await waitForPanel(tab);
  expect(await panelText(tab, 'ol[data-part="events"]')).toBe('');
  await tab.click('#add');
  await expect
    .poll(() => eventsListed(tab))
    .toEqual([
      {
        status: 'recorded',
        origin: 'data-attribute',
        text: expect.stringMatching(/^recorded ITEM_ADDED Black Running Shoes \(SKU-1\) · qty 1 · 79\.99 USD/),
      },
    ]);
  expect(recorded(api)).toMatchObject([{ type: 'ITEM_ADDED', product_id: 'SKU-1', value: 79.99 }]);
  expect(api.requests()).toHaveLength(1);
});

test('J17 a visitor who has not chatted: not_attributed with ACTIVE_TICKET_NOT_FOUND; the copied report masks the fingerprints', async ({
  tab,
  site,
  api,
}) => {
  await tab.goto(`${journeyPage(site, api, '/j17/no-chat.html')}?alhena-inspect`);
  await waitForPanel(tab);
  expect(await addTrailShoe(tab)).toMatchObject({ status: 'not_attributed', code: 'ACTIVE_TICKET_NOT_FOUND' });
  await expect
    .poll(() => eventsListed(tab))
    .toEqual([{ status: 'not_attributed', origin: 'call', text: expect.stringContaining('ITEM_ADDED Trail shoe (SKU-7)') }]);
  expect((await eventsListed(tab))[0].text).toContain('ACTIVE_TICKET_NOT_FOUND');
  expect(api.requests().map(statusOf)).toEqual([404]);

  await tab.click('alhena-cart-inspector >>> button[data-action="copy"]');
  const report = await tab.evaluate(() => {
    const area = document
      .querySelector('alhena-cart-inspector')
      ?.shadowRoot?.querySelector<HTMLTextAreaElement>('textarea[data-part="report"]');
    return area && !area.hidden ? area.value : null;
  });
  expect(report).toContain('not_attributed (ACTIVE_TICKET_NOT_FOUND)');
  expect(report).toContain('Fingerprints: user ••••••••0000, faq ••••••••1111');
  expect(report).not.toContain(FP.user);
  expect(report).not.toContain(FP.faq);
});

test('J17 "Check this page" lists a malformed data-alhena-price with its element', async ({ tab, site, api }) => {
  const url = journeyPage(site, api, '/j17/check.html', {
    body: card('SKU-1', 'Good shoe', '79.99', 'good') + card('SKU-2', 'Bad shoe', '$79', 'bad'),
  });
  await tab.goto(`${url}?alhena-inspect`);
  await waitForPanel(tab);
  await tab.click('alhena-cart-inspector >>> button[data-action="check"]');
  const findings = () =>
    tab.evaluate(() =>
      [
        ...(document.querySelector('alhena-cart-inspector')?.shadowRoot?.querySelectorAll('ul[data-part="findings"] > li[data-finding]') ??
          []),
      ].map((item) => ({ level: item.getAttribute('data-level'), text: item.textContent?.replace(/\s+/g, ' ').trim() ?? '' })),
    );
  await expect
    .poll(findings)
    .toContainEqual({ level: 'problem', text: expect.stringMatching(/^<button id="bad"> data-alhena-price="\$79" .*plain decimal/) });
  const problems = (await findings()).filter((finding) => finding.level === 'problem');
  expect(problems).toHaveLength(1);
  expect(await findings()).toContainEqual({ level: 'found', text: 'this page no order confirmation' });
  expect(api.requests()).toHaveLength(0);
});

test('J17 a 503 with Retry-After: the queue shows the next retry time, then the event turns recorded', async ({ tab, site, api }) => {
  chatted(api);
  api.addFaults({ kind: 'status', status: 503, retryAfter: '3', count: 1 });
  await tab.goto(`${journeyPage(site, api, '/j17/retry.html')}?alhena-inspect`);
  await waitForPanel(tab);
  await trackLater(tab, TRAIL_SHOE);
  await expect.poll(() => panelText(tab, '[data-part="queue"]')).toMatch(/^1 queued; next retry at \d\d:\d\d:\d\d$/);
  const [failed] = api.requests();
  expect(statusOf(failed)).toBe(503);
  // The time shown is the 503's arrival plus Retry-After (3 s), to the second: in UTC (as now) or the browser's own time zone.
  const shown = (await panelText(tab, '[data-part="queue"]'))?.slice(-8) ?? '';
  const clocks = await tab.evaluate(
    (ms) => [new Date(ms).toISOString().slice(11, 19), new Date(ms).toTimeString().slice(0, 8)],
    failed.at + 3_000,
  );
  const seconds = (hms: string) => hms.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  expect(Math.min(...clocks.map((clock) => Math.abs(seconds(shown) - seconds(clock))))).toBeLessThanOrEqual(1);
  expect((await eventsListed(tab))[0].status).not.toBe('recorded');

  await expect
    .poll(() => eventsListed(tab), { timeout: 8_000 })
    .toEqual([{ status: 'recorded', origin: 'call', text: expect.stringContaining('attempt 2') }]);
  await expect.poll(() => panelText(tab, '[data-part="queue"]')).toBe('0 queued; idle');
  expect(api.requests().map(statusOf)).toEqual([503, 200]);
});

test('J17 under a strict CSP (script-src self, connect-src the API, no inline style): the panel opens, is styled and lists an event', async ({
  tab,
  site,
  api,
}) => {
  chatted(api);
  const url = site.page(
    '/j17/csp.html',
    `<!doctype html><html><head>
${cspScriptTagHead(api.url)}
</head><body>${card('CSP-2', 'Captured shoe', '5', 'capture')}</body></html>`,
    cspHeaders(api.url),
  );
  expect(cspHeaders(api.url)['content-security-policy']).toMatch(/style-src 'self';/);
  await tab.goto(`${url}?alhena-inspect`);
  await waitForPanel(tab);
  const style = () =>
    tab.evaluate(() => {
      const panel = document.querySelector('alhena-cart-inspector')?.shadowRoot?.querySelector('.panel');
      const header = panel?.querySelector('header');
      if (!panel || !header) return null;
      const css = getComputedStyle(panel);
      return { position: css.position, zIndex: css.zIndex, header: getComputedStyle(header).backgroundColor };
    });
  expect(await style()).toEqual({ position: 'fixed', zIndex: '2147483647', header: 'rgb(11, 61, 145)' });
  await tab.click('#capture');
  await expect
    .poll(() => eventsListed(tab))
    .toEqual([{ status: 'recorded', origin: 'data-attribute', text: expect.stringContaining('ITEM_ADDED Captured shoe (CSP-2)') }]);
  expect(recorded(api)).toMatchObject([{ product_id: 'CSP-2' }]);
  expect(await tab.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? ['no listener'])).toEqual([]);
});

test('J17 the tag never requests the inspector file unless the inspector is asked for', async ({ tab, site, api }) => {
  chatted(api);
  const url = journeyPage(site, api, '/j17/no-inspector.html', { body: card('SKU-1', 'Plain shoe', '10', 'add') });
  const fileRequests = () => site.requested(INSPECTOR_FILE).filter((request) => request.referer?.startsWith(url));
  const resourceEntries = () =>
    tab.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('alhena-cart.inspector')).length);
  await tab.goto(url);
  await sdkLoaded(tab);
  await tab.click('#add');
  await addTrailShoe(tab);
  await expect.poll(() => recorded(api).length).toBe(2);
  await flushedAndSettled(tab);
  expect(fileRequests()).toEqual([]);
  expect(await resourceEntries()).toBe(0);
  expect(await panelCount(tab)).toBe(0);
  expect(await tab.evaluate(() => typeof (window as unknown as { alhenaCartInspector?: unknown }).alhenaCartInspector)).toBe('undefined');

  // Asked for: the same page loads it from the tag's folder, once.
  await tab.evaluate(() => window.alhenaCart.inspect());
  await waitForPanel(tab);
  expect(fileRequests()).toHaveLength(1);
  expect(await resourceEntries()).toBe(1);
});

test('J17 with consent denied, the panel still opens and nothing is sent', async ({ tab, site, api }) => {
  chatted(api);
  const url = journeyPage(site, api, '/j17/denied.html', {
    attributes: { 'data-consent': 'denied' },
    body: card('SKU-1', 'Private shoe', '10', 'add'),
  });
  await tab.goto(`${url}?alhena-inspect`);
  await waitForPanel(tab);
  await expect.poll(() => panelText(tab, '[data-config="consent"]')).toBe('denied (script attribute data-consent)');
  expect(await addTrailShoe(tab)).toMatchObject({ status: 'dropped', code: 'CONSENT_DENIED' });
  await tab.click('#add');
  await expect.poll(() => eventsListed(tab).then((events) => events.map((event) => event.status))).toEqual(['dropped', 'dropped']);
  expect((await eventsListed(tab))[0].text).toContain('CONSENT_DENIED');
  await flushedAndSettled(tab);
  expect(api.requests()).toEqual([]);
  expect(api.preflights().list).toEqual([]);
});
