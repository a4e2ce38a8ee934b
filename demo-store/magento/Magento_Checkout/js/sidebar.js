// Stand-in for the minicart: Magento_Checkout/js/view/minicart.js and its Knockout templates (rendered here from the
// customer-data `cart` section, HTML names as Knockout's `html` binding shows them) and Magento_Checkout/js/sidebar.js
// (app/code/Magento/Checkout/view/frontend/web/js/), written for the demo from their behaviour: a line's Remove posts
// `item_id` to `checkout/sidebar/removeItem` and triggers `ajax:removeFromCart` with the line's parent `product_id`;
// Update posts `item_id`, `item_qty` to `checkout/sidebar/updateItemQty` and triggers `ajax:updateCartItemQty`, with
// nothing. customer-data reloads the section after each (sections.xml). No confirmation modal before a removal.
/* global jQuery */
(($) => {
  window.mageStandIn.define('Magento_Checkout/js/sidebar', (options, element) => {
    const cart = window.mageStandIn.customerData.get('cart');
    const $root = $(element);
    const render = (section) => {
      const items = Array.isArray(section?.items) ? section.items : [];
      const count = Number(section?.summary_count ?? 0);
      $root
        .find('.counter.qty')
        .toggleClass('empty', !count)
        .find('.counter-number')
        .text(count || '');
      const $wrapper = $root.find('#minicart-content-wrapper').empty();
      if (!items.length) return void $wrapper.append('<strong class="subtitle empty">You have no items in your shopping cart.</strong>');
      const $list = $('<ol id="mini-cart" class="minicart-items"></ol>');
      for (const item of items) {
        const $item = $('<li class="item product product-item" data-role="product-item"><div class="product-item-details"></div></li>');
        const $details = $item.find('.product-item-details');
        $details.append(
          $('<strong class="product-item-name"></strong>').append($('<a></a>').attr('href', item.product_url).html(item.product_name)),
        );
        for (const option of item.options ?? [])
          $details.append($('<div class="product options"></div>').text(`${option.label}: ${option.value}`));
        $details.append($('<div class="product-item-pricing"></div>').html(item.product_price));
        const $qty = $('<div class="details-qty qty"><label class="label">Qty</label></div>');
        $qty.append(
          $('<input type="number" class="item-qty cart-item-qty">')
            .attr({ 'data-cart-item': item.item_id, 'data-item-qty': item.qty, 'data-cart-item-id': item.product_sku })
            .val(item.qty),
          $('<button class="update-cart-item">Update</button>').attr({ 'data-cart-item': item.item_id, title: 'Update' }),
        );
        $details.append($qty);
        $details.append(
          $('<div class="product actions"></div>').append(
            $('<a href="#" class="action delete" title="Remove item">Remove</a>').attr('data-cart-item', item.item_id),
          ),
        );
        $list.append($item);
      }
      $wrapper.append(`<div class="items-total"><span class="count">${count}</span> Items in Cart</div>`, $list);
    };
    render(cart.current());
    cart.subscribe(render);

    const formKey = () => $('input[name="form_key"]').val() ?? '';
    const post = (url, data, after) =>
      $.ajax({ url, data: { ...data, form_key: formKey() }, type: 'post', dataType: 'json' }).done((response) => {
        if (response?.success) after();
        else if (response?.error_message) window.alert(response.error_message);
      });
    $root.on('click', '.action.delete', function remove(event) {
      event.preventDefault();
      const itemId = String($(this).data('cartItem'));
      const line = (cart.current()?.items ?? []).find((item) => item.item_id === itemId);
      post(options.url.remove, { item_id: itemId }, () => {
        if (line) $(document).trigger('ajax:removeFromCart', { productIds: [line.product_id], productInfo: [{ id: line.product_id }] });
      });
    });
    $root.on('click', '.update-cart-item', function updateQty(event) {
      event.preventDefault();
      const itemId = String($(this).data('cartItem'));
      const qty = $root.find(`input.cart-item-qty[data-cart-item="${itemId}"]`).val();
      post(options.url.update, { item_id: itemId, item_qty: qty }, () => $(document).trigger('ajax:updateCartItemQty'));
    });
  });
})(jQuery);
