import { expect, FP, journeyPage, recorded, settled, shoe, sleep, summary, test, track } from './fixtures';

test('J7 the widget appears 2 s late: earlier events wait and go out with its fingerprints, in order', async ({ tab, site, api }) => {
  await tab.goto(journeyPage(site, api, '/j7/late-widget.html', { widgetDelayMs: 2_000 }));
  expect(await track(tab, shoe('ITEM_ADDED', 1), shoe('QUANTITY_INCREASED', 2))).toEqual(['queued', 'queued']);
  expect(api.requests()).toHaveLength(0);
  await expect.poll(() => recorded(api).length, { timeout: 10_000 }).toBe(2);
  await sleep(500);
  expect(api.requests()).toHaveLength(2);
  expect(recorded(api).map((b) => [b.type, b.quantity, b.user_fingerprint, b.user_faq_fingerprint])).toEqual([
    ['ITEM_ADDED', 1, FP.user, FP.faq],
    ['QUANTITY_INCREASED', 2, FP.user, FP.faq],
  ]);
});

test('J7 a page without the widget: the event waits, and goes out with the fingerprints from the next page that has it', async ({
  tab,
  site,
  api,
}) => {
  await tab.goto(journeyPage(site, api, '/j7/no-widget.html', { widgetDelayMs: null }));
  expect(await track(tab, shoe('ITEM_ADDED', 1))).toEqual(['queued']);
  await sleep(1_000);
  expect(api.requests()).toHaveLength(0);
  await tab.goto(journeyPage(site, api, '/j7/with-widget.html'));
  await expect.poll(() => recorded(api).length).toBe(1);
  await settled(tab, api, 1);
  expect(summary(recorded(api))).toEqual([['ITEM_ADDED', 'SKU-1', 1]]);
  expect(recorded(api)[0]).toMatchObject({ user_fingerprint: FP.user, user_faq_fingerprint: FP.faq });
});
