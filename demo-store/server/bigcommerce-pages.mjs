// The stand-in BigCommerce store's pages, marked up as Cornerstone's templates mark them up (bigcommerce/cornerstone
// v6.x): the frame of templates/layout/base.html (`BCData` in the head, the theme bundle and
// `window.stencilBootstrap(…).load()` at the end of the body, Script Manager's footer scripts), a category's cards
// (components/products/card.html), a product's form (components/products/product-view.html, add-to-cart.html), the
// cart (components/cart/content.html), and the checkout app's pages (templates/pages/checkout.html,
// order-confirmation.html: the app's `window.checkoutConfig`, read by checkout-js packages/core/src/app/auto-loader.ts).
// No data-alhena-* attribute anywhere: the SDK must find BigCommerce by itself.
import { html, raw } from '../shop/js/html.js';
import { BC_PRODUCTS, CURRENCY, cartAmount, productById, variantOf } from './bigcommerce-cart.mjs';

/**
 * @typedef {import('./bigcommerce-cart.mjs').BcProduct} BcProduct
 * @typedef {import('./bigcommerce-cart.mjs').BcCart} BcCart
 * @typedef {import('./bigcommerce-cart.mjs').BcOrder} BcOrder
 * @typedef {{ bodl: boolean, themeScript: boolean, debug: boolean }} BcSettings
 * @typedef {{ cart: BcCart, settings: BcSettings, lastOrderId: number | null, notice: string | null, csrf: string }} BcSession
 * @typedef {{ title: string, pageType: string, content: ReturnType<typeof html>, bcData?: Record<string, unknown>, head?: ReturnType<typeof html>, checkoutApp?: boolean }} BcPage
 */

const STORE_NAME = 'Field & Loom';
export const ASSETS = '/bigcommerce/assets';
const money = (/** @type {number} */ value) => `$${value.toFixed(2)}`;
/** JSON inside a script element: `<` escaped so no text closes it. @param {unknown} value */
const scriptJson = (value) => raw(JSON.stringify(value).replace(/</g, '\\u003c'));
const itemCount = (/** @type {BcCart} */ cart) => cart.lines.reduce((n, line) => n + line.quantity, 0);

/** The header: the store's name, its pages and the cart link with its count pill (components/common/navigation.html). @param {BcSession} session */
const header = (session) => html`
<div class="demo-bar">
  <strong>Demo:</strong> a stand-in BigCommerce store (Stencil, Cornerstone) written for these tests; BODL is ${session.settings.bodl ? 'on' : 'off'}.
  <a href="/bigcommerce/?demo-bodl=${session.settings.bodl ? 'off' : 'on'}">Turn BODL ${session.settings.bodl ? 'off' : 'on'}</a> · <a href="/">Other variants</a>
</div>
<header class="header" role="banner">
  <h1 class="header-logo"><a href="/bigcommerce/">${STORE_NAME}</a></h1>
  <nav class="navUser"><ul class="navUser-section">
    <li class="navUser-item"><a class="navUser-action" href="/bigcommerce/">Shop All</a></li>
    <li class="navUser-item navUser-item--cart"><a class="navUser-action" href="/cart.php">Cart <span class="countPill${itemCount(session.cart) ? ' countPill--positive' : ''}">${itemCount(session.cart)}</span></a></li>
  </ul></nav>
</header>`;

/**
 * The whole page. BODL's script comes with the page's head scripts where the store has it on (BigCommerce adds it
 * for GA4 channels); the SDK's tag is a Script Manager script in the footer, on all pages.
 * @param {BcSession} session @param {string} companyKey @param {BcPage} page
 */
export function renderPage(session, companyKey, page) {
  const { settings } = session;
  const debug = settings.debug ? raw(' data-debug="true"') : '';
  const theme = settings.themeScript && !page.checkoutApp;
  return html`<!doctype html>
<html class="no-js" lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${STORE_NAME} - ${page.title}</title>
<link rel="stylesheet" href="${ASSETS}/style.css">
<script>var BCData = ${scriptJson({ csrf_token: session.csrf, ...page.bcData })};</script>
${settings.bodl ? html`<script src="${ASSETS}/bodl.js"></script>` : ''}
<!-- Demo only: where the local sandbox runs, and the Alhena widget's snippet (a stand-in). -->
<script src="/demo-config.js"></script>
<script>document.gleenConfig = { company: ${scriptJson(companyKey)}, apiBaseUrl: demoStore.sandboxUrl };</script>
<script src="/widget/gleen-widget.js" async></script>
${page.head ?? ''}
</head>
<body>
${header(session)}
<main class="body" id="main-content">
<div class="container">
${session.notice ? html`<div class="alertBox alertBox--error" role="alert"><p class="alertBox-message">${session.notice}</p></div>` : ''}
${page.content}
</div>
</main>
<footer class="footer"><p>${STORE_NAME} is a demo: nothing is for sale and no payment is taken.</p></footer>
${
  theme
    ? html`<script src="${ASSETS}/theme.js"></script>
<script>window.stencilBootstrap(${scriptJson(page.pageType)}, ${scriptJson(JSON.stringify({ pageType: page.pageType, currencyCode: CURRENCY.code }))}, true).load();</script>`
    : ''
}
<!-- Script Manager, location Footer, all pages: @alhena/cart-events' tag alone. -->
<script src="/alhena-cart.min.js" data-company-key="${companyKey}"${debug} async></script>
</body>
</html>
`.toString();
}

/** The add-to-cart form's hidden fields and quantity (components/products/add-to-cart.html). @param {BcProduct} product */
const formFields = (product) => html`<input type="hidden" name="action" value="add">
<input type="hidden" name="product_id" value="${product.id}">`;

/** A category page of cards, each a simple product's quick add or a link to choose options (components/products/card.html). @returns {BcPage} */
export function categoryPage() {
  const cards = BC_PRODUCTS.map((product) => {
    const [base] = product.variants;
    const action = product.optionId
      ? html`<a href="/bigcommerce/${product.slug}/" class="button button--small card-figcaption-button" data-product-id="${product.id}">Choose Options</a>`
      : html`<form class="card-add" method="post" action="/cart.php" enctype="multipart/form-data" data-cart-item-add>
          ${formFields(product)}<input type="hidden" name="qty[]" value="1">
          <button type="submit" class="button button--small card-figcaption-button" data-button-type="add-cart">Add to Cart</button>
        </form>`;
    return html`<li class="product"><article class="card" data-event-type="list" data-entity-id="${product.id}" data-name="${product.name}" data-product-price="${base.price}">
      <h3 class="card-title"><a href="/bigcommerce/${product.slug}/">${product.name}</a></h3>
      <div class="card-text"><span class="price price--withoutTax">${product.optionId ? `${money(Math.min(...product.variants.map((v) => v.price)))} – ${money(Math.max(...product.variants.map((v) => v.price)))}` : money(base.price)}</span></div>
      <p class="card-blurb">${product.blurb}</p>
      ${action}
    </article></li>`;
  });
  return {
    title: 'Shop All',
    pageType: 'category',
    content: html`<h1 class="page-heading">Shop All</h1><ul class="productGrid">${cards}</ul>`,
  };
}

/** A product page: its view and form, the size option's select where it has one. @param {BcProduct} product @returns {BcPage} */
export function productPage(product) {
  const [base] = product.variants;
  const option = product.optionId
    ? html`<div class="form-field" data-product-attribute="set-select">
        <label class="form-label form-label--alternate form-label--inlineSmall" for="attribute_select_${product.optionId}">Size: <small>Required</small></label>
        <select class="form-select form-select--small" name="attribute[${product.optionId}]" id="attribute_select_${product.optionId}" required>
          <option value="">Choose Options</option>
          ${product.variants.map((v) => html`<option data-product-attribute-value="${v.optionValueId}" value="${v.optionValueId}">${v.label} (${money(v.price)})</option>`)}
        </select>
      </div>`
    : '';
  return {
    title: product.name,
    pageType: 'product',
    bcData: {
      product_attributes: {
        sku: product.optionId ? null : base.sku,
        price: { without_tax: { value: base.price, currency: CURRENCY.code } },
        instock: base.stock > 0,
      },
    },
    content: html`<div class="productView" data-event-type="product" data-entity-id="${product.id}" data-name="${product.name}" data-product-price="${base.price}">
  <h1 class="productView-title">${product.name}</h1>
  <div class="productView-price"><span class="price price--withoutTax" data-product-price-without-tax>${money(base.price)}</span></div>
  <p>${product.blurb}</p>
  <form class="form" method="post" action="/cart.php" enctype="multipart/form-data" data-cart-item-add>
    ${formFields(product)}
    <div data-product-option-change>${option}</div>
    <div class="form-field form-field--increments">
      <label class="form-label form-label--alternate" for="qty[]">Quantity:</label>
      <input class="form-input form-input--incrementTotal" id="qty[]" name="qty[]" type="tel" value="1" data-quantity-min="0" data-quantity-max="0" min="1" pattern="[0-9]*" aria-live="polite">
    </div>
    <div class="form-action"><input id="form-action-addToCart" data-wait-message="Adding to cart…" class="button button--primary" type="submit" value="Add to Cart"></div>
  </form>
</div>`,
  };
}

/** The cart's rows and totals (components/cart/content.html, totals.html), inside `[data-cart]`. @param {BcCart} cart */
export function cartContent(cart) {
  if (!cart.lines.length) return html`<div data-cart><p class="cart-empty">Your cart is empty</p></div>`;
  const rows = cart.lines.map((line) => {
    const product = /** @type {BcProduct} */ (productById(line.productId));
    const variant = /** @type {import('./bigcommerce-cart.mjs').BcVariant} */ (variantOf(line));
    return html`<tr class="cart-item" data-item-row data-sku="${variant.sku}">
      <td class="cart-item-block cart-item-title"><h4 class="cart-item-name"><a href="/bigcommerce/${product.slug}/">${product.name}</a></h4>
        ${variant.label ? html`<dl class="definitionList"><dt class="definitionList-key">Size:</dt><dd class="definitionList-value">${variant.label}</dd></dl>` : ''}</td>
      <td class="cart-item-block cart-item-info"><span class="cart-item-value">${money(variant.price)}</span></td>
      <td class="cart-item-block cart-item-info cart-item-quantity">
        <div class="form-increment">
          <button class="button button--icon cart-item-qty-decrease" data-cart-update data-cart-itemid="${line.id}" data-action="dec" aria-label="Decrease ${product.name} quantity">−</button>
          <input class="form-input form-input--incrementTotal cart-item-qty-input" id="qty-${line.id}" name="qty-${line.id}" type="tel" value="${line.quantity}" data-quantity-min="0" data-action="manualQtyChange" data-cart-itemid="${line.id}" aria-live="polite">
          <button class="button button--icon cart-item-qty-increase" data-cart-update data-cart-itemid="${line.id}" data-action="inc" aria-label="Increase ${product.name} quantity">+</button>
        </div>
      </td>
      <td class="cart-item-block cart-item-info"><strong class="cart-item-value">${money(variant.price * line.quantity)}</strong>
        <a class="cart-remove icon" data-cart-itemid="${line.id}" href="#" data-confirm-delete="Are you sure you want to delete this item?" aria-label="Remove ${product.name}">×</a></td>
    </tr>`;
  });
  return html`<div data-cart>
<table class="cart" data-cart-quantity="${itemCount(cart)}">
  <thead class="cart-header"><tr><th class="cart-header-item">Item</th><th class="cart-header-item">Price</th><th class="cart-header-item">Quantity</th><th class="cart-header-item">Total</th></tr></thead>
  <tbody class="cart-list">${rows}</tbody>
</table>
<ul class="cart-totals"><li class="cart-total"><strong class="cart-total-label">Grand total:</strong> <span class="cart-total-grandTotal">${money(cartAmount(cart))}</span></li></ul>
<div class="cart-actions"><a class="button button--primary" href="/checkout" title="Click here to proceed to checkout">Check out</a></div>
</div>`;
}

/** The cart page (templates/pages/cart.html). @param {BcCart} cart @returns {BcPage} */
export const cartPage = (cart) => ({
  title: 'Your Cart',
  pageType: 'cart',
  content: html`<h1 class="page-heading">Your Cart (${itemCount(cart)} items)</h1><div class="page-content" data-cart-content>${cartContent(cart)}</div>`,
});

/**
 * The checkout (templates/pages/checkout.html renders the checkout app into `#checkout-app` with its
 * `checkoutConfig`): here a stand-in form that places the order.
 * @param {BcCart} cart @returns {BcPage}
 */
export const checkoutPage = (cart) => ({
  title: 'Checkout',
  pageType: 'checkout',
  checkoutApp: true,
  head: html`<script>window.checkoutConfig = ${scriptJson({ containerId: 'checkout-app', checkoutId: cart.id })};</script>`,
  content: html`<div id="checkout-app"><h1 class="page-heading">Checkout</h1>
  <p>${itemCount(cart)} items, order total <strong class="checkout-total">${money(cartAmount(cart))}</strong>.</p>
  <form method="post" action="/checkout"><label>Email <input type="email" name="email" value="shopper@example.com"></label>
  <button type="submit" id="checkout-place-order-button" class="button button--primary">Place Order</button></form></div>`,
});

/**
 * The order-confirmation page (templates/pages/order-confirmation.html): the checkout app's config names the order;
 * where BODL is on, the app emits `bodl_v1_order_purchased` once it shows the order (checkout-sdk-js
 * packages/core/src/bodl/bodl-emitter-service.ts), on every load of the page.
 * @param {BcOrder | null} order @returns {BcPage}
 */
export function orderConfirmationPage(order) {
  if (!order)
    return {
      title: 'Order Confirmation',
      pageType: 'order_confirmation',
      checkoutApp: true,
      content: html`<p class="order-missing">No order to show.</p>`,
    };
  const purchased = {
    order_id: order.id,
    currency: CURRENCY.code,
    cart_value: order.total,
    line_items: order.lines.map((line) => ({
      product_id: String(line.productId),
      variant_id: line.variantId,
      product_name: productById(line.productId)?.name,
      quantity: line.quantity,
      purchase_price: line.price,
    })),
  };
  return {
    title: 'Order Confirmation',
    pageType: 'order_confirmation',
    checkoutApp: true,
    head: html`<script>window.checkoutConfig = ${scriptJson({ containerId: 'checkout-app', orderId: order.id })};</script>`,
    content: html`<div id="checkout-app" data-order-id="${order.id}"><h1 class="optimizedCheckout-headingPrimary">Thank you!</h1>
  <p class="orderConfirmation-section">Your order number is <strong class="order-number">${order.id}</strong>.</p>
  <p>Order total <strong>${money(order.total)}</strong>.</p></div>
<script>setTimeout(function () { if (window.bodlEvents) window.bodlEvents.checkout.emit('bodl_v1_order_purchased', ${scriptJson(purchased)}); }, 300);</script>`,
  };
}
