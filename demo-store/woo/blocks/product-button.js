// Stand-in for the Product Button block's add to cart (client/blocks/assets/js/atomic/blocks/product-elements/button/
// frontend.ts through the `woocommerce` store's cart.ts and mutation-batcher.ts), written for the demo: the add
// goes to the Store API's batch route as one `cart/add-item` request carrying its own headers; the answer is a
// 207 whose one response holds the cart, or the refusal (a 400 inside a successful batch). After it,
// `wc-blocks_store_sync_required` on window, and on success `wc-blocks_added_to_cart` on body
// (client/blocks/assets/js/base/utils/legacy-events.ts triggerAddedToCartEvent). No jQuery.
import { announceSync, postToStoreApi, receiveCart, showNotice, state } from './store.js';

document.addEventListener('click', async (event) => {
  const button = /** @type {Element} */ (event.target).closest('[data-wc-on--click="actions.addToCart"]');
  if (!(button instanceof HTMLElement)) return;
  event.preventDefault();
  const context = JSON.parse(button.closest('[data-wc-context]')?.getAttribute('data-wc-context') ?? '{}');
  button.classList.add('loading');
  const request = {
    path: '/wc/store/v1/cart/add-item',
    method: 'POST',
    headers: { Nonce: state.nonce, 'Content-Type': 'application/json' },
    body: { id: context.productId, quantity: context.quantityToAdd ?? 1 },
  };
  let added = false;
  try {
    const answer = await postToStoreApi('/wc/store/v1/batch', { requests: [request] });
    const [result] = answer.body?.responses ?? [];
    if (answer.status < 300 && result && result.status >= 200 && result.status < 300) {
      receiveCart(result.body);
      added = true;
    } else {
      showNotice(result?.body?.message ?? 'Something went wrong. Please contact us to get assistance.');
    }
  } catch {
    showNotice('Unable to add this product to the cart.');
  } finally {
    button.classList.remove('loading');
  }
  announceSync({ type: 'from_iAPI', quantityChanges: added ? { productsPendingAdd: [context.productId] } : {} });
  if (!added) return;
  button.classList.add('added');
  const viewCart = button.parentElement?.querySelector('.added_to_cart')?.parentElement;
  if (viewCart) viewCart.hidden = false;
  document.body.dispatchEvent(
    new CustomEvent('wc-blocks_added_to_cart', { bubbles: true, cancelable: true, detail: { preserveCartData: true } }),
  );
});
