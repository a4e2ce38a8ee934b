// The shop's own behaviour: its buttons and forms change its cart and orders, then tell the
// variant's integration (attributes, npm helpers or GTM) what happened.

import { addItem, cartLines, clearCart, setQuantity } from './cart-store.js';
import { findProduct, formatPrice } from './catalog.js';
import { html } from './html.js';
import { placeOrder } from './orders.js';

/**
 * What each variant does when the shop's cart changes; every hook is optional.
 * @typedef {import('./catalog.js').Product} Product
 * @typedef {{ before: number, after: number }} Change
 * @typedef {{
 *   added?: (product: Product, quantity: number, change: Change) => void,
 *   quantityChanged?: (product: Product, change: Change) => void,
 *   removed?: (product: Product, change: Change) => void,
 *   listViewed?: () => void,
 *   productViewed?: (product: Product) => void,
 *   cartViewed?: (lines: import('./cart-store.js').CartLine[]) => void,
 *   checkoutStarted?: (lines: import('./cart-store.js').CartLine[]) => void,
 *   orderViewed?: (order: import('./orders.js').Order) => void,
 * }} Integration
 */

/** @param {Element} element */
const productOf = (element) => findProduct(element.closest('[data-sku]')?.getAttribute('data-sku'));

/** A short "added to cart" notice with a link to the cart. */
function announceAdded(/** @type {Product} */ product, /** @type {number} */ quantity, /** @type {string} */ cartHref) {
  let toast = document.querySelector('.toast');
  if (!toast) {
    toast = document.createElement('div');
    toast.className = 'toast';
    toast.setAttribute('role', 'status');
    document.body.append(toast);
  }
  toast.innerHTML =
    String(html`<strong>Added to your cart</strong><span>${product.name} × ${quantity} · ${formatPrice(product.price * quantity)}</span>
    <a href="${cartHref}" data-link>View cart →</a>`);
  toast.classList.add('show');
  clearTimeout(Number(toast.getAttribute('data-timer')));
  toast.setAttribute('data-timer', String(setTimeout(() => toast?.classList.remove('show'), 4000)));
}

/**
 * Listens (by delegation, so re-rendered markup keeps working) to the shop's controls.
 * @param {{
 *   ctx: import('./layout.js').ShopContext,
 *   integration: Integration,
 *   refresh: () => void,
 *   navigate: (href: string) => void,
 * }} options  `refresh` re-renders the page after a cart change.
 */
export function bindShop({ ctx, integration, refresh, navigate }) {
  const added = (/** @type {Product} */ product, /** @type {number} */ quantity) => {
    const change = addItem(product.id, quantity);
    integration.added?.(product, quantity, change);
    announceAdded(product, quantity, ctx.routes.cart);
    refresh();
  };
  const changed = (/** @type {Product} */ product, /** @type {number} */ quantity) => {
    const change = setQuantity(product.id, quantity);
    if (change.after === change.before) return refresh();
    if (change.after === 0) integration.removed?.(product, change);
    else integration.quantityChanged?.(product, change);
    refresh();
  };

  document.addEventListener('click', (event) => {
    const control = /** @type {Element} */ (event.target).closest?.('button[data-shop-action]');
    const product = control && productOf(control);
    if (!control || !product) return;
    const current = cartLines().find((line) => line.product.id === product.id)?.quantity ?? 0;
    const name = control.getAttribute('data-shop-action');
    if (name === 'add') added(product, 1);
    else if (name === 'increase') changed(product, current + 1);
    else if (name === 'decrease') changed(product, current - 1);
    else if (name === 'remove') changed(product, 0);
  });

  document.addEventListener('change', (event) => {
    const input = /** @type {HTMLInputElement} */ (event.target);
    const product = input.matches?.('input[data-shop-action="set-quantity"]') && productOf(input);
    const quantity = Number(input.value);
    if (product && Number.isInteger(quantity) && quantity >= 0) changed(product, quantity);
  });

  document.addEventListener('submit', (event) => {
    const form = /** @type {HTMLFormElement} */ (event.target);
    const name = form.getAttribute('data-shop-action');
    if (name !== 'add-form' && name !== 'place-order') return;
    event.preventDefault();
    if (name === 'add-form') {
      const product = productOf(form);
      const quantity = Number(new FormData(form).get('quantity'));
      if (product && Number.isInteger(quantity) && quantity >= 1) added(product, quantity);
      return;
    }
    const data = new FormData(form);
    const lines = cartLines();
    if (lines.length === 0) return;
    const order = placeOrder(lines, { name: String(data.get('name')), email: String(data.get('email')) });
    clearCart();
    navigate(ctx.routes.order(order.id));
  });
}
