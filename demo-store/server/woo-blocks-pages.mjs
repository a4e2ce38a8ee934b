// The block theme's pages of the stand-in WooCommerce store: a Product Collection whose Product Button blocks add
// through the Store API, and a Cart block. No jQuery; the cart, the Store API nonce and the REST root reach the
// page as Interactivity API state (src/Blocks/Utils/BlocksSharedState.php register_cart_interactivity).
import { attrs, html } from '../shop/js/html.js';
import { WOO_CURRENCY, WOO_PRODUCTS } from './woo-catalog.mjs';
import { CART_PAGE_ID, wooUrls } from './woo-layout.mjs';
import { productPriceHtml } from './woo-markup.mjs';
import { cartResponse } from './woo-schemas.mjs';

/**
 * @typedef {import('./woo-catalog.mjs').WooProduct} WooProduct
 * @typedef {import('./woo-store-api.mjs').WooSession} WooSession
 * @typedef {Pick<import('./woo-layout.mjs').Frame, 'title' | 'bodyClass' | 'content' | 'blocksState' | 'modules'>} BlockPageParts
 */

/**
 * What WordPress prints for the Interactivity API: the `woocommerce` config (currency, BlocksSharedState.php
 * get_currency_data) and state (`cart` as GET /wc/store/v1/cart answers it, `nonce`, `restUrl`). The Cart block
 * reads the same cart preloaded, so neither page asks the server for the cart as it loads.
 * @param {WooSession} session @param {string} origin
 */
export const blocksState = (session, origin) => ({
  config: {
    woocommerce: {
      currency: {
        code: WOO_CURRENCY.code,
        precision: WOO_CURRENCY.minorUnit,
        symbol: WOO_CURRENCY.symbol,
        symbolPosition: 'right_space',
        decimalSeparator: WOO_CURRENCY.decimalSeparator,
        thousandSeparator: WOO_CURRENCY.thousandSeparator,
        priceFormat: '%2$s %1$s',
      },
      isBlockTheme: true,
    },
  },
  state: {
    woocommerce: {
      cart: cartResponse(session.cart, origin),
      nonce: session.nonce,
      noticeId: '',
      restUrl: wooUrls(session.settings, origin).apiRoot,
    },
  },
});

/**
 * A Product Button block (src/Blocks/BlockTypes/ProductButton.php): a `button` with
 * `wp-block-button__link … add_to_cart_button ajax_add_to_cart … wc-interactive` (so the classic add-to-cart.js
 * leaves it alone) and the product in its context; a variable product's is a link to its page.
 * @param {WooProduct} product @param {WooSession} session
 */
function productButton(product, session) {
  const ajax = product.type !== 'variable' && !session.settings.redirectToCart;
  const classes = [
    'wp-block-button__link',
    'wp-element-button',
    'wc-block-components-product-button__button',
    'add_to_cart_button',
    ajax ? 'ajax_add_to_cart' : '',
    `product_type_${product.type}`,
    'wc-interactive',
  ].filter(Boolean);
  const common = {
    class: classes.join(' '),
    'data-product_id': product.id,
    'data-product_sku': product.sku,
    'aria-label': `Add to cart: “${product.name}”`,
    rel: 'nofollow',
  };
  const button = ajax
    ? html`<button${attrs({ ...common, 'data-wc-on--click': 'actions.addToCart' })}><span>Add to cart</span></button>
        <span hidden><a href="/woo-blocks/cart/" class="added_to_cart wc_forward" title="View cart">View cart</a></span>`
    : html`<a${attrs({ ...common, href: `/woo/product/${product.slug}/`, 'data-wc-on--click': 'woocommerce/product-collection::actions.viewProduct' })}>${
        product.type === 'variable' ? 'Select options' : 'Add to cart'
      }</a>`;
  return html`<div${attrs({
    'data-block-name': 'woocommerce/product-button',
    class: 'wp-block-button wc-block-components-product-button',
    'data-wc-interactive': ajax ? JSON.stringify({ namespace: 'woocommerce/product-button' }) : null,
    'data-wc-context': ajax
      ? JSON.stringify({ quantityToAdd: 1, productId: product.id, addToCartText: 'Add to cart', animationStatus: 'IDLE' })
      : null,
  })}>${button}</div>`;
}

/** The shop as a block theme shows it (a Product Collection block). @param {WooSession} session @param {string} origin @returns {BlockPageParts} */
export function blocksShopPage(session, origin) {
  const items = WOO_PRODUCTS.map(
    (product) => html`<li class="wc-block-product post-${product.id} product type-product wp-block-post">
      <h3 class="wp-block-post-title has-text-align-center"><a href="/woo/product/${product.slug}/">${product.name}</a></h3>
      <div class="wc-block-components-product-price">${productPriceHtml(product)}</div>
      ${productButton(product, session)}
    </li>`,
  );
  return {
    title: 'Shop',
    bodyClass: 'archive post-type-archive post-type-archive-product wp-theme-stand-in-blocks woocommerce-shop woocommerce woocommerce-page',
    blocksState: blocksState(session, origin),
    modules: ['product-button'],
    content: html`<h1 class="wp-block-query-title">Shop</h1>
      <div class="wc-block-components-notices"></div>
      <div class="wp-block-woocommerce-product-collection"><ul class="wc-block-product-template wp-block-woocommerce-product-template">${items}</ul></div>`,
  };
}

/** The Cart block's page: the block fills its container from the state (cart-block.js). @param {WooSession} session @param {string} origin @returns {BlockPageParts} */
export function blocksCartPage(session, origin) {
  return {
    title: 'Cart',
    bodyClass: `page-template-default page page-id-${CART_PAGE_ID} wp-theme-stand-in-blocks woocommerce-cart woocommerce-page`,
    blocksState: blocksState(session, origin),
    modules: ['cart-block'],
    content: html`<h1 class="wp-block-post-title">Cart</h1>
      <div class="wc-block-components-notices"></div>
      <div class="wp-block-woocommerce-cart alignwide is-loading" data-block-name="woocommerce/cart"></div>
      <p><a class="wp-block-button__link" href="/woo/checkout/">Proceed to Checkout</a></p>`,
  };
}
