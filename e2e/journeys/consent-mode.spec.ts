import { startDemo } from '../../demo-store/demo.mjs';
import { cartBody, type Demo, product } from '../demo-store/fixtures';
import { demoRecords, expect, flushed, sdkLoaded, sleep, type Tab, test, widgetVisitor } from './fixtures';

// The demo's consent page (demo-store/shop/consent.html): a stand-in consent manager emitting Google Consent
// Mode v2 (a default of denied; the visitor’s answer as an update, kept and pushed again on the
// next page before any tag loads), and the tag with data-consent="google".

const KETTLE = product('EO-KETTLE-01');

/** The SDK's stored keys (every company key's), from the page. */
const sdkKeys = (tab: Tab) => tab.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('alhena-cart:')));

async function openConsentPage(tab: Tab, demo: Demo) {
  await tab.goto(`${demo.shopUrl}shop/consent.html`);
  await sdkLoaded(tab);
  return widgetVisitor(tab);
}

/** Nothing more reaches the sandbox: the page's SDK has nothing to send now, and half a second passes. */
async function quiet(tab: Tab) {
  await flushed(tab);
  await sleep(500);
}

test('J22 consent mode: under a default of denied the add is dropped, never sent; after “Accept all” (an update granted) the next add is sent, once', async ({
  tab,
}) => {
  const demo = await startDemo();
  try {
    const visitor = await openConsentPage(tab, demo);
    await tab.click('#add');
    await quiet(tab);
    expect(demo.sandbox.requests()).toEqual([]);
    expect(await sdkKeys(tab)).toEqual([]); // denied: nothing stored
    await tab.click('#accept');
    await quiet(tab);
    expect(demo.sandbox.requests()).toEqual([]); // the dropped add stays dropped
    await tab.click('#add');
    const records = await demoRecords(tab, demo, 1);
    // The cart record followed the first add (the shopper's cart has it): the second is an increase to 2.
    expect(records.map((record) => record.body)).toEqual([cartBody(visitor, 'QUANTITY_INCREASED', KETTLE, 2)]);
    await quiet(tab);
    expect(demo.sandbox.requests()).toHaveLength(1);
  } finally {
    await demo.close();
  }
});

test('J22 consent mode: on the next page the kept answer, pushed before the SDK loaded, lets the add go at once', async ({ tab }) => {
  const demo = await startDemo();
  try {
    await openConsentPage(tab, demo);
    await tab.click('#accept');
    await tab.reload();
    await sdkLoaded(tab);
    const visitor = await widgetVisitor(tab);
    // This page's consent update was in the dataLayer before the SDK: nothing was pushed after it loaded.
    expect(await tab.evaluate(() => (window as unknown as { dataLayer: unknown[] }).dataLayer.length)).toBe(2);
    await tab.click('#add');
    const records = await demoRecords(tab, demo, 1);
    expect(records.map((record) => record.body)).toEqual([cartBody(visitor, 'ITEM_ADDED', KETTLE, 1)]);
    expect(await sdkKeys(tab)).not.toEqual([]); // granted: the cart record is stored
    await quiet(tab);
    expect(demo.sandbox.requests()).toHaveLength(1);
  } finally {
    await demo.close();
  }
});

test('J22 consent mode: “Reject all” after a grant clears the stored data; later adds are never sent, on this page or the next', async ({
  tab,
}) => {
  const demo = await startDemo();
  try {
    const visitor = await openConsentPage(tab, demo);
    await tab.click('#accept');
    await tab.click('#add');
    const records = await demoRecords(tab, demo, 1);
    expect(records.map((record) => record.body)).toEqual([cartBody(visitor, 'ITEM_ADDED', KETTLE, 1)]);
    expect(await sdkKeys(tab)).not.toEqual([]);
    await tab.click('#cookie-settings');
    await tab.click('#reject');
    await expect.poll(() => sdkKeys(tab)).toEqual([]);
    await tab.click('#add');
    await quiet(tab);
    await tab.reload();
    await sdkLoaded(tab);
    await tab.click('#add');
    await quiet(tab);
    expect(await sdkKeys(tab)).toEqual([]);
    expect(demo.sandbox.requests().map((record) => record.body)).toEqual([cartBody(visitor, 'ITEM_ADDED', KETTLE, 1)]);
  } finally {
    await demo.close();
  }
});
