// The frame around every page: the demo bar (variant switch, dashboard link), header and footer.
import { SHOP_NAME } from './catalog.js';
import { html } from './html.js';

/**
 * @typedef {{
 *   variant: 'script-tag' | 'spa' | 'gtm' | 'hosted',
 *   tagged: boolean,
 *   routes: Routes,
 *   dashboardUrl: string,
 *   checkoutAction?: string,
 * }} ShopContext
 *   `tagged`: render the SDK's data attributes (script-tag and hosted variants). `checkoutAction`: the
 *   shop server's URL the checkout form posts to (hosted variant); without it the shop's script places the order.
 * @typedef {{ home: string, cart: string, checkout: string, product: (id: string) => string, order: (id: string) => string }} Routes
 */

const VARIANTS = [
  { id: 'script-tag', label: 'Script tag + data attributes', href: '/' },
  { id: 'spa', label: 'Single-page app + npm', href: '/spa/' },
  { id: 'gtm', label: 'GTM dataLayer', href: '/gtm/' },
  { id: 'hosted', label: 'Hosted payment + server', href: '/hosted/' },
  // A store of its own (server-rendered, demo-store/server/woo-store.mjs): the script tag alone on WooCommerce.
  { id: 'woo', label: 'WooCommerce (stand-in)', href: '/woo/' },
];

/** Routes of the multi-page variants, under `base` ('/', '/gtm/' or '/hosted/'). @param {string} base @returns {Routes} */
export const pageRoutes = (base) => ({
  home: base,
  cart: `${base}cart.html`,
  checkout: `${base}checkout.html`,
  product: (id) => `${base}product.html?id=${encodeURIComponent(id)}`,
  order: (id) => `${base}order.html?id=${encodeURIComponent(id)}`,
});

const LOGO_MARK = html`<svg class="logo-mark" viewBox="0 0 32 32" aria-hidden="true">
  <circle cx="16" cy="16" r="15" fill="#2b1d14"/>
  <g transform="rotate(32 16 16)"><ellipse cx="16" cy="16" rx="6.5" ry="9.5" fill="#e9b872"/>
  <path d="M16 7.5q-4 8.5 0 17" stroke="#2b1d14" stroke-width="1.8" fill="none"/></g></svg>`;

/** @param {ShopContext} ctx @param {number} count items in the cart */
export function headerView(ctx, count) {
  const variants = VARIANTS.map(
    (v) => html`<a href="${v.href}" class="${v.id === ctx.variant ? 'active' : ''}" data-variant="${v.id}">${v.label}</a>`,
  );
  return html`
  <div class="demo-bar">
    <span class="demo-note"><strong>Demo store.</strong> Events go to a local Alhena sandbox.</span>
    <nav class="variants" aria-label="Integration variant">${variants}</nav>
    <a class="dashboard-link" href="${ctx.dashboardUrl}" target="alhena-dashboard">Open dashboard ↗</a>
  </div>
  <header class="site-header">
    <a class="logo" href="${ctx.routes.home}" data-link>${LOGO_MARK}<span>${SHOP_NAME}</span></a>
    <nav class="site-nav">
      <a href="${ctx.routes.home}" data-link>Shop</a>
      <a href="${ctx.routes.cart}" class="cart-link" data-link>Cart <span class="cart-count" data-cart-count>${count}</span></a>
    </nav>
  </header>`;
}

/** This page's address with `alhena-inspect` added: the SDK opens its inspector panel (README, Is it working?). */
const inspectHref = () => `${location.pathname}${location.search ? `${location.search}&` : '?'}alhena-inspect${location.hash}`;

export const footerView = () => html`
  <footer class="site-footer">
    <p>${SHOP_NAME} is a demo of <code>@alhena/cart-events</code>. Nothing is for sale and no payment is taken.
      <a class="inspect-link" href="${inspectHref()}">Inspect</a> what the SDK captured, sent and heard back.</p>
  </footer>`;
