// Stand-in for WooCommerce's cart.js (plugins/woocommerce/client/legacy/js/frontend/cart.js), written for the
// demo: "Update cart" posts the cart form in the background and a line's × gets its remove link in the
// background; either way the answer's cart form and totals replace the page's, and jQuery triggers
// `updated_cart_totals` and `updated_wc_div` on document.body (`wc_cart_emptied` when nothing is left). Neither
// says which line changed, and a removal here never triggers `removed_from_cart`.
/* global jQuery */
jQuery(($) => {
  if (!window.wc_cart_params) return;
  const $body = $(document.body);
  const NOTICES = '.woocommerce-error, .woocommerce-message, .woocommerce-info';
  const updateButton = () => $('.woocommerce-cart-form :input[name="update_cart"]');

  /** Replaces the cart form and totals with the ones in a cart page's HTML (cart.js update_wc_div). @param {string} page */
  function swapCart(page) {
    const $page = $('<div>').append($.parseHTML(page));
    if ($('.woocommerce-cart-form').length === 0) return window.location.reload();
    $(NOTICES).remove();
    const $notices = $page.find(NOTICES);
    const $form = $page.find('.woocommerce-cart-form');
    if ($form.length === 0) {
      $('.woocommerce-cart-form__contents')
        .closest('.woocommerce')
        .replaceWith($page.find('.wc-empty-cart-message').closest('.woocommerce'));
      $body.trigger('wc_cart_emptied');
    } else {
      $('.woocommerce-cart-form').replaceWith($form);
      updateButton().prop('disabled', true);
      $('.woocommerce-notices-wrapper').first().prepend($notices);
      $('.cart_totals').replaceWith($page.find('.cart_totals'));
      $body.trigger('updated_cart_totals');
    }
    $body.trigger('updated_wc_div');
  }

  const busy = (/** @type {boolean} */ on) => $('.woocommerce-cart-form, div.cart_totals').toggleClass('processing', on);

  /** @param {JQuery.AjaxSettings} request */
  const request = (request) => {
    busy(true);
    $.ajax({ ...request, dataType: 'html', success: swapCart, complete: () => busy(false) });
  };

  // Which submit button sent the form: only "Update cart" (or Enter in a quantity) is handled here.
  let submitter = '';
  $(document).on('click', '.woocommerce-cart-form :input[type=submit]', function remember() {
    submitter = this.name;
  });
  $(document).on('change input', '.woocommerce-cart-form .cart_item :input', () => updateButton().prop('disabled', false));
  $(document).on('submit', '.woocommerce-cart-form', function onSubmit(event) {
    const viaQuantity = $(document.activeElement).is('input.qty');
    if (submitter !== 'update_cart' && !viaQuantity) return;
    event.preventDefault();
    submitter = '';
    if ($(this).is('.processing')) return;
    const $form = $(this);
    request({ type: $form.attr('method'), url: $form.attr('action'), data: `${$form.serialize()}&update_cart=Update+Cart` });
  });
  $(document).on('click', '.woocommerce-cart-form .product-remove > a', function onRemove(event) {
    event.preventDefault();
    request({ type: 'GET', url: $(this).attr('href') });
  });

  updateButton().prop('disabled', true);
});
