// Stand-in for WooCommerce's cart-fragments.js (plugins/woocommerce/client/legacy/js/frontend/cart-fragments.js),
// written for the demo: the header's mini-cart arrives empty in the page and is filled from
// `?wc-ajax=get_refreshed_fragments` (a POST through window.fetch, as WooCommerce's does), then
// `wc_fragments_refreshed` is triggered on document.body. Refreshed again on `wc_fragment_refresh` and
// `updated_wc_div`, and when a page comes back from the back/forward cache. (WooCommerce may instead reuse
// fragments kept in sessionStorage when the `woocommerce_cart_hash` cookie still matches; this stand-in
// always asks, so every page of the demo makes the same requests.)
/* global jQuery */
jQuery(($) => {
  const params = window.wc_cart_fragments_params;
  if (!params) return;
  const $body = $(document.body);
  const url = String(params.wc_ajax_url).replace('%%endpoint%%', 'get_refreshed_fragments');

  /** @param {{ fragments?: Record<string, string>, cart_hash?: string }} data */
  const remember = (data) => {
    try {
      sessionStorage.setItem(params.fragment_name, JSON.stringify(data.fragments ?? {}));
      sessionStorage.setItem(params.cart_hash_key, data.cart_hash ?? '');
      localStorage.setItem(params.cart_hash_key, data.cart_hash ?? '');
    } catch {
      // Storage off: the fragments are asked for on every page anyway.
    }
  };

  function refresh() {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), Number(params.request_timeout) || 5000);
    window
      .fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
        body: `time=${Date.now()}`,
        signal: timeout.signal,
      })
      .then((response) => {
        clearTimeout(timer);
        if (!response.ok) throw new Error(response.statusText);
        return response.json();
      })
      .then((data) => {
        if (!data?.fragments) return;
        $.each(data.fragments, (selector, markup) => void $(selector).replaceWith(markup));
        remember(data);
        $body.trigger('wc_fragments_refreshed');
      })
      .catch(() => $body.trigger('wc_fragments_ajax_error'));
  }

  $body.on('wc_fragment_refresh updated_wc_div', refresh);
  $body.on('added_to_cart removed_from_cart', (_event, fragments, cartHash) => remember({ fragments, cart_hash: cartHash }));
  $(window).on('pageshow', (event) => {
    if (!(/** @type {PageTransitionEvent} */ (event.originalEvent).persisted)) return;
    $('.widget_shopping_cart_content').empty();
    $body.trigger('wc_fragment_refresh');
  });
  refresh();
});
