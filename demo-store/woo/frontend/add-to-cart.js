// Stand-in for WooCommerce's add-to-cart.js (plugins/woocommerce/client/legacy/js/frontend/add-to-cart.js),
// written for the demo from its behaviour: a loop button with `ajax_add_to_cart` posts `?wc-ajax=add_to_cart`;
// an answer `{ error, product_url }` sends the shopper to the product page and a redirect-to-cart store to the
// cart, both without `added_to_cart`; otherwise `added_to_cart` is triggered on document.body with jQuery,
// `[fragments, cart_hash, $button]`. The mini-cart's × posts `?wc-ajax=remove_from_cart` and triggers
// `removed_from_cart`. jQuery's trigger runs jQuery handlers and `document.body.on<type>`, never a DOM event.
/* global jQuery */
jQuery(($) => {
  const params = window.wc_add_to_cart_params;
  if (!params) return;
  const $body = $(document.body);
  const endpoint = (/** @type {string} */ name) => String(params.wc_ajax_url).replace('%%endpoint%%', name);

  // One request at a time, in the order of the clicks.
  let queue = Promise.resolve();
  const enqueue = (/** @type {JQuery.AjaxSettings} */ request) => {
    queue = queue.then(() => new Promise((done) => void $.ajax({ ...request, complete: () => done(undefined) })));
  };

  $body.on('click', '.add_to_cart_button:not(.wc-interactive)', function onAdd(event) {
    const $button = $(this);
    if (!$button.is('.ajax_add_to_cart') || !$button.attr('data-product_id')) return;
    event.preventDefault();
    $button.removeClass('added').addClass('loading');
    if ($body.triggerHandler('should_send_ajax_request.adding_to_cart', [$button]) === false) {
      $body.trigger('ajax_request_not_sent.adding_to_cart', [false, false, $button]);
      return;
    }
    // The button's data: what jQuery stored, then its data-* attributes, which win.
    const data = { ...$button.data(), ...this.dataset };
    $body.trigger('adding_to_cart', [$button, data]);
    enqueue({
      type: 'POST',
      url: endpoint('add_to_cart'),
      data,
      dataType: 'json',
      success(response) {
        if (!response) return;
        if (response.error && response.product_url) {
          window.location = response.product_url;
          return;
        }
        if (params.cart_redirect_after_add === 'yes') {
          window.location = params.cart_url;
          return;
        }
        $body.trigger('added_to_cart', [response.fragments, response.cart_hash, $button]);
      },
    });
  });

  $body.on('click', '.remove_from_cart_button', function onRemove(event) {
    const $button = $(this);
    event.preventDefault();
    $button.closest('.woocommerce-mini-cart-item').addClass('processing');
    const fallback = () => {
      window.location = $button.attr('href');
    };
    enqueue({
      type: 'POST',
      url: endpoint('remove_from_cart'),
      data: { cart_item_key: $button.data('cart_item_key') },
      dataType: 'json',
      success(response) {
        if (!response?.fragments) return fallback();
        $body.trigger('removed_from_cart', [response.fragments, response.cart_hash, $button]);
      },
      error: fallback,
    });
  });

  /** Puts each returned fragment in place of the element its key selects. */
  const applyFragments = (/** @type {Record<string, string> | undefined} */ fragments) => {
    if (!fragments) return;
    $.each(fragments, (selector, markup) => void $(selector).replaceWith(markup));
    $body.trigger('wc_fragments_loaded');
  };

  $body.on('added_to_cart', (_event, fragments, _hash, $button) => {
    if ($button) {
      $button.removeClass('loading').addClass('added');
      if (fragments && !params.is_cart && $button.parent().find('.added_to_cart').length === 0) {
        $button.after(
          $('<a class="added_to_cart wc-forward">')
            .attr({ href: params.cart_url, title: params.i18n_view_cart })
            .text(params.i18n_view_cart),
        );
      }
      $body.trigger('wc_cart_button_updated', [$button]);
    }
    applyFragments(fragments);
  });
  $body.on('removed_from_cart', (_event, fragments) => applyFragments(fragments));
});
