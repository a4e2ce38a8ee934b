// The frame of every page of the stand-in WooCommerce store: WordPress's head (the REST API link, jQuery, the
// scripts WooCommerce localizes), the header with its mini-cart, and the SDK's tag as a store would paste it.
// No data-alhena-* attribute anywhere: the SDK must find WooCommerce by itself.
import { createHash } from 'node:crypto';
import { html, raw } from '../shop/js/html.js';

/**
 * @typedef {import('./woo-store-api.mjs').WooSession} WooSession
 * @typedef {import('./woo-store-api.mjs').WooSettings} WooSettings
 * @typedef {ReturnType<typeof raw>} Safe
 * @typedef {'fragments' | 'variation' | 'cart'} ClassicScript
 * @typedef {{
 *   title: string, bodyClass: string, content: Safe, session: WooSession, origin: string, companyKey: string,
 *   theme: 'classic' | 'blocks', miniCart?: boolean, scripts?: ClassicScript[], isCart?: boolean, blocksState?: unknown,
 *   modules?: string[],
 * }} Frame
 *   `miniCart`: the header's cart widget, empty until cart-fragments.js fills it (not on the cart and checkout
 *   pages, where WooCommerce hides it: includes/widgets/class-wc-widget-cart.php). `blocksState`: the
 *   Interactivity API state a block theme's page carries (see woo-blocks-pages.mjs); `modules`: its block scripts.
 */

const SITE_NAME = 'Ember & Oak';
export const CART_PAGE_ID = 6;
export const CHECKOUT_PAGE_ID = 7;
const FRONTEND = '/wp-content/plugins/woocommerce/assets/js/frontend';
const BLOCKS = '/wp-content/plugins/woocommerce/assets/client/blocks';

/** The store's addresses; plain permalinks put pages and the REST API in the query string. @param {WooSettings} settings @param {string} origin */
export function wooUrls(settings, origin) {
  const plain = settings.permalinks === 'plain';
  return {
    shop: '/woo/',
    cart: plain ? `/?page_id=${CART_PAGE_ID}` : '/woo/cart/',
    checkout: plain ? `/?page_id=${CHECKOUT_PAGE_ID}` : '/woo/checkout/',
    product: (/** @type {string} */ slug) => `/woo/product/${slug}/`,
    orderReceived: (/** @type {{ id: number, key: string }} */ order) =>
      plain
        ? `/?page_id=${CHECKOUT_PAGE_ID}&order-received=${order.id}&key=${order.key}`
        : `/woo/checkout/order-received/${order.id}/?key=${order.key}`,
    /** What `<link rel="https://api.w.org/">` names (wp-includes/rest-api.php rest_output_link_wp_head, get_rest_url). */
    apiRoot: plain ? `${origin}/?rest_route=/` : `${origin}/wp-json/`,
  };
}

/**
 * `var name = {…};` before its script, as wp_localize_script prints it: every value a string, slashes escaped.
 * @param {string} handle @param {string} name @param {Record<string, unknown>} data
 */
const localized = (handle, name, data) =>
  raw(`<script id="${handle}-js-extra">\nvar ${name} = ${JSON.stringify(data).replace(/\//g, '\\/')};\n</script>`);

/**
 * A WooCommerce front-end script, deferred in the head as WooCommerce ≥ 8.x registers them
 * (class-wc-frontend-scripts.php); the unminified names WordPress serves with SCRIPT_DEBUG.
 * @param {string} handle @param {string} file
 */
const frontendScript = (handle, file) => html`<script src="${FRONTEND}/${file}" id="${handle}-js" defer data-wp-strategy="defer"></script>`;

/** The site-specific storage keys cart-fragments.js uses (class-wc-frontend-scripts.php get_script_data). @param {string} origin */
const siteHash = (origin) => createHash('md5').update(`1_${origin}/storefront`).digest('hex');

/**
 * The classic theme's scripts: jQuery, then each WooCommerce script after the object it reads, localized as
 * class-wc-frontend-scripts.php get_script_data does (`wc_ajax_url` is `/?wc-ajax=%%endpoint%%`, `is_cart`
 * '1' or '', `cart_redirect_after_add` 'yes' or 'no').
 * @param {Frame} frame
 */
function classicScripts({ session, origin, scripts = [], isCart = false }) {
  const urls = wooUrls(session.settings, origin);
  const ajax = { ajax_url: '/wp-admin/admin-ajax.php', wc_ajax_url: '/?wc-ajax=%%endpoint%%' };
  const nonce = (/** @type {string} */ action) => createHash('md5').update(`${session.nonce}${action}`).digest('hex').slice(0, 10);
  return html`
<script src="/wp-includes/js/jquery/jquery.min.js" id="jquery-core-js"></script>
${localized('woocommerce', 'woocommerce_params', { ...ajax, i18n_password_show: 'Show password', i18n_password_hide: 'Hide password' })}
${localized('wc-add-to-cart', 'wc_add_to_cart_params', {
  ...ajax,
  i18n_view_cart: 'View cart',
  cart_url: `${origin}${urls.cart}`,
  is_cart: isCart ? '1' : '',
  cart_redirect_after_add: session.settings.redirectToCart ? 'yes' : 'no',
})}
${frontendScript('wc-add-to-cart', 'add-to-cart.js')}
${
  scripts.includes('fragments')
    ? html`${localized('wc-cart-fragments', 'wc_cart_fragments_params', {
        ...ajax,
        cart_hash_key: `wc_cart_hash_${siteHash(origin)}`,
        fragment_name: `wc_fragments_${siteHash(origin)}`,
        request_timeout: '5000',
      })}
${frontendScript('wc-cart-fragments', 'cart-fragments.js')}`
    : ''
}
${
  scripts.includes('variation')
    ? html`${localized('wc-add-to-cart-variation', 'wc_add_to_cart_variation_params', {
        wc_ajax_url: ajax.wc_ajax_url,
        i18n_no_matching_variations_text: 'Sorry, no products matched your selection. Please choose a different combination.',
        i18n_make_a_selection_text: 'Please select some product options before adding this product to your cart.',
        i18n_unavailable_text: 'Sorry, this product is unavailable. Please choose a different combination.',
        i18n_reset_alert_text: 'Your selection has been reset. Please select some product options before adding this product to your cart.',
      })}
${frontendScript('wc-add-to-cart-variation', 'add-to-cart-variation.js')}`
    : ''
}
${
  scripts.includes('cart') && session.settings.cartScript
    ? html`${localized('wc-cart', 'wc_cart_params', {
        ...ajax,
        update_shipping_method_nonce: nonce('update-shipping-method'),
        apply_coupon_nonce: nonce('apply-coupon'),
        remove_coupon_nonce: nonce('remove-coupon'),
      })}
${frontendScript('wc-cart', 'cart.js')}`
    : ''
}`;
}

/**
 * A block theme's scripts: no jQuery; the Interactivity API's state in the JSON script WordPress prints for
 * script modules (wp-includes/interactivity-api, `wp-script-module-data-@wordpress/interactivity`), then the
 * stand-in block scripts, modules as WooCommerce's Interactivity API blocks are.
 * @param {Frame} frame
 */
const blockScripts = ({ blocksState, modules }) => html`
<script type="application/json" id="wp-script-module-data-@wordpress/interactivity">${raw(JSON.stringify(blocksState).replace(/</g, '\\u003c'))}</script>
${(modules ?? []).map((name) => html`<script type="module" src="${BLOCKS}/${name}.js" id="wc-${name}-js-module"></script>`)}`;

/** The header: the site's name, its pages, and (classic pages but cart and checkout) the cart widget, empty. @param {Frame} frame */
function header({ theme, miniCart, session, origin }) {
  const urls = wooUrls(session.settings, origin);
  const base = theme === 'blocks' ? '/woo-blocks/' : urls.shop;
  const cartHref = theme === 'blocks' ? '/woo-blocks/cart/' : urls.cart;
  return html`
<div class="demo-bar">
  <strong>Demo:</strong> a stand-in WooCommerce store (${theme === 'blocks' ? 'block theme, Store API' : 'classic theme, jQuery'}) written for these tests.
  <a href="/woo/">Classic</a> · <a href="/woo-blocks/">Block theme</a> · <a href="/">Other variants</a>
</div>
<header id="masthead" class="site-header">
  <p class="site-title"><a href="${base}" rel="home">${SITE_NAME}</a></p>
  <nav class="main-navigation"><a href="${base}">Shop</a> <a class="cart-contents" href="${cartHref}">Cart${theme === 'blocks' ? html` <span class="wc-block-mini-cart__badge">${session.cart.lines.reduce((n, l) => n + l.quantity, 0)}</span>` : ''}</a></nav>
  ${
    miniCart
      ? html`<div class="widget woocommerce widget_shopping_cart"><h2 class="widgettitle">Cart</h2><div class="widget_shopping_cart_content"></div></div>`
      : ''
  }
</header>`;
}

/** @param {Frame} frame @returns {string} the whole page */
export function renderPage(frame) {
  const urls = wooUrls(frame.session.settings, frame.origin);
  const debug = frame.session.settings.debug ? ' data-debug="true"' : '';
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} – ${SITE_NAME}</title>
<link rel="https://api.w.org/" href="${urls.apiRoot}">
<link rel="stylesheet" href="/wp-content/themes/stand-in/style.css">
<!-- Demo only: where the local sandbox runs, and the Alhena widget's snippet (a stand-in). -->
<script src="/demo-config.js"></script>
<script>document.gleenConfig = { company: ${raw(JSON.stringify(frame.companyKey))}, apiBaseUrl: demoStore.sandboxUrl };</script>
<script src="/widget/gleen-widget.js" async></script>
<!-- @alhena/cart-events: the tag alone, as a WooCommerce store pastes it. -->
<script src="/alhena-cart.min.js" data-company-key="${frame.companyKey}"${raw(debug)} async></script>
${frame.theme === 'classic' ? classicScripts(frame) : blockScripts(frame)}
</head>
<body class="${frame.bodyClass} woocommerce-no-js">
${header(frame)}
<main id="main" class="site-main">
${frame.content}
</main>
<footer class="site-footer"><p>${SITE_NAME} is a demo: nothing is for sale and no payment is taken.</p></footer>
<script>document.body.classList.replace('woocommerce-no-js', 'woocommerce-js');</script>
</body>
</html>
`.toString();
}
