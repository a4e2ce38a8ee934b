// A stand-in for a Cornerstone theme bundle with stencil-utils inside, written for the demo from what they do
// (bigcommerce/cornerstone assets/js/app.js, theme/common/product-details.js, theme/cart.js; bigcommerce/stencil-utils
// src/api/cart.js, src/lib/request.js, src/bodl/emitters/cart.js, src/bodl/helpers.js). None of their code is here.
// - The product form `form[data-cart-item-add]` is posted with `fetch` to /remote/v1/cart/add as FormData
//   (product-details.js addProductToCart → utils.api.cart.itemAdd); a refused add answers `data.error`, shown in an
//   alert (showAlertModal). BODL's add event is emitted whatever the answer, with an empty payload for a refusal
//   (emitters/cart.js preparePayload returns {} when `response.data.error`).
// - The cart page's +/− buttons (`[data-cart-update]`, data-action inc/dec) and `.cart-remove` call
//   /remote/v1/cart/update with `{ items: [{ id, quantity }] }` (cart.js cartUpdate, cartRemoveItem → itemUpdate,
//   itemRemove with quantity 0), then refresh the cart's content. BODL's remove event only for a quantity of 0
//   and only while lines remain (emitters/cart.js shouldEmitRemoveItem); nothing for other quantity changes.
// - Like the theme bundle, it defines `window.stencilBootstrap(pageType, contextJSON, loadGlobal)` (app.js), which
//   the page calls at the end of its body.
(() => {
  const bodl = () => window.bodlEvents;

  /** stencil-utils' remote request (src/lib/request.js): same origin, its own headers, the JSON answer. */
  function remote(path, body, json) {
    const headers = { 'X-Requested-With': 'stencil-utils', 'stencil-config': '{}' };
    if (json) headers['Content-Type'] = 'application/json';
    return fetch(`/remote/v1${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: json ? JSON.stringify(body) : body,
    }).then((response) => response.json());
  }

  /** BODL's cart payload from the answer's data; {} for a refusal (emitters/cart.js preparePayload). */
  function payloadOf(response) {
    const data = response?.data ?? {};
    if (data.error) return {};
    return { channel_id: data.channel_id, currency: data.currency, cart_value: data.cart_value, line_items: data.line_items };
  }

  const cartApi = {
    itemAdd: (formData) =>
      remote('/cart/add', formData, false).then((response) => {
        const events = bodl();
        events?.cart.emit(events.AddCartItemEvent.CREATE, payloadOf(response));
        return response;
      }),
    itemUpdate: (itemId, quantity) =>
      remote('/cart/update', { items: [{ id: itemId, quantity }] }, true).then((response) => {
        const events = bodl();
        const lines = response?.data?.line_items;
        if (events && quantity === 0 && lines?.length > 0) events.cart.emit(events.RemoveCartItemEvent.CREATE, payloadOf(response));
        return response;
      }),
    itemRemove: (itemId) => cartApi.itemUpdate(itemId, 0),
  };

  /** The header's count pill (Cornerstone's `cart-quantity-update`). */
  function setCount(lines) {
    if (!lines) return;
    const count = lines.reduce((n, line) => n + line.quantity, 0);
    for (const pill of document.querySelectorAll('.navUser-item--cart .countPill')) {
      pill.textContent = String(count);
      pill.classList.toggle('countPill--positive', count > 0);
    }
  }

  /** An alert (showAlertModal) or the "added" preview, replacing the last one. */
  function showModal(kind, text) {
    document.querySelector('.modal-stand-in')?.remove();
    const modal = document.createElement('div');
    modal.className = `modal-stand-in ${kind === 'error' ? 'alert-modal' : 'previewCart'}`;
    modal.setAttribute('role', kind === 'error' ? 'alertdialog' : 'status');
    modal.textContent = text;
    document.body.appendChild(modal);
  }

  const busy = (on) => (on ? document.body.setAttribute('data-cart-busy', 'true') : document.body.removeAttribute('data-cart-busy'));

  /** product-details.js: the form's submit, by AJAX. */
  function bindProductForms() {
    document.addEventListener('submit', (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-cart-item-add')) return;
      event.preventDefault();
      const button = form.querySelector('[type="submit"]');
      if (button) button.disabled = true;
      busy(true);
      cartApi
        .itemAdd(new FormData(form))
        .then((response) => {
          const data = response.data ?? {};
          if (data.error) return showModal('error', data.error);
          setCount(data.line_items);
          showModal('added', 'Ok, the item was added to your cart.');
        })
        .catch(() => showModal('error', 'An error occurred.'))
        .then(() => {
          if (button) button.disabled = false;
          busy(false);
        });
    });
  }

  /** cart.js refreshContent: the cart's content again, as the server renders it. */
  const refreshContent = () =>
    fetch('/cart.php?partial=content', { credentials: 'same-origin' })
      .then((response) => response.text())
      .then((markup) => {
        const holder = document.querySelector('[data-cart-content]');
        if (holder) holder.innerHTML = markup;
      });

  function updateThen(request) {
    busy(true);
    return request
      .then((response) => {
        const data = response?.data ?? {};
        if (data.error) showModal('error', data.error);
        else setCount(data.line_items);
        return refreshContent();
      })
      .then(() => busy(false));
  }

  /** cart.js: +/− and the remove link, by AJAX. */
  function bindCart() {
    document.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const update = target?.closest('[data-cart-update]');
      const remove = target?.closest('.cart-remove');
      if (update) {
        event.preventDefault();
        const id = update.getAttribute('data-cart-itemid');
        const input = document.getElementById(`qty-${id}`);
        const quantity = Number(input?.value) + (update.getAttribute('data-action') === 'inc' ? 1 : -1);
        if (quantity < 1) return showModal('error', 'The minimum purchasable quantity is 1');
        updateThen(cartApi.itemUpdate(id, quantity));
      } else if (remove) {
        event.preventDefault();
        updateThen(cartApi.itemRemove(remove.getAttribute('data-cart-itemid')));
      }
    });
  }

  window.stencilBootstrap = (pageType) => ({
    load() {
      bindProductForms();
      if (pageType === 'cart') bindCart();
    },
  });
})();
