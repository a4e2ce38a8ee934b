// A stand-in for BigCommerce's BODL (Big Open Data Layer) script, written for the demo: `window.bodlEvents` with
// the consumer API the BigCommerce docs give ("Big Open Data Layer": `cart.addItem(cb)`, `cart.removeItem(cb)`,
// `checkout.orderPurchased(cb)`) and the emitter stencil-utils and the checkout call (stencil-utils
// src/bodl/emitters/cart.js: `bodlEvents.cart.emit(AddCartItemEvent.CREATE, payload)`; src/bodl/helpers.js names
// the events). A subscriber hears what is emitted after it subscribed; what it throws stays its own.
(() => {
  var subscribers = {};
  function subscribe(name) {
    return (heard) => {
      if (typeof heard === 'function') subscribers[name] = (subscribers[name] || []).concat(heard);
    };
  }
  function emit(name, payload) {
    (subscribers[name] || []).slice().forEach((heard) => {
      try {
        heard(payload);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    });
  }
  window.bodlEvents = {
    AddCartItemEvent: { CREATE: 'create_add_cart_item' },
    RemoveCartItemEvent: { CREATE: 'create_remove_cart_item' },
    cart: { addItem: subscribe('create_add_cart_item'), removeItem: subscribe('create_remove_cart_item'), emit: emit },
    checkout: { orderPurchased: subscribe('bodl_v1_order_purchased'), emit: emit },
  };
})();
