// The hosted checkout's thank-you page. The order lives on the shop's server, which reported it to Alhena
// when the payment provider's webhook confirmed the payment; this page reports nothing (no
// data-alhena-order markup, and the script tag's data-orders-from="server").
import { clearCart } from './cart-store.js';
import { html } from './html.js';
import { orderView } from './views.js';

/** @typedef {import('./orders.js').Order & { state: 'pending' | 'paid' }} HostedOrder */

/** What the page shows until the shop's server has answered. */
export const loadingOrderView = () => html`<section class="empty"><h1>Your order</h1><p>Loading…</p></section>`;

/** @param {string | undefined} id @returns {Promise<HostedOrder | undefined>} */
async function fetchOrder(id) {
  if (!id) return undefined;
  try {
    const answer = await fetch(`/hosted/orders/${encodeURIComponent(id)}`, { cache: 'no-store' });
    return answer.ok ? await answer.json() : undefined;
  } catch {
    return undefined;
  }
}

/** @param {import('./layout.js').ShopContext} ctx @param {HostedOrder} order */
const pendingView = (ctx, order) =>
  html`<section class="empty"><h1>Waiting for your payment</h1>
    <p>The payment provider has not confirmed order <strong data-order-id>${order.id}</strong> yet.</p>
    <a class="btn" href="${ctx.routes.checkout}" data-link>Back to checkout</a></section>`;

const HOW_REPORTED = html`<p class="demo-payment reported-by" data-reported-by="server">Paid on the payment provider’s page. The shop’s
  server reported this order to Alhena when the provider’s webhook came in (<code>@alhena/cart-events/server</code>);
  this page reports nothing.</p>`;

/**
 * Shows the order the shop's server holds; once it is paid, empties the shop's cart and the SDK's record of
 * it (`syncCart([])` sends nothing), as a browser-reported checkout would have.
 * @param {import('./layout.js').ShopContext} ctx @param {string | undefined} id @param {() => void} refresh
 */
export async function showHostedOrder(ctx, id, refresh) {
  const order = await fetchOrder(id);
  if (order?.state === 'paid') {
    clearCart();
    const w = /** @type {any} */ (window);
    w.alhenaCart = w.alhenaCart || [];
    w.alhenaCart.push(['syncCart', []]);
  }
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));
  const view =
    order?.state === 'pending' ? pendingView(ctx, order) : html`${orderView({ ...ctx, tagged: false }, order)}${order ? HOW_REPORTED : ''}`;
  app.innerHTML = String(view);
  refresh();
}
