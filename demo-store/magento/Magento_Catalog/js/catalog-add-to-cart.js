// Stand-in for Magento_Catalog/js/catalog-add-to-cart.js (app/code/Magento/Catalog/view/frontend/web/js/), written for
// the demo from its behaviour: a product form's submit is posted with jQuery's AJAX (FormData, `dataType: 'json'`) to
// its action; on an answer, `ajax:addToCart` is triggered on document with `{ sku, productIds, productInfo, form,
// response }`, also when the store refused the add; a `backUrl` sends the shopper there; `product.statusText` marks
// the product out of stock; a failed request triggers `ajax:addToCart:error`. The minicart follows customer-data.
/* global jQuery */
(($) => {
  window.mageStandIn.define('Magento_Catalog/js/catalog-add-to-cart', (_options, element) => {
    const $form = $(element);
    $form.on('submit', (event) => {
      event.preventDefault();
      const form = /** @type {HTMLFormElement} */ (element);
      if (!form.checkValidity()) return void form.reportValidity();
      const $button = $form.find('.action.tocart');
      const productIds = [String(form.elements.namedItem('product')?.value ?? '')];
      const eventData = () => ({ sku: $form.data('productSku'), productIds, productInfo: productIds.map((id) => ({ id })), form: $form });
      $button.addClass('disabled').prop('disabled', true).find('span').text('Adding...');
      $.ajax({
        url: form.action,
        data: new FormData(form),
        type: 'post',
        dataType: 'json',
        cache: false,
        contentType: false,
        processData: false,
        success(response) {
          $(document).trigger('ajax:addToCart', { ...eventData(), response });
          if (response?.backUrl) {
            window.location = response.backUrl;
            return;
          }
          if (response?.product?.statusText) {
            $form
              .closest('.product-item-info, .product-info-main')
              .find('.stock')
              .removeClass('available')
              .addClass('unavailable')
              .find('span')
              .text(response.product.statusText);
          }
          $button
            .removeClass('disabled')
            .prop('disabled', false)
            .find('span')
            .text(response?.product ? 'Add to Cart' : 'Added');
        },
        error(xhr) {
          $(document).trigger('ajax:addToCart:error', { ...eventData(), response: xhr.responseJSON });
          $button.removeClass('disabled').prop('disabled', false).find('span').text('Add to Cart');
        },
      });
    });
  });
})(jQuery);
