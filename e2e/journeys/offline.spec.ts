import { startNetworkSwitch } from '../engines/network-switch';
import { expect, journeyPage, recorded, shoe, sleep, summary, type Tab, test, track } from './fixtures';

/** Two adds while the API cannot be reached: each call hears `queued` (kept for later), none is lost. */
const trackTwo = async (tab: Tab) =>
  expect(await track(tab, shoe('ITEM_ADDED', 1, 'SKU-1'), shoe('ITEM_ADDED', 1, 'SKU-2'))).toEqual(['queued', 'queued']);

test('J9 offline, then online (the browser’s own offline switch): delivered once, in order', async ({ engine, visitor, site, api }) => {
  test.skip(
    !engine.canGoOffline,
    `${engine.name}: WebDriver classic has no offline switch; the next journey takes the API off the network instead`,
  );
  const tab = await visitor.newTab(journeyPage(site, api, '/j9/offline.html'));
  await visitor.setOffline(true);
  await trackTwo(tab);
  await sleep(1_500);
  expect(api.requests()).toHaveLength(0);
  await visitor.setOffline(false);
  await expect.poll(() => recorded(api).length).toBe(2);
  await sleep(500);
  expect(summary(recorded(api))).toEqual([
    ['ITEM_ADDED', 'SKU-1', 1],
    ['ITEM_ADDED', 'SKU-2', 1],
  ]);
  expect(api.requests()).toHaveLength(2);
});

test('J9 the API unreachable (connections refused), then reachable again: delivered once, in order', async ({ tab, site, api }) => {
  const network = await startNetworkSwitch(api.url);
  try {
    await tab.goto(journeyPage(site, { url: network.url }, '/j9/unreachable.html'));
    await network.down();
    await trackTwo(tab);
    await sleep(2_500);
    expect(api.requests()).toHaveLength(0);
    await network.up();
    await expect.poll(() => recorded(api).length, { timeout: 20_000 }).toBe(2);
    await sleep(500);
    expect(summary(recorded(api))).toEqual([
      ['ITEM_ADDED', 'SKU-1', 1],
      ['ITEM_ADDED', 'SKU-2', 1],
    ]);
    expect(api.requests()).toHaveLength(2);
  } finally {
    await network.close();
  }
});
