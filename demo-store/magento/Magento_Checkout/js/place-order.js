// Stand-in for the checkout's last step: Magento_Checkout/js/action/place-order.js (POST to the REST API's
// `guest-carts/{masked id}/payment-information`, which answers the order id) and redirect-on-success.js (then
// `window.checkoutConfig.defaultSuccessPageUrl`), written for the demo from their behaviour. The request is in
// sections.xml, so customer-data reloads the `cart` section, now empty, and here that reload ends before the
// success page is asked for, as it often does on a real store.
/* global jQuery */
(($) => {
  window.mageStandIn.define('Magento_Checkout/js/place-order', (_options, element) => {
    const config = window.checkoutConfig;
    $(element).on('click', '#place-order', (event) => {
      event.preventDefault();
      $(event.currentTarget).prop('disabled', true);
      const cart = window.mageStandIn.customerData.get('cart');
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        window.location.replace(config.defaultSuccessPageUrl);
      };
      $.ajax({
        url: `${window.BASE_URL}rest/${config.storeCode}/V1/guest-carts/${config.quoteData.entity_id}/payment-information`,
        type: 'post',
        contentType: 'application/json',
        dataType: 'json',
        data: JSON.stringify({ cartId: config.quoteData.entity_id, email: 'guest@example.com', paymentMethod: { method: 'checkmo' } }),
      }).done(() => {
        cart.subscribe((section) => Number(section?.summary_count ?? 0) === 0 && leave());
        setTimeout(leave, 3000);
      });
    });
  });
})(jQuery);
