import { accepted, answered, type Body, cartBody, expect, flush, gmvOf, outline, screenshot, test, VARIANTS, visitorOf } from './fixtures';
import {
  addFromCatalogue,
  chat,
  closeChat,
  decrease,
  fullJourney,
  increase,
  KETTLE,
  MUG,
  openCart,
  openShop,
  remove,
  typeQuantity,
} from './journey';

// The script-tag variant's journey is in journey.spec.ts; these compare the other two with the same expectation.
for (const variant of ['spa', 'gtm'] as const) {
  test(`the ${variant} variant sends the same events as the script-tag store for the same journey`, async ({ page, demo }) => {
    await page.setViewportSize({ width: 1280, height: 860 });
    const { expected } = await fullJourney(page, demo, variant, {
      chatFirst: true,
      shoot: async (step) => (step === 'cart' || step === 'order' ? screenshot(page, `${variant}-${step}`) : undefined),
    });

    await expect.poll(() => answered(demo).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(expected.length);
    await flush(page);
    expect(outline(accepted(demo))).toEqual(outline(expected));
    expect(accepted(demo)).toStrictEqual(expected);
    expect(demo.sandbox.requests()).toHaveLength(expected.length);

    // The confirmation page again (a reload): the variant reports the order again, the SDK sends nothing.
    await page.reload();
    await expect(page.locator('[data-order-id]')).toBeVisible();
    await flush(page);
    expect(demo.sandbox.requests()).toHaveLength(expected.length);
  });
}

// The GTM store has no syncCart: GA4 has no event that states the whole cart.
for (const variant of ['script-tag', 'spa'] as const) {
  test(`the ${variant} cart page re-aligns the SDK's record with the shop's cart (syncCart)`, async ({ page, demo }) => {
    await openShop(page, demo, variant);
    const visitor = await visitorOf(page);
    await chat(page);
    await closeChat(page);
    await addFromCatalogue(page, KETTLE);
    // The shop's cart loses the line behind the SDK's back (emptied from another device, say).
    await page.evaluate(() => localStorage.removeItem('ember-oak:cart'));
    await page.locator('.cart-link').click();
    await expect(page.getByRole('heading', { name: 'Your cart is empty' })).toBeVisible();
    await page.getByRole('link', { name: 'Continue shopping' }).click();
    await addFromCatalogue(page, KETTLE);

    const expected = [cartBody(visitor, 'ITEM_ADDED', KETTLE, 1), cartBody(visitor, 'ITEM_ADDED', KETTLE, 1)];
    await expect.poll(() => answered(demo).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(expected.length);
    await flush(page);
    expect(outline(accepted(demo))).toEqual(outline(expected));
    expect(accepted(demo)).toStrictEqual(expected);
    expect(demo.sandbox.requests()).toHaveLength(expected.length);
  });
}

for (const variant of VARIANTS) {
  test(`every cart control of the ${variant} variant reports its change: +, typed quantity, −, remove`, async ({ page, demo }) => {
    await openShop(page, demo, variant);
    const visitor = await visitorOf(page);
    await chat(page);
    await addFromCatalogue(page, MUG);
    await openCart(page);
    await increase(page, MUG);
    await typeQuantity(page, MUG, 4);
    await decrease(page, MUG);
    await remove(page, MUG);
    const expected: Body[] = [
      cartBody(visitor, 'ITEM_ADDED', MUG, 1),
      cartBody(visitor, 'QUANTITY_INCREASED', MUG, 2),
      cartBody(visitor, 'QUANTITY_INCREASED', MUG, 4),
      cartBody(visitor, 'QUANTITY_DECREASED', MUG, 3),
      cartBody(visitor, 'ITEM_REMOVED', MUG, 0),
    ];
    await expect.poll(() => answered(demo).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(expected.length);
    await flush(page);
    expect(outline(accepted(demo))).toEqual(outline(expected));
    expect(accepted(demo)).toStrictEqual(expected);
    expect(demo.sandbox.requests()).toHaveLength(expected.length);
    expect(demo.sandbox.summary()).toMatchObject({ addToCartGmv: gmvOf(expected), cartEvents: expected.length });
  });
}
