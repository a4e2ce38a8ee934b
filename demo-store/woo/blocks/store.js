// What the stand-in block scripts share, as WooCommerce's `woocommerce` Interactivity API store holds it
// (plugins/woocommerce/client/blocks/assets/js/base/stores/woocommerce/cart.ts): the state the page carries
// (`cart`, `nonce`, `restUrl`), Store API calls with the `Nonce` header, and the one signal other scripts get,
// `wc-blocks_store_sync_required` on window.

const data = JSON.parse(document.getElementById('wp-script-module-data-@wordpress/interactivity')?.textContent || '{}');

/** @type {{ cart: any, nonce: string, restUrl: string }} */
export const state = data.state?.woocommerce ?? { cart: { items: [] }, nonce: '', restUrl: '/wp-json/' };

/** A Store API route's URL under `restUrl` (`http://host/wp-json/` or `http://host/?rest_route=/`). @param {string} route */
export const storeApiUrl = (route) => `${state.restUrl}${route.replace(/^\//, '')}`;

/** POSTs JSON to the Store API with the nonce (cart.ts sends it as `Nonce`). @param {string} route @param {unknown} body */
export async function postToStoreApi(route, body) {
  const response = await fetch(storeApiUrl(route), {
    method: 'POST',
    cache: 'no-store',
    headers: { 'Content-Type': 'application/json', Nonce: state.nonce },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** The cart the server answered becomes the page's; the header's badge follows. @param {any} cart */
export function receiveCart(cart) {
  state.cart = cart;
  for (const badge of document.querySelectorAll('.wc-block-mini-cart__badge')) badge.textContent = String(cart.items_count);
}

/**
 * The event WooCommerce dispatches on window after a cart change: `{ type: 'from_iAPI', quantityChanges }` from the
 * Interactivity API stores (cart.ts emitSyncEvent), `{ type: 'from_@wordpress/data' }` from the Cart block's data
 * store (client/blocks/assets/js/data/cart/index.ts). No product or quantity in it.
 * @param {Record<string, unknown>} detail
 */
export const announceSync = (detail) => window.dispatchEvent(new CustomEvent('wc-blocks_store_sync_required', { detail }));

/** A notice above the block, as the store-notices block shows one. @param {string} message @param {'error' | 'success'} type */
export function showNotice(message, type = 'error') {
  const holder = document.querySelector('.wc-block-components-notices');
  if (!holder) return;
  const notice = document.createElement('div');
  notice.className = `wc-block-components-notice-banner is-${type}`;
  notice.setAttribute('role', type === 'error' ? 'alert' : 'status');
  // Store API messages are HTML with entities (&quot;…); the text they read as.
  notice.textContent = new DOMParser().parseFromString(message, 'text/html').body.textContent ?? message;
  holder.replaceChildren(notice);
}

/** `24,00 €` from a Store API money string and its currency fields. @param {string} amount @param {any} currency */
export function formatMoney(amount, currency) {
  const [whole, fraction = ''] = (Number(amount) / 10 ** currency.currency_minor_unit).toFixed(currency.currency_minor_unit).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, currency.currency_thousand_separator);
  return `${currency.currency_prefix}${grouped}${fraction ? currency.currency_decimal_separator + fraction : ''}${currency.currency_suffix}`;
}
