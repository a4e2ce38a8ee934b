// A stand-in for PrestaShop's core.js, written for this demo (no PrestaShop code): the parts of
// themes/_core/js/theme.js and cart.js (PrestaShop/PrestaShop, 1.7.6 – 8.x) that the cart depends on.
// - theme.js makes the page's `prestashop` object an EventEmitter by copying EventEmitter.prototype (node's
//   `events`) onto it with a for…in loop: `on` and `emit` exist only once this file has run, at the end of the body.
// - cart.js posts the product form of any `[data-button-action="add-to-cart"]` with `&add=1&action=update` to the
//   form's action (the cart controller) and emits `updateCart` with `reason.cart` and `resp`, or `handleError` with
//   `eventType: 'addProductToCart'` when the answer has `hasError`.
// - cart.js's own `updateCart` listener sets `prestashop.cart = event.reason.cart` (undefined after a cart-page
//   action, whose reason is a dataset), posts to `.js-cart[data-refresh-url]` on the cart page, replaces its
//   fragments and emits `updatedCart`.
// - checkout-delivery.js posts a carrier chosen in `#js-delivery` to its `data-url-update`, replaces the summary with
//   the answer's `preview` (no cart) and emits `updatedDeliveryForm`.
(() => {
  const prestashop = window.prestashop;

  function EventEmitter() {}
  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype.emit = function (name, ...args) {
    const listeners = this._events?.[name];
    if (!listeners) return false;
    listeners.slice().forEach(function (listener) {
      listener.apply(this, args);
    }, this);
    return true;
  };
  EventEmitter.prototype.on = function (name, listener) {
    if (!this._events) this._events = Object.create(null);
    this._events[name] = [...(this._events[name] || []), listener];
    return this;
  };
  EventEmitter.prototype.addListener = EventEmitter.prototype.on;
  EventEmitter.prototype.removeListener = function (name, listener) {
    const listeners = this._events?.[name];
    if (listeners) this._events[name] = listeners.filter((l) => l !== listener);
    return this;
  };
  EventEmitter.prototype.off = EventEmitter.prototype.removeListener;
  // "inherit" EventEmitter (theme.js)
  for (const key in EventEmitter.prototype) prestashop[key] = EventEmitter.prototype[key];

  /** jQuery's $.post as the core uses it: urlencoded, X-Requested-With, the JSON answer. */
  prestashop.demoPost = (url, body, done, fail) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8');
    request.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    request.onload = () => {
      let answer;
      try {
        answer = JSON.parse(request.responseText);
      } catch (_e) {
        return fail?.(request);
      }
      if (request.status >= 400) return fail?.(request);
      done(answer);
    };
    request.onerror = () => {
      if (fail) fail(request);
    };
    request.send(typeof body === 'string' ? body : new URLSearchParams(body).toString());
  };

  function refreshCartPage(event) {
    prestashop.cart = event.reason.cart;
    const cartView = document.querySelector('.js-cart[data-refresh-url]');
    if (!cartView) return;
    const requestData = event?.reason
      ? { id_product_attribute: event.reason.idProductAttribute || '', id_product: event.reason.idProduct || '' }
      : {};
    prestashop.demoPost(
      cartView.getAttribute('data-refresh-url'),
      requestData,
      (resp) => {
        const replace = (selector, markup) => {
          const node = document.querySelector(selector);
          if (node && markup !== undefined) node.outerHTML = markup;
        };
        replace('.cart-detailed-totals', resp.cart_detailed_totals);
        replace('.cart-overview', resp.cart_detailed);
        prestashop.emit('updatedCart', { eventType: 'updateCart', resp: resp });
      },
      (resp) => {
        prestashop.emit('handleError', { eventType: 'updateCart', resp: resp });
      },
    );
  }

  function addToCart(event) {
    const button = event.target.closest?.('[data-button-action="add-to-cart"]');
    if (!button) return;
    event.preventDefault();
    const form = button.closest('form');
    const query = `${new URLSearchParams(new FormData(form)).toString()}&add=1&action=update`;
    prestashop.demoPost(
      form.getAttribute('action'),
      query,
      (resp) => {
        if (!resp.hasError) {
          prestashop.emit('updateCart', {
            reason: {
              idProduct: resp.id_product,
              idProductAttribute: resp.id_product_attribute,
              idCustomization: resp.id_customization,
              linkAction: 'add-to-cart',
              cart: resp.cart,
            },
            resp: resp,
          });
        } else {
          prestashop.emit('handleError', { eventType: 'addProductToCart', resp: resp });
        }
      },
      (resp) => {
        prestashop.emit('handleError', { eventType: 'addProductToCart', resp: resp });
      },
    );
  }

  /** checkout-delivery.js: a carrier chosen is posted to `#js-delivery[data-url-update]`, the summary replaced. */
  function updateDeliveryForm(event) {
    const form = event.target.closest?.('#js-delivery');
    if (!form) return;
    prestashop.demoPost(form.getAttribute('data-url-update'), new URLSearchParams(new FormData(form)).toString(), (resp) => {
      const summary = document.querySelector('#js-checkout-summary');
      if (summary) summary.outerHTML = resp.preview;
      prestashop.emit('updatedDeliveryForm', { dataForm: [...new FormData(form)], deliveryOption: event.target, resp });
    });
  }

  function ready() {
    prestashop.on('updateCart', refreshCartPage);
    document.body.addEventListener('click', addToCart);
    document.body.addEventListener('change', updateDeliveryForm);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
