// A shopper's steps through the demo store, the same in all three variants (they share their markup),
// and the events each journey must produce on the wire.
import type { Page } from '@playwright/test';
import { formatPrice } from '../../demo-store/shop/js/catalog.js';
import {
  type Body,
  cartBody,
  checkoutBody,
  type Demo,
  expect,
  homeUrl,
  type Product,
  product,
  type Variant,
  type Visitor,
  visitorOf,
} from './fixtures';

export const KETTLE = product('EO-KETTLE-01');
export const BEANS = product('EO-BEANS-01');
export const MUG = product('EO-MUG-01');

const cartCount = async (page: Page) => Number(await page.locator('[data-cart-count]').textContent());
const cartLine = (page: Page, p: Product) => page.locator('li.line', { hasText: p.name });

export async function openShop(page: Page, demo: Demo, variant: Variant, query = '') {
  await page.goto(homeUrl(demo, variant, query));
  await expect(page.locator('.card')).not.toHaveCount(0);
}

/** Sends a message to the stand-in widget and waits for the reply, which comes once the sandbox has opened the ticket. */
export async function chat(page: Page, text = 'Which beans for espresso?') {
  const widget = page.locator('gleen-widget');
  await widget.getByRole('button', { name: 'Chat with the shop assistant' }).click();
  await widget.getByRole('textbox', { name: 'Message' }).fill(text);
  await widget.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(widget.locator('.ticket')).toBeVisible();
}

export async function closeChat(page: Page) {
  await page.locator('gleen-widget').getByRole('button', { name: 'Close chat' }).click();
}

export async function addFromCatalogue(page: Page, p: Product) {
  const before = await cartCount(page);
  await page
    .locator('.card', { has: page.getByRole('heading', { name: p.name }) })
    .getByRole('button', { name: 'Add to cart' })
    .click();
  await expect(page.locator('[data-cart-count]')).toHaveText(String(before + 1));
}

export async function openProduct(page: Page, p: Product) {
  await page.locator('.card h3 a', { hasText: p.name }).click();
  await expect(page.locator('.product-info h1')).toHaveText(p.name);
}

export async function addFromProductPage(page: Page, p: Product, quantity: number) {
  const before = await cartCount(page);
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.locator('form.buy').getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.locator('[data-cart-count]')).toHaveText(String(before + quantity));
  await expect(page.locator('.toast')).toContainText(`${p.name} × ${quantity}`);
}

export async function openCart(page: Page) {
  await page.locator('.cart-link').click();
  await expect(page.getByRole('heading', { name: 'Your cart' })).toBeVisible();
}

const expectLineTotal = (page: Page, p: Product, quantity: number) =>
  expect(cartLine(page, p).locator('.line-total')).toHaveText(formatPrice(p.price * quantity));

export async function increase(page: Page, p: Product) {
  const quantity = Number(await cartLine(page, p).getByRole('spinbutton').inputValue());
  await cartLine(page, p).getByRole('button', { name: 'One more' }).click();
  await expectLineTotal(page, p, quantity + 1);
}

export async function decrease(page: Page, p: Product) {
  const quantity = Number(await cartLine(page, p).getByRole('spinbutton').inputValue());
  await cartLine(page, p).getByRole('button', { name: 'One less' }).click();
  await expectLineTotal(page, p, quantity - 1);
}

/** Types a quantity and leaves the field, which is when the browser fires `change`. */
export async function typeQuantity(page: Page, p: Product, quantity: number) {
  const input = cartLine(page, p).getByRole('spinbutton');
  await input.fill(String(quantity));
  await input.blur();
  await expectLineTotal(page, p, quantity);
}

export async function remove(page: Page, p: Product) {
  await cartLine(page, p).getByRole('button', { name: 'Remove' }).click();
  await expect(cartLine(page, p)).toHaveCount(0);
}

export async function openCheckout(page: Page) {
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByRole('heading', { name: 'Checkout', exact: true })).toBeVisible();
}

/** Places the order and waits for the confirmation page; returns the order id the shop made. */
export async function placeOrder(page: Page): Promise<string> {
  await page.getByRole('button', { name: /Place order/ }).click();
  const orderId = page.locator('[data-order-id]');
  await expect(orderId).toHaveText(/^ORD-/);
  return (await orderId.textContent()) as string;
}

export interface JourneyResult {
  visitor: Visitor;
  orderId: string;
  /** The bodies the SDK must send, in order. */
  expected: Body[];
}

/**
 * The journey: browse, (chat), add two products, change a quantity, remove one, check out.
 * `shoot` is called at each step, for screenshots.
 */
export async function fullJourney(
  page: Page,
  demo: Demo,
  variant: Variant,
  { chatFirst, shoot = async () => {} }: { chatFirst: boolean; shoot?: (step: string) => Promise<void> },
): Promise<JourneyResult> {
  await openShop(page, demo, variant);
  const visitor = await visitorOf(page);
  await shoot('catalogue');
  if (chatFirst) {
    await chat(page);
    await shoot('chat');
    await closeChat(page);
  }
  await addFromCatalogue(page, KETTLE);
  await openProduct(page, BEANS);
  await addFromProductPage(page, BEANS, 2);
  await shoot('product');
  await openCart(page);
  await shoot('cart');
  await increase(page, KETTLE);
  await remove(page, BEANS);
  await openCheckout(page);
  await shoot('checkout');
  const orderId = await placeOrder(page);
  await shoot('order');
  return {
    visitor,
    orderId,
    expected: [
      cartBody(visitor, 'ITEM_ADDED', KETTLE, 1),
      cartBody(visitor, 'ITEM_ADDED', BEANS, 2),
      cartBody(visitor, 'QUANTITY_INCREASED', KETTLE, 2),
      cartBody(visitor, 'ITEM_REMOVED', BEANS, 0),
      checkoutBody(visitor, orderId, [[KETTLE, 2]]),
    ],
  };
}
