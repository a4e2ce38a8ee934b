// A stand-in for the classic theme's theme.js, written for this demo (no PrestaShop code): the cart page's
// behaviour from PrestaShop/classic-theme _dev/js/cart.js (2.x) and the add's error display.
// - TouchSpin's up/down (handleCartAction): POST `{ ajax: 1, action: 'update' }` to the quantity input's
//   `data-up-url` / `data-down-url`, the input set to the answer's `quantity`, then `updateCart` with the input's
//   dataset as `reason` and the answer as `resp`.
// - The remove link `[data-link-action="delete-from-cart"]`: the same POST to its href, `reason` its dataset.
// - A quantity typed in `.js-cart-line-product-quantity` is applied on Enter or when the field loses focus
//   (updateProductQuantityInCart): the difference from its `value` attribute as `qty` with `op` up or down, to its
//   `data-update-url`; `reason` is then the answer itself (a jQuery object has no dataset); 0 clicks remove.
// - The errors of an update (checkUpdateOperation) and of a refused add (`handleError`, eventType
//   `addProductToCart`) shown in the notifications, for the shopper.
(() => {
  const prestashop = window.prestashop;
  const LINE_QUANTITY = '.js-cart-line-product-quantity';

  function send(url, data, reasonOf, input) {
    prestashop.demoPost(
      url,
      data,
      (resp) => {
        if (input) input.value = resp.quantity;
        showErrors(resp.errors); // an update the stock refuses: its message, beside the unchanged cart
        // The classic theme before 1.7.6 emitted the reason alone (the demo's `demo-classic=1.7.5`).
        if (document.body.dataset.demoClassic === '1.7.5') prestashop.emit('updateCart', { reason: reasonOf(resp) });
        else prestashop.emit('updateCart', { reason: reasonOf(resp), resp: resp });
      },
      (resp) => {
        prestashop.emit('handleError', { eventType: 'updateProductInCart', resp: resp });
      },
    );
  }

  function handleCartAction(event) {
    const spin = event.target.closest('.bootstrap-touchspin-up, .bootstrap-touchspin-down');
    const remove = event.target.closest('[data-link-action="delete-from-cart"]');
    if (spin) {
      const input = spin.closest('.bootstrap-touchspin').querySelector(LINE_QUANTITY);
      const up = spin.classList.contains('bootstrap-touchspin-up');
      event.preventDefault();
      send(input.getAttribute(up ? 'data-up-url' : 'data-down-url'), { ajax: '1', action: 'update' }, () => input.dataset, input);
    } else if (remove) {
      event.preventDefault();
      send(remove.getAttribute('href'), { ajax: '1', action: 'update' }, () => remove.dataset);
    }
  }

  function updateProductQuantityInCart(input) {
    const baseValue = input.getAttribute('value');
    const targetValue = input.value;
    if (String(parseInt(targetValue, 10)) !== targetValue || Number(targetValue) < 0) {
      input.value = baseValue;
      return;
    }
    const qty = Number(targetValue) - Number(baseValue);
    if (qty === 0) return;
    if (targetValue === '0') {
      input.closest('.product-line-actions').querySelector('[data-link-action="delete-from-cart"]').click();
      return;
    }
    input.setAttribute('value', targetValue);
    const data = { ajax: '1', qty: String(Math.abs(qty)), action: 'update', op: qty > 0 ? 'up' : 'down' };
    send(input.getAttribute('data-update-url'), data, (resp) => resp, input);
  }

  /** The danger alert in the notifications (CheckUpdateQuantityOperations.switchErrorStat), empty errors clear it. */
  function showErrors(errors) {
    const text = [].concat(errors || []).join(' ');
    const container = document.querySelector('#notifications .notifications-container');
    if (!container) return;
    container.innerHTML = text ? '<article class="alert alert-danger" role="alert" data-alert="danger"><ul><li></li></ul></article>' : '';
    if (text) container.querySelector('li').textContent = text;
  }

  function showAddError(event) {
    if (event.eventType === 'addProductToCart') showErrors(event.resp?.errors || ['An error occurred while processing your request']);
  }

  document.body.addEventListener('click', handleCartAction);
  document.body.addEventListener('keyup', (event) => {
    if (event.target.matches?.(LINE_QUANTITY) && event.key === 'Enter') updateProductQuantityInCart(event.target);
  });
  document.body.addEventListener('focusout', (event) => {
    if (event.target.matches?.(LINE_QUANTITY)) updateProductQuantityInCart(event.target);
  });
  prestashop.on('handleError', showAddError);
})();
