import { answered, cartBody, errorCodeOf, expect, flush, statusOf, test, visitorOf } from './fixtures';
import { addFromCatalogue, KETTLE, openShop } from './journey';

const widgetLoaded = () => window.gleenWidget?.isLoaded?.() === true;

test('the stand-in widget gives a visitor two fingerprints that last across pages, and fires widget:loaded', async ({ page, demo }) => {
  await page.addInitScript(() => {
    window.__loaded = 0;
    // Listen as soon as the late widget's object exists, before it has loaded.
    const timer = setInterval(() => {
      const w = window.gleenWidget;
      if (!w) return;
      clearInterval(timer);
      w.on('widget:loaded', () => (window.__loaded += 1));
    }, 5);
  });
  await openShop(page, demo, 'script-tag', '?widget=late');
  expect(await page.evaluate(widgetLoaded)).toBe(false);
  expect(await page.evaluate(() => window.gleenWidget?.getFingerprint())).toBeUndefined();
  const visitor = await visitorOf(page);
  expect(await page.evaluate(() => window.__loaded)).toBe(1);
  expect(visitor.user).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(visitor.faq).not.toBe(visitor.user);
  await page.goto(`${demo.shopUrl}cart.html?widget=on`);
  expect(await visitorOf(page)).toEqual(visitor);
});

test('?widget=late: an add to cart waits for the widget, then goes out with its fingerprints', async ({ page, demo }) => {
  await page.addInitScript(() => {
    window.__loadedAt = 0;
    const timer = setInterval(() => {
      const w = window.gleenWidget;
      if (!w) return;
      clearInterval(timer);
      w.on('widget:loaded', () => (window.__loadedAt = Date.now()));
    }, 5);
  });
  await openShop(page, demo, 'script-tag', '?widget=late');
  const addedAt = Date.now();
  await addFromCatalogue(page, KETTLE);
  await flush(page); // resolves at once: the event can only wait for the fingerprints

  const visitor = await visitorOf(page);
  await expect.poll(() => answered(demo).length, { timeout: 10_000 }).toBe(1);
  // Timed by the clocks, not by how fast this machine is: the request left only after the widget had
  // loaded (3 s after the page), although the add came before it.
  const loadedAt = await page.evaluate(() => window.__loadedAt);
  const [record] = demo.sandbox.requests();
  expect(loadedAt).toBeGreaterThan(0);
  expect(record.at).toBeGreaterThanOrEqual(loadedAt);
  if (addedAt >= loadedAt) test.info().annotations.push({ type: 'note', description: 'this run was too slow to add before the widget' });
  expect(record.body).toStrictEqual(cartBody(visitor, 'ITEM_ADDED', KETTLE, 1));
  expect([statusOf(record), errorCodeOf(record)]).toEqual([404, 'ACTIVE_TICKET_NOT_FOUND']); // nobody chatted
});

test('?widget=none: nothing is sent without fingerprints; the event goes out from a later page that has the widget', async ({
  page,
  demo,
}) => {
  await openShop(page, demo, 'script-tag', '?widget=none');
  await addFromCatalogue(page, KETTLE);
  await flush(page);
  expect(await page.evaluate(() => window.gleenWidget)).toBeUndefined();
  expect(demo.sandbox.requests()).toEqual([]);

  await page.goto(`${demo.shopUrl}cart.html?widget=on`);
  const visitor = await visitorOf(page);
  await expect.poll(() => answered(demo).length, { timeout: 10_000 }).toBe(1);
  await flush(page);
  expect(demo.sandbox.requests().map((r) => r.body)).toStrictEqual([cartBody(visitor, 'ITEM_ADDED', KETTLE, 1)]);
});
