// Puts a route's page into the document; shared by the multi-page variants and the single-page app.

import { cartCount, cartLines, cartTotal } from './cart-store.js';
import { findProduct, SHOP_NAME } from './catalog.js';
import { loadingOrderView } from './hosted-order.js';
import { footerView, headerView } from './layout.js';
import { readOrder } from './orders.js';
import { cartView, catalogueView, checkoutView, notFoundView, orderView, productView } from './views.js';

/** @typedef {{ page: 'catalogue' | 'product' | 'cart' | 'checkout' | 'order' | 'not-found', id?: string }} Route */

const TITLES = {
  catalogue: 'Shop',
  product: 'Product',
  cart: 'Cart',
  checkout: 'Checkout',
  order: 'Order confirmed',
  'not-found': 'Not found',
};

/** @param {import('./layout.js').ShopContext} ctx @param {Route} route */
function mainView(ctx, route) {
  switch (route.page) {
    case 'catalogue':
      return catalogueView(ctx);
    case 'product': {
      const product = findProduct(route.id);
      return product ? productView(ctx, product) : notFoundView(ctx);
    }
    case 'cart':
      return cartView(ctx, cartLines(), cartTotal());
    case 'checkout':
      return checkoutView(ctx, cartLines(), cartTotal());
    case 'order':
      // The hosted checkout's orders live on the shop's server: hosted-order.js shows them.
      return ctx.variant === 'hosted' ? loadingOrderView() : orderView(ctx, readOrder(route.id));
    default:
      return notFoundView(ctx);
  }
}

const element = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Renders the whole page. @param {import('./layout.js').ShopContext} ctx @param {Route} route */
export function renderPage(ctx, route) {
  element('site-header').innerHTML = String(headerView(ctx, cartCount()));
  element('app').innerHTML = String(mainView(ctx, route));
  element('site-footer').innerHTML = String(footerView());
  document.body.setAttribute('data-page', route.page);
  const product = route.page === 'product' ? findProduct(route.id) : undefined;
  document.title = `${product?.name ?? TITLES[route.page]} · ${SHOP_NAME}`;
}

/**
 * After a cart change: the header's count always, the page itself only where it lists the cart
 * (re-rendering a product page would reset what the visitor typed).
 * @param {import('./layout.js').ShopContext} ctx @param {Route} route
 */
export function refreshPage(ctx, route) {
  if (route.page === 'cart' || route.page === 'checkout') element('app').innerHTML = String(mainView(ctx, route));
  const count = document.querySelector('[data-cart-count]');
  if (count) count.textContent = String(cartCount());
}

/**
 * Tells the integration which page was viewed: once per visit of a page, never on a refresh.
 * @param {import('./controller.js').Integration} integration @param {Route} route
 */
export function reportView(integration, route) {
  const product = findProduct(route.id);
  const order = readOrder(route.id);
  if (route.page === 'catalogue') integration.listViewed?.();
  else if (route.page === 'product' && product) integration.productViewed?.(product);
  else if (route.page === 'cart') integration.cartViewed?.(cartLines());
  else if (route.page === 'checkout') integration.checkoutStarted?.(cartLines());
  else if (route.page === 'order' && order) integration.orderViewed?.(order);
}
