import {
  CONSOLE_COLLECTOR,
  consoleLines,
  expect,
  journeyPage,
  recorded,
  shoe,
  sleep,
  statusOf,
  summary,
  test,
  trackLater,
} from './fixtures';

test('J4 three 503s, then success: delivered once, still ahead of a later event', async ({ tab, site, api }) => {
  api.addFaults({ kind: 'status', status: 503, count: 3 });
  await tab.goto(journeyPage(site, api, '/j4/retry.html'));
  await trackLater(tab, shoe('ITEM_ADDED', 1), shoe('QUANTITY_INCREASED', 2));
  await expect.poll(() => recorded(api).length, { timeout: 30_000 }).toBe(2);
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU-1', 1],
    ['QUANTITY_INCREASED', 'SKU-1', 2],
  ]);
  const all = api.requests();
  expect(all.map((r) => [(r.body as { type: string }).type, statusOf(r)])).toEqual([
    ['ITEM_ADDED', 503],
    ['ITEM_ADDED', 503],
    ['ITEM_ADDED', 503],
    ['ITEM_ADDED', 200],
    ['QUANTITY_INCREASED', 200],
  ]);
  // Backed off: each wait at least half of 1 s, 2 s, 4 s.
  const gaps = all.slice(1, 4).map((r, i) => r.at - all[i].at);
  expect(gaps[0]).toBeGreaterThanOrEqual(450);
  expect(gaps[1]).toBeGreaterThanOrEqual(950);
  expect(gaps[2]).toBeGreaterThanOrEqual(1_950);
});

test('J4 a 429 with Retry-After: 2 waits two seconds before trying again, then delivers once', async ({ tab, site, api }) => {
  api.addFaults({ kind: 'status', status: 429, retryAfter: '2', count: 1 });
  await tab.goto(journeyPage(site, api, '/j4/rate-limited.html'));
  await trackLater(tab, shoe('ITEM_ADDED', 1));
  await expect.poll(() => recorded(api).length, { timeout: 15_000 }).toBe(1);
  const [limited, retried] = api.requests();
  expect(retried.at - limited.at).toBeGreaterThanOrEqual(1_950);
  expect(api.requests().map(statusOf)).toEqual([429, 200]);
  expect(summary(recorded(api))).toEqual([['ITEM_ADDED', 'SKU-1', 1]]);
});

test('J4 a reload while an event waits for its retry sends it once', async ({ tab, site, api }) => {
  api.addFaults({ kind: 'status', status: 503, retryAfter: '3', count: 1 });
  const url = journeyPage(site, api, '/j4/reload-retry.html');
  await tab.goto(url);
  await trackLater(tab, shoe('ITEM_ADDED', 1));
  await expect.poll(() => api.requests().length).toBe(1);
  await tab.reload();
  await sleep(1_000);
  expect(api.requests()).toHaveLength(1);
  await expect.poll(() => recorded(api).length, { timeout: 10_000 }).toBe(1);
  await sleep(1_000);
  const [failed, retried] = api.requests();
  expect(retried.at - failed.at).toBeGreaterThanOrEqual(2_900);
  expect(api.requests().map(statusOf)).toEqual([503, 200]);
  expect(summary(recorded(api))).toEqual([['ITEM_ADDED', 'SKU-1', 1]]);
});

test('J4 a request the browser refuses because the page’s keepalive budget is full counts as a network error: retried, not lost', async ({
  tab,
  site,
  api,
}) => {
  await tab.goto(journeyPage(site, api, '/j4/budget.html', { head: CONSOLE_COLLECTOR, attributes: { 'data-debug': 'true' } }));
  await tab.evaluate(() => {
    // The page's own keepalive request holds all but 200 bytes of the shared 64 KiB for 3 s.
    void fetch('/e2e/slow', { method: 'POST', body: 'x'.repeat(64 * 1024 - 200), keepalive: true });
  });
  await trackLater(tab, shoe('ITEM_ADDED', 1));
  await expect.poll(() => recorded(api).length, { timeout: 20_000 }).toBe(1);
  // The debug log names each answer (`← 200`, `← network`); the API counts the request before the page has read its answer.
  const answers = async () =>
    (await consoleLines(tab)).filter((line) => line.includes('← ')).map((line) => line.replace(/.*← (\S+).*/s, '$1'));
  await expect.poll(async () => (await answers()).at(-1)).toBe('200');
  // The browser refused the SDK's attempts while the budget was full; none reached the API, none was lost.
  expect((await answers())[0]).toBe('network');
  expect(api.requests()).toHaveLength(1);
});
