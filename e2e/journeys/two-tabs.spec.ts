import { expect, journeyPage, recorded, shoe, sleep, statusOf, test, trackLater } from './fixtures';

// Without Web Locks (Firefox before 96, Chromium blocking site data) the SDK falls back to a lease in
// localStorage; without BroadcastChannel too, it cannot ask whether the lease's tab is still there.
const WITHOUT_LOCKS = `<script>
  Object.defineProperty(Navigator.prototype, 'locks', { configurable: true, get: function () { return undefined; } });
  delete window.BroadcastChannel;
</script>`;

for (const [browser, head] of [
  ['', ''],
  [' (without Web Locks and BroadcastChannel: the storage lease)', WITHOUT_LOCKS],
] as const) {
  test(`J5 two tabs of one store, events queued while the API fails: each delivered exactly once, in order${browser}`, async ({
    visitor,
    site,
    api,
  }) => {
    const url = journeyPage(site, api, `/j5/tabs${head ? '-lease' : ''}.html`, { head });
    const tabA = await visitor.newTab(url);
    if (head) expect(await tabA.evaluate(() => [typeof navigator.locks, typeof BroadcastChannel])).toEqual(['undefined', 'undefined']);
    const tabB = await visitor.newTab(url);
    api.addFaults({ kind: 'status', status: 503, count: 4 });
    for (const [tab, product] of [
      [tabA, 'A1'],
      [tabB, 'B1'],
      [tabA, 'A2'],
      [tabB, 'B2'],
      [tabA, 'A3'],
      [tabB, 'B3'],
    ] as const) {
      await trackLater(tab, shoe('ITEM_ADDED', 1, product));
      await sleep(30);
    }
    await expect.poll(() => recorded(api).length, { timeout: 30_000 }).toBe(6);
    await sleep(2_000);
    expect(recorded(api).map((b) => b.product_id)).toEqual(['A1', 'B1', 'A2', 'B2', 'A3', 'B3']);
    expect(api.requests().filter((r) => statusOf(r) === 200)).toHaveLength(6);
    expect(api.requests().filter((r) => statusOf(r) === 503)).toHaveLength(4);
  });
}

test('J5 a tab closing while it sends does not strand its events: the other tab sends the rest, each once, in order', async ({
  visitor,
  site,
  api,
}) => {
  const url = journeyPage(site, api, '/j5/closing-tabs.html');
  const tabA = await visitor.newTab(url);
  api.addFaults({ kind: 'delay', ms: 1_500, count: 1 });
  await trackLater(tabA, ...['A1', 'A2', 'A3'].map((id) => shoe('ITEM_ADDED', 1, id)));
  // Tab A sends and waits for A1's slow answer; tab B opens and waits for its turn.
  await expect.poll(() => api.requests().length).toBe(1);
  await visitor.newTab(url);
  await tabA.close();
  await expect.poll(() => recorded(api).length, { timeout: 20_000 }).toBe(3);
  await sleep(1_500);
  expect(recorded(api).map((b) => b.product_id)).toEqual(['A1', 'A2', 'A3']);
  expect(api.requests()).toHaveLength(3);
});
