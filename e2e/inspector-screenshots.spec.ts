// Chromium only: the inspector panel on the demo store, as a developer sees it, at desktop and phone
// widths, for a person to look at (e2e/.artifacts/inspector-*.png). The journeys of J17 check its behaviour.
import type { Page } from '@playwright/test';
import { type Demo, expect, type Product, test } from './demo-store/fixtures';
import { BEANS, KETTLE, MUG, openShop } from './demo-store/journey';

const panel = (page: Page) => page.locator('alhena-cart-inspector');
const events = (page: Page) => panel(page).locator('ol[data-part="events"] > li[data-event]');

/**
 * The widget's launcher is in the corner the panel covers: the chat is driven with DOM events, not
 * pointer clicks (what covers what is what the screenshots are for).
 */
async function chatUnderThePanel(page: Page) {
  const widget = page.locator('gleen-widget');
  await widget.getByRole('button', { name: 'Chat with the shop assistant' }).dispatchEvent('click');
  await widget.getByRole('textbox', { name: 'Message' }).fill('Which beans for espresso?');
  await widget.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(widget.locator('.ticket')).toBeVisible();
  await widget.getByRole('button', { name: 'Close chat' }).dispatchEvent('click');
}

/** A catalogue card's Add to cart, clicked with a DOM event: the panel may cover it (the screenshots show what covers what). */
async function addFromCatalogue(page: Page, product: Product) {
  await page
    .locator('.card', { has: page.getByRole('heading', { name: product.name }) })
    .getByRole('button', { name: 'Add to cart' })
    .dispatchEvent('click');
}

/** One event of each kind: not_attributed (before the chat), recorded (after it), invalid (a call without a price); then Check this page. */
async function busyPanel(page: Page, demo: Demo) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openShop(page, demo, 'script-tag', '?alhena-inspect');
  await expect(panel(page).locator('[data-config="companyKey"]')).toContainText('demo-store');
  await addFromCatalogue(page, BEANS);
  await expect(events(page).first()).toHaveAttribute('data-status', 'not_attributed');
  await chatUnderThePanel(page);
  await addFromCatalogue(page, KETTLE);
  await expect(events(page).first()).toHaveAttribute('data-status', 'recorded');
  await page.evaluate(
    (id) => window.alhenaCart.trackCartEvent({ type: 'ITEM_ADDED', productId: id, productName: 'Stoneware Mug', quantity: 1 } as never),
    MUG.id,
  );
  await expect(events(page).first()).toHaveAttribute('data-status', 'invalid');
  // A card as a store might mistype it, for "Check this page" to find.
  await page.evaluate((id) => document.querySelector(`[data-alhena-product-id="${id}"]`)?.setAttribute('data-alhena-price', '$24'), MUG.id);
  await panel(page).locator('button[data-action="check"]').click();
  await expect(panel(page).locator('li[data-finding][data-level="problem"]')).not.toHaveCount(0);
  await expect(events(page)).toHaveCount(3);
}

for (const [name, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['360', { width: 360, height: 740 }],
] as const) {
  test(`the inspector on the demo store, ${viewport.width}×${viewport.height}: e2e/.artifacts/inspector-${name}.png (Chromium only: pictures for a person to look at, one engine is enough; J17 checks the panel's behaviour in every engine)`, async ({
    page,
    demo,
  }) => {
    await busyPanel(page, demo);
    await page.setViewportSize(viewport);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `e2e/.artifacts/inspector-${name}.png` });
    // The rest of the panel, scrolled to its end: the events and what "Check this page" found.
    await panel(page)
      .locator('.panel')
      .evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.screenshot({ path: `e2e/.artifacts/inspector-${name}-scrolled.png` });
  });
}
