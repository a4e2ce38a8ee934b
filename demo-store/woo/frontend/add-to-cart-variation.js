// Stand-in for WooCommerce's add-to-cart-variation.js (plugins/woocommerce/client/legacy/js/frontend/
// add-to-cart-variation.js), written for the demo: choosing the attributes of a `form.variations_form` finds the
// variation in `data-product_variations`, sets `input.variation_id` and triggers `found_variation [variation]`
// and `show_variation` on the form; an incomplete choice empties it and disables the button. The form itself
// still posts with a full page load. (WooCommerce alerts on a click without a choice; the stand-in writes the
// message into the form instead, as a dialog would block the browser drivers.)
/* global jQuery */
jQuery(($) => {
  const params = window.wc_add_to_cart_variation_params ?? {};
  $('.variations_form').each((_index, element) => {
    const $form = $(element);
    /** @type {{ variation_id: number, attributes: Record<string, string>, price_html: string }[]} */
    const variations = $form.data('product_variations') || [];
    const $selects = $form.find('.variations select');
    const $button = $form.find('.single_add_to_cart_button');
    const $shown = $form.find('.single_variation');

    const chosen = () => {
      /** @type {Record<string, string>} */ const attributes = {};
      $selects.each((_i, select) => {
        attributes[$(select).data('attribute_name') || select.getAttribute('name')] = String($(select).val() ?? '');
      });
      return attributes;
    };
    const matching = (/** @type {Record<string, string>} */ attributes) =>
      variations.find((v) => Object.entries(v.attributes).every(([name, value]) => !value || value === attributes[name]));

    function check() {
      const attributes = chosen();
      const variation = Object.values(attributes).every(Boolean) ? matching(attributes) : undefined;
      if (variation) {
        $form.find('input.variation_id').val(variation.variation_id).trigger('change');
        $shown.html(variation.price_html);
        $button.removeClass('disabled wc-variation-selection-needed');
        $form.trigger('found_variation', [variation]).trigger('show_variation', [variation, true]);
      } else {
        $form.find('input.variation_id').val('').trigger('change');
        $shown.empty();
        $button.addClass('disabled wc-variation-selection-needed');
        $form.trigger('reset_data').trigger('hide_variation');
      }
    }

    $form.on('change', '.variations select', () => {
      $form.trigger('woocommerce_variation_select_change');
      check();
      $form.trigger('woocommerce_variation_has_changed');
    });
    $form.on('click', '.reset_variations', (event) => {
      event.preventDefault();
      $selects.val('');
      check();
    });
    $form.on('click', '.single_add_to_cart_button', (event) => {
      if (!$button.is('.disabled')) return;
      event.preventDefault();
      $shown.text(params.i18n_make_a_selection_text ?? 'Please select some product options.');
    });
    check();
    $form.trigger('wc_variation_form');
  });
});
