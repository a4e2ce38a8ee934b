// The classic theme's pages of the stand-in WooCommerce store, as WooCommerce's templates mark them up:
// the shop loop, a product's form, the cart form, the checkout and the order-received page.
import { attrs, html, raw } from '../shop/js/html.js';
import { cartTotal, purchasableOf } from './woo-cart.mjs';
import { fullNameOf, priceOf, WOO_PRODUCTS } from './woo-catalog.mjs';
import { CART_PAGE_ID, CHECKOUT_PAGE_ID, wooUrls } from './woo-layout.mjs';
import { loopButtonHtml, noticesHtml, priceHtml, productPriceHtml } from './woo-markup.mjs';

/**
 * @typedef {import('./woo-catalog.mjs').WooProduct} WooProduct
 * @typedef {import('./woo-store-api.mjs').WooSession} WooSession
 * @typedef {import('./woo-schemas.mjs').WooOrder} WooOrder
 * @typedef {Pick<import('./woo-layout.mjs').Frame, 'title' | 'bodyClass' | 'content' | 'miniCart' | 'scripts' | 'isCart'>} PageParts
 */

/** The quantity field (templates/global/quantity-input.php). @param {string} name @param {number} value @param {number} min @param {string} label */
const quantityInput = (name, value, min, label) =>
  html`<div class="quantity"><label class="screen-reader-text" for="${name}">${label} quantity</label><input${attrs({
    type: 'number',
    id: name,
    class: 'input-text qty text',
    name,
    value,
    'aria-label': 'Product quantity',
    min,
    step: 1,
    inputmode: 'numeric',
    autocomplete: 'off',
  })}></div>`;

/** The shop page: `ul.products` of `li.product`, each with its loop button (templates/content-product.php). @param {WooSession} session @returns {PageParts} */
export function shopPage(session) {
  const items = WOO_PRODUCTS.map(
    (product) => html`<li class="product type-product post-${product.id} status-publish instock product-type-${product.type}">
      <a href="/woo/product/${product.slug}/" class="woocommerce-LoopProduct-link woocommerce-loop-product__link">
        <h2 class="woocommerce-loop-product__title">${product.name}</h2>
        <span class="price">${productPriceHtml(product)}</span>
      </a>
      <p class="blurb">${product.blurb}</p>
      ${loopButtonHtml(product, session)}
    </li>`,
  );
  return {
    title: 'Shop',
    bodyClass: 'archive post-type-archive post-type-archive-product woocommerce-shop woocommerce woocommerce-page',
    miniCart: true,
    scripts: ['fragments'],
    content: html`<header class="woocommerce-products-header"><h1 class="woocommerce-products-header__title page-title">Shop</h1></header>
      ${noticesHtml(session)}
      <ul class="products columns-3">${items}</ul>`,
  };
}

/**
 * A variable product's form (templates/single-product/add-to-cart/variable.php and
 * variation-add-to-cart-button.php): the variations as JSON in `data-product_variations`
 * (WC_Product_Variable::get_available_variation), a select per attribute, hidden `add-to-cart`, `product_id`
 * and `variation_id` (0 until a variation is chosen).
 * @param {WooProduct} product
 */
function variableForm(product) {
  const variations = /** @type {NonNullable<WooProduct['variations']>} */ (product.variations);
  const attribute = `attribute_${String(product.attribute).toLowerCase()}`;
  const data = variations.map((v) => ({
    attributes: { [attribute]: v.value },
    availability_html: '',
    backorders_allowed: false,
    display_price: v.regular / 100,
    display_regular_price: v.regular / 100,
    is_in_stock: true,
    is_purchasable: true,
    is_sold_individually: 'no',
    max_qty: '',
    min_qty: 1,
    price_html: `<span class="price">${priceHtml(v.regular)}</span>`,
    sku: v.sku,
    variation_description: '',
    variation_id: v.id,
    variation_is_active: true,
    variation_is_visible: true,
  }));
  return html`<form${attrs({
    class: 'variations_form cart',
    action: `/woo/product/${product.slug}/`,
    method: 'post',
    enctype: 'multipart/form-data',
    'data-product_id': product.id,
    'data-product_variations': JSON.stringify(data),
  })}>
    <table class="variations" role="presentation"><tbody><tr>
      <th class="label"><label for="${attribute}">${product.attribute}</label></th>
      <td class="value"><select id="${attribute}" name="${attribute}" data-attribute_name="${attribute}" data-show_option_none="yes">
        <option value="">Choose an option</option>${variations.map((v) => html`<option value="${v.value}">${v.value}</option>`)}
      </select></td>
    </tr><tr><td colspan="2"><button type="button" class="reset_variations" aria-label="Clear options">Clear</button></td></tr></tbody></table>
    <div class="single_variation_wrap">
      <div class="woocommerce-variation single_variation" role="alert" aria-relevant="additions"></div>
      <div class="woocommerce-variation-add-to-cart variations_button woocommerce-variation-add-to-cart-disabled">
        ${quantityInput('quantity', 1, 1, product.name)}
        <button type="submit" class="single_add_to_cart_button button alt disabled wc-variation-selection-needed">Add to cart</button>
        <input type="hidden" name="add-to-cart" value="${product.id}">
        <input type="hidden" name="product_id" value="${product.id}">
        <input type="hidden" name="variation_id" class="variation_id" value="0">
      </div>
    </div>
  </form>`;
}

/** A simple product's form (templates/single-product/add-to-cart/simple.php), or "Out of stock". @param {WooProduct} product */
function simpleForm(product) {
  if ((product.stock ?? 1) <= 0) return html`<p class="stock out-of-stock">Out of stock</p>`;
  return html`<form class="cart" action="/woo/product/${product.slug}/" method="post" enctype="multipart/form-data">
    ${quantityInput('quantity', 1, 1, product.name)}
    <button type="submit" name="add-to-cart" value="${product.id}" class="single_add_to_cart_button button alt">Add to cart</button>
  </form>`;
}

/** A product's page: its summary and form, both posting to the page itself (no script needed). @param {WooSession} session @param {WooProduct} product @returns {PageParts} */
export function productPage(session, product) {
  return {
    title: product.name,
    bodyClass: `product-template-default single single-product postid-${product.id} woocommerce woocommerce-page`,
    miniCart: true,
    scripts: product.type === 'variable' ? ['fragments', 'variation'] : ['fragments'],
    content: html`${noticesHtml(session)}
      <div id="product-${product.id}" class="product type-product post-${product.id} product-type-${product.type}">
        <div class="summary entry-summary">
          <h1 class="product_title entry-title">${product.name}</h1>
          <p class="price">${productPriceHtml(product)}</p>
          <div class="woocommerce-product-details__short-description"><p>${product.blurb}</p></div>
          ${product.type === 'variable' ? variableForm(product) : simpleForm(product)}
          <div class="product_meta"><span class="sku_wrapper">SKU: <span class="sku">${product.sku}</span></span></div>
        </div>
      </div>`,
  };
}

/**
 * The cart page (templates/cart/cart.php): a `tr.cart_item` per line with a remove link (`data-product_id`
 * the parent's for a variation, no cart item key) and `cart[KEY][qty]`, the Update cart button, the totals;
 * or the empty-cart message (templates/cart/cart-empty.php).
 * @param {WooSession} session @param {string} origin @returns {PageParts}
 */
export function cartPage(session, origin) {
  const urls = wooUrls(session.settings, origin);
  const { cart } = session;
  const frame = {
    title: 'Cart',
    bodyClass: `page-template-default page page-id-${CART_PAGE_ID} woocommerce-cart woocommerce-page`,
    isCart: true,
    scripts: /** @type {['cart']} */ (['cart']),
  };
  if (cart.lines.length === 0) {
    return {
      ...frame,
      content: html`<h1 class="entry-title">Cart</h1><div class="woocommerce">${noticesHtml(session)}
        <div class="wc-empty-cart-message"><div class="cart-empty woocommerce-info" role="status">Your cart is currently empty.</div></div>
        <p class="return-to-shop"><a class="button wc-backward" href="${urls.shop}">Return to shop</a></p></div>`,
    };
  }
  const removeHref = (/** @type {string} */ key) =>
    `${urls.cart}${urls.cart.includes('?') ? '&' : '?'}remove_item=${key}&_wpnonce=${session.nonce.slice(0, 10)}`;
  const rows = cart.lines.map((line) => {
    const item = purchasableOf(line);
    const name = fullNameOf(item);
    return html`<tr class="woocommerce-cart-form__cart-item cart_item">
      <td class="product-remove"><a${attrs({ role: 'button', href: removeHref(line.key), class: 'remove', 'aria-label': `Remove ${name} from cart`, 'data-product_id': line.productId, 'data-product_sku': (item.variation ?? item.product).sku })}>&times;</a></td>
      <td class="product-thumbnail"></td>
      <td scope="row" role="rowheader" class="product-name" data-title="Product"><a href="${urls.product(item.product.slug)}">${name}</a></td>
      <td class="product-price" data-title="Price">${priceHtml(priceOf(item))}</td>
      <td class="product-quantity" data-title="Quantity">${quantityInput(`cart[${line.key}][qty]`, line.quantity, 0, name)}</td>
      <td class="product-subtotal" data-title="Subtotal">${priceHtml(priceOf(item) * line.quantity)}</td>
    </tr>`;
  });
  return {
    ...frame,
    content: html`<h1 class="entry-title">Cart</h1><div class="woocommerce">${noticesHtml(session)}
      <form class="woocommerce-cart-form" action="${urls.cart}" method="post">
        <table class="shop_table shop_table_responsive cart woocommerce-cart-form__contents" cellspacing="0">
          <thead><tr><th class="product-remove"><span class="screen-reader-text">Remove item</span></th><th class="product-thumbnail"><span class="screen-reader-text">Thumbnail image</span></th><th class="product-name">Product</th><th class="product-price">Price</th><th class="product-quantity">Quantity</th><th class="product-subtotal">Subtotal</th></tr></thead>
          <tbody>${rows}
            <tr><td colspan="6" class="actions">
              <button type="submit" class="button" name="update_cart" value="Update cart">Update cart</button>
              <input type="hidden" name="woocommerce-cart-nonce" value="${session.nonce.slice(0, 10)}">
              <input type="hidden" name="_wp_http_referer" value="${urls.cart}">
            </td></tr>
          </tbody>
        </table>
      </form>
      <div class="cart-collaterals"><div class="cart_totals"><h2>Cart totals</h2>
        <table class="shop_table shop_table_responsive" cellspacing="0"><tbody>
          <tr class="cart-subtotal"><th>Subtotal</th><td data-title="Subtotal">${priceHtml(cartTotal(cart))}</td></tr>
          <tr class="order-total"><th>Total</th><td data-title="Total"><strong>${priceHtml(cartTotal(cart))}</strong></td></tr>
        </tbody></table>
        <div class="wc-proceed-to-checkout"><a href="${urls.checkout}" class="checkout-button button alt wc-forward">Proceed to checkout</a></div>
      </div></div></div>`,
  };
}

/** A billing field (woocommerce_form_field). @param {string} name @param {string} label @param {string} value @param {string} [type] */
const field = (name, label, value, type = 'text') =>
  html`<p class="form-row validate-required" id="${name}_field"><label for="${name}">${label}&nbsp;<abbr class="required" title="required">*</abbr></label><span class="woocommerce-input-wrapper"><input type="${type}" class="input-text" name="${name}" id="${name}" value="${value}"></span></p>`;

/**
 * The checkout page (templates/checkout/form-checkout.php, review-order.php, payment.php): billing fields filled
 * in for the demo, the order review, Cash on delivery, "Place order" posting the form (the no-script path).
 * @param {WooSession} session @param {string} origin @returns {PageParts}
 */
export function checkoutPage(session, origin) {
  const urls = wooUrls(session.settings, origin);
  const rows = session.cart.lines.map((line) => {
    const item = purchasableOf(line);
    return html`<tr class="cart_item"><td class="product-name">${fullNameOf(item)}&nbsp;<strong class="product-quantity">&times;&nbsp;${line.quantity}</strong></td><td class="product-total">${priceHtml(priceOf(item) * line.quantity)}</td></tr>`;
  });
  return {
    title: 'Checkout',
    bodyClass: `page-template-default page page-id-${CHECKOUT_PAGE_ID} woocommerce-checkout woocommerce-page`,
    content: html`<h1 class="entry-title">Checkout</h1><div class="woocommerce">${noticesHtml(session)}
      <form name="checkout" method="post" class="checkout woocommerce-checkout" action="${urls.checkout}" enctype="multipart/form-data">
        <div class="col2-set" id="customer_details"><div class="woocommerce-billing-fields"><h3>Billing details</h3>
          ${field('billing_first_name', 'First name', 'Ada')}${field('billing_last_name', 'Last name', 'Lovelace')}
          ${field('billing_email', 'Email address', 'ada@example.com', 'email')}
        </div></div>
        <h3 id="order_review_heading">Your order</h3>
        <div id="order_review" class="woocommerce-checkout-review-order">
          <table class="shop_table woocommerce-checkout-review-order-table"><thead><tr><th class="product-name">Product</th><th class="product-total">Subtotal</th></tr></thead>
            <tbody>${rows}</tbody>
            <tfoot><tr class="order-total"><th>Total</th><td><strong>${priceHtml(cartTotal(session.cart))}</strong></td></tr></tfoot></table>
          <div id="payment" class="woocommerce-checkout-payment">
            <ul class="wc_payment_methods payment_methods methods"><li class="wc_payment_method payment_method_cod">
              <input id="payment_method_cod" type="radio" class="input-radio" name="payment_method" value="cod" checked><label for="payment_method_cod">Cash on delivery</label></li></ul>
            <div class="form-row place-order">
              <input type="hidden" id="woocommerce-process-checkout-nonce" name="woocommerce-process-checkout-nonce" value="${session.nonce.slice(0, 10)}">
              <button type="submit" class="button alt" name="woocommerce_checkout_place_order" id="place_order" value="Place order" data-value="Place order">Place order</button>
            </div>
          </div>
        </div>
      </form></div>`,
  };
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The order-received page (templates/checkout/thankyou.php, order/order-details.php): formatted text only,
 * no product id anywhere; an order whose key does not match shows the thanks without the order.
 * @param {WooSession} session @param {WooOrder | null} order @param {string} origin @returns {PageParts}
 */
export function orderReceivedPage(session, order, origin) {
  const urls = wooUrls(session.settings, origin);
  const thanks = html`<p class="woocommerce-notice woocommerce-notice--success woocommerce-thankyou-order-received">Thank you. Your order has been received.</p>`;
  const details = order
    ? html`<ul class="woocommerce-order-overview woocommerce-thankyou-order-details order_details">
        <li class="woocommerce-order-overview__order order">Order number: <strong>${order.id}</strong></li>
        <li class="woocommerce-order-overview__date date">Date: <strong>${DATE.format(order.createdAt)}</strong></li>
        <li class="woocommerce-order-overview__total total">Total: <strong>${priceHtml(order.total)}</strong></li>
        <li class="woocommerce-order-overview__payment-method method">Payment method: <strong>${order.paymentMethodTitle}</strong></li>
      </ul>
      <p>Pay with cash upon delivery.</p>
      <section class="woocommerce-order-details"><h2 class="woocommerce-order-details__title">Order details</h2>
        <table class="woocommerce-table woocommerce-table--order-details shop_table order_details">
          <thead><tr><th class="woocommerce-table__product-name product-name">Product</th><th class="woocommerce-table__product-table product-total">Total</th></tr></thead>
          <tbody>${order.lines.map(
            (line) =>
              html`<tr class="woocommerce-table__line-item order_item"><td class="woocommerce-table__product-name product-name">${line.name} <strong class="product-quantity">&times;&nbsp;${line.quantity}</strong></td><td class="woocommerce-table__product-total product-total">${priceHtml(line.unitPrice * line.quantity)}</td></tr>`,
          )}</tbody>
          <tfoot><tr><th scope="row">Total:</th><td>${priceHtml(order.total)}</td></tr></tfoot>
        </table>
      </section>`
    : raw('');
  return {
    title: 'Order received',
    bodyClass: `page-template-default page page-id-${CHECKOUT_PAGE_ID} woocommerce-checkout woocommerce-page woocommerce-order-received`,
    content: html`<h1 class="entry-title">Order received</h1><div class="woocommerce"><div class="woocommerce-order">${thanks}${details}</div>
      <p><a class="button" href="${urls.shop}">Continue shopping</a></p></div>`,
  };
}
