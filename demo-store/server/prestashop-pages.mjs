// The stand-in PrestaShop store's pages, after the classic theme's templates (PrestaShop/classic-theme, AFL-3.0,
// read only): layouts/layout-both-columns.tpl and _partials/head.tpl (the `prestashop` object in the head, core.js and
// theme.js at the bottom), catalog/_partials/miniatures/product.tpl, catalog/product.tpl with
// catalog/_partials/product-variants.tpl and product-add-to-cart.tpl, checkout/cart.tpl with
// checkout/_partials/cart-detailed-product-line.tpl, checkout/order-confirmation.tpl with
// _partials/order-confirmation-table.tpl; ps_shoppingcart's header block (modules/ps_shoppingcart/ps_shoppingcart.tpl).
// No data-alhena-* attribute anywhere: the SDK must find PrestaShop by itself.
import { html, raw } from '../shop/js/html.js';
import { CARRIERS, combinationOf, findProduct, formatPrice, PS_CURRENCY, PS_PRODUCTS, presentCart, unitPrice } from './prestashop-cart.mjs';

/**
 * @typedef {import('./prestashop-cart.mjs').PsProduct} PsProduct
 * @typedef {import('./prestashop-cart.mjs').PsCart} PsCart
 * @typedef {{ cart: PsCart, token: string, debug: boolean, oldClassic: boolean, lateCore: boolean, notices: string[] }} PsSession
 *   `oldClassic`: the cart page of the classic theme before 1.7.6 (themes/classic/_dev/js/cart.js in PrestaShop/PrestaShop),
 *   whose `updateCart` carries only the dataset, no answer. `lateCore`: core.js injected after the SDK has started.
 * @typedef {{ id: number, reference: string, key: string, idCart: number, lines: { name: string, combination: string, unit: number, quantity: number }[], products: number, shipping: number }} PsOrder
 * @typedef {ReturnType<typeof raw>} Safe
 * @typedef {{ title: string, pageName: string, content: Safe, session: PsSession, origin: string, companyKey: string, path: string }} Frame
 */

const SHOP_NAME = 'Hummingbird Store';
export const CART_URL = '/prestashop/cart';
export const PAYMENT_MODULE_ID = 31; // ps_wirepayment, the order's `id_module`

/** A product page's address, as PrestaShop's friendly URLs write it (`{id}-{rewrite}.html`). @param {PsProduct} product */
export const productUrl = (product) => `/prestashop/${product.id}-${product.slug}.html`;

/**
 * `var prestashop = {…};` as Media::addJsDef prints FrontController::buildFrontEndObject in the head (filtered by
 * src/Core/Filter/FrontEndObject/*): the cart, the currency, the customer, the page, the shop, the URLs, the token.
 * @param {Frame} frame
 */
function frontEndObject({ session, origin, title, pageName, path }) {
  const page = (/** @type {string} */ name) => `${origin}/prestashop/${name}`;
  const object = {
    cart: presentCart(session.cart, session.token),
    currency: PS_CURRENCY,
    customer: { lastname: null, firstname: null, email: null, is_logged: false, is_guest: false, addresses: [] },
    language: { name: 'English (English)', iso_code: 'en', locale: 'en-US', language_code: 'en-us', is_rtl: '0' },
    page: { title, canonical: null, meta: { title, description: '' }, page_name: pageName, body_classes: { [`page-${pageName}`]: true } },
    shop: { name: SHOP_NAME, logo: '', stores_icon: '', favicon: '' },
    urls: {
      base_url: `${origin}/prestashop/`,
      current_url: `${origin}${path}`,
      shop_domain_url: origin,
      img_ps_url: `${origin}/prestashop/img/`,
      pages: {
        address: page('address'),
        authentication: page('login'),
        cart: `${origin}${CART_URL}`,
        category: page('index.php?controller=category'),
        index: page(''),
        my_account: page('my-account'),
        order: page('order'),
        order_confirmation: page('order-confirmation'),
        search: page('search'),
      },
      actions: { logout: page('?mylogout=') },
    },
    configuration: { display_taxes_label: true, display_prices_tax_incl: true, is_catalog: false, show_prices: true },
    field_required: [],
    breadcrumb: { links: [{ title: 'Home', url: page('') }], count: 1 },
    link: { protocol_link: 'http://', protocol_content: 'http://' },
    time: Math.floor(Date.now() / 1000),
    static_token: session.token,
    token: session.token.split('').reverse().join(''),
    debug: false,
  };
  return raw(
    `<script type="text/javascript">\n        var prestashop = ${JSON.stringify(object).replace(/</g, '\\u003c')};\n      </script>`,
  );
}

/** ps_shoppingcart's header block: the refresh URL its script posts to, the count. @param {PsCart} cart */
export function blockCart(cart) {
  const count = cart.lines.reduce((n, l) => n + l.quantity, 0);
  return html`<div class="blockcart cart-preview ${count ? 'active' : 'inactive'}" data-refresh-url="/prestashop/module/ps_shoppingcart/ajax">
  <div class="header"><a rel="nofollow" aria-label="Shopping cart link containing ${count} product(s)" href="${CART_URL}?action=show"><span class="hidden-sm-down">Cart</span> <span class="cart-products-count">(${count})</span></a></div>
</div>`;
}

/** ps_shoppingcart's modal after an add (modules/ps_shoppingcart/modal.tpl). @param {PsCart} cart @param {PsProduct} product */
export function addedModal(cart, product) {
  return html`<div id="blockcart-modal" class="modal fade in" tabindex="-1" role="dialog" aria-labelledby="myModalLabel" style="display: block">
  <div class="modal-dialog" role="document"><div class="modal-content">
    <div class="modal-header"><button type="button" class="close" data-dismiss="modal" aria-label="Close">×</button>
      <h4 class="modal-title h6 text-sm-center" id="myModalLabel">Product successfully added to your shopping cart</h4></div>
    <div class="modal-body"><h6 class="h6 product-name">${product.name}</h6>
      <p class="cart-products-count">There are ${cart.lines.reduce((n, l) => n + l.quantity, 0)} items in your cart.</p>
      <a href="${CART_URL}?action=show" class="btn btn-primary">Proceed to checkout</a></div>
  </div></div>
</div>`;
}

/** The error notices the last request left (templates/_partials/notifications.tpl). @param {PsSession} session */
const notices = (session) => {
  const list = session.notices.splice(0);
  return html`<aside id="notifications"><div class="notifications-container container">${
    list.length
      ? html`<article class="alert alert-danger" role="alert" data-alert="danger"><ul>${list.map((n) => html`<li>${n}</li>`)}</ul></article>`
      : ''
  }</div></aside>`;
};

/** The bottom of the body (`javascript_bottom`): core.js, then the theme's and the modules' scripts. */
const SCRIPTS = [
  '/prestashop/themes/core.js',
  '/prestashop/themes/classic/assets/js/theme.js',
  '/prestashop/modules/ps_shoppingcart/ps_shoppingcart.js',
];

/**
 * The same scripts as a "load JavaScript later" optimiser injects them (the demo's `demo-core=late`): after the
 * page's load, and here after the SDK's PrestaShop file has arrived, so that `prestashop.on` appears only once the
 * SDK is already waiting for it.
 */
const lateScripts = () =>
  raw(`<script>
window.addEventListener('load', function () {
  var wanted = location.origin + '/alhena-cart.prestashop.min.js';
  var next = function (i) {
    if (i === ${SCRIPTS.length}) return;
    var script = document.createElement('script');
    script.src = ${JSON.stringify(SCRIPTS)}[i];
    script.onload = function () { next(i + 1); };
    document.body.appendChild(script);
  };
  var wait = function () {
    if (performance.getEntriesByName(wanted).length) setTimeout(function () { next(0); }, 300);
    else setTimeout(wait, 50);
  };
  wait();
});
</script>`);

/** @param {Frame} frame @returns {string} the whole page */
export function renderPage(frame) {
  const debug = frame.session.debug ? ' data-debug="true"' : '';
  return html`<!doctype html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>${frame.title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/prestashop/themes/classic/assets/css/theme.css" type="text/css" media="all">
${frontEndObject(frame)}
<!-- Demo only: where the local sandbox runs, and the Alhena widget's snippet (a stand-in). -->
<script src="/demo-config.js"></script>
<script>document.gleenConfig = { company: ${raw(JSON.stringify(frame.companyKey))}, apiBaseUrl: demoStore.sandboxUrl };</script>
<script src="/widget/gleen-widget.js" async></script>
<!-- @alhena/cart-events: the tag alone, as a module's displayHeader hook or the theme's head.tpl adds it. -->
<script src="/alhena-cart.min.js" data-company-key="${frame.companyKey}"${raw(debug)} async></script>
</head>
<body id="${frame.pageName}" class="lang-en country-us currency-eur layout-full-width page-${frame.pageName}"${frame.session.oldClassic ? raw(' data-demo-classic="1.7.5"') : ''}>
<main>
<div class="demo-bar"><strong>Demo:</strong> a stand-in PrestaShop store (classic theme) written for these tests. <a href="/prestashop/">Clothes</a> · <a href="/">Other variants</a></div>
<header id="header">
  <a class="logo" href="/prestashop/">${SHOP_NAME}</a>
  <div id="_desktop_cart">${blockCart(frame.session.cart)}</div>
</header>
${notices(frame.session)}
<section id="wrapper"><div class="container"><div id="content-wrapper">${frame.content}</div></div></section>
<footer id="footer"><p>${SHOP_NAME} is a demo: nothing is for sale and no payment is taken.</p></footer>
</main>
${frame.session.lateCore ? lateScripts() : raw(SCRIPTS.map((src) => `<script type="text/javascript" src="${src}"></script>`).join('\n'))}
</body>
</html>
`.toString();
}

/**
 * The add-to-cart form a theme built on classic puts in its miniatures (classic's own is in the quick view,
 * catalog/_partials/quickview.tpl): the product form's fields, posted by core.js on `[data-button-action="add-to-cart"]`.
 * @param {PsProduct} product @param {string} token
 */
const quickAdd = (product, token) => html`<form action="${CART_URL}" method="post" class="add-to-cart-or-refresh">
  <input type="hidden" name="token" value="${token}">
  <input type="hidden" name="id_product" value="${product.id}">
  <input type="hidden" name="id_customization" value="0">
  <input type="hidden" name="qty" value="1">
  <button class="btn btn-primary add-to-cart" data-button-action="add-to-cart" type="submit">Add to cart</button>
</form>`;

/**
 * The category page (catalog/listing/product-list.tpl): a miniature per product, its quick add, and its
 * `add_to_cart_url` (ProductLazyArray: `cart?add=1&id_product=…&id_product_attribute=…&token=…`) as a link, the add a
 * theme without script makes: the cart controller adds and redirects to the cart page.
 * @param {PsSession} session
 */
export const categoryPage = (session) => ({
  title: 'Clothes',
  pageName: 'category',
  content: html`<h1 class="h1">Clothes</h1>
<div id="js-product-list"><div class="products row">${PS_PRODUCTS.map(
    (
      product,
    ) => html`<div class="js-product product"><article class="product-miniature js-product-miniature" data-id-product="${product.id}" data-id-product-attribute="${product.combinations?.[0].id ?? 0}">
  <div class="product-description">
    <h2 class="h3 product-title"><a href="${productUrl(product)}">${product.name}</a></h2>
    <div class="product-price-and-shipping"><span class="price" aria-label="Price">${formatPrice(product.price)}</span></div>
  </div>
  ${product.combinations ? html`<a class="btn btn-secondary" href="${productUrl(product)}">Choose a size</a>` : quickAdd(product, session.token)}
  ${product.combinations ? '' : html`<a class="add-link" rel="nofollow" href="${CART_URL}?add=1&id_product=${product.id}&id_product_attribute=0&token=${session.token}">Buy now (no script)</a>`}
</article></div>`,
  )}</div></div>`,
});

/**
 * The product page (catalog/product.tpl): `form#add-to-cart-or-refresh` to the cart controller, the Size select
 * `group[1]` (product-variants.tpl), `#quantity_wanted` named `qty`, the button core.js answers.
 * @param {PsSession} session @param {PsProduct} product
 */
export const productPage = (session, product) => ({
  title: product.name,
  pageName: 'product',
  content: html`<div class="product-container"><h1 class="h1" itemprop="name">${product.name}</h1>
<div class="product-prices"><span class="current-price-value" content="${product.price / 100}">${formatPrice(product.price)}</span></div>
<div class="product-actions js-product-actions">
<form action="${CART_URL}" method="post" id="add-to-cart-or-refresh">
  <input type="hidden" name="token" value="${session.token}">
  <input type="hidden" name="id_product" value="${product.id}" id="product_page_product_id">
  <input type="hidden" name="id_customization" value="0" id="product_customization_id" class="js-product-customization-id">
  ${
    product.combinations
      ? html`<div class="product-variants js-product-variants"><div class="clearfix product-variants-item"><span class="control-label">Size: </span>
    <select class="form-control form-control-select" id="group_1" aria-label="Size" data-product-attribute="1" name="group[1]">${product.combinations.map(
      (c, i) => html`<option value="${c.group}" title="${c.name}"${i === 0 ? raw(' selected="selected"') : ''}>${c.name}</option>`,
    )}</select></div></div>`
      : ''
  }
  <div class="product-add-to-cart js-product-add-to-cart"><span class="control-label">Quantity</span>
    <div class="product-quantity"><div class="qty"><input type="number" name="qty" id="quantity_wanted" inputmode="numeric" value="1" min="1" class="input-group" aria-label="Quantity"></div>
    <div class="add"><button class="btn btn-primary add-to-cart" data-button-action="add-to-cart" type="submit">Add to cart</button></div></div>
    <span id="product-availability" class="js-product-availability">${product.stock === 0 ? 'Last items in stock' : 'In stock'}</span>
  </div>
</form>
</div></div>`,
});

/**
 * The cart's lines (checkout/_partials/cart-detailed.tpl and cart-detailed-product-line.tpl): the quantity input
 * with its up/down/update URLs, TouchSpin's buttons around it (bootstrap-touchspin, as classic's createSpin
 * wraps it), the remove link with its `data-id-*`.
 * @param {PsSession} session
 */
export function cartOverview(session) {
  const { products } = presentCart(session.cart, session.token);
  if (!products.length)
    return html`<div class="cart-overview js-cart"><span class="no-items">There are no more items in your cart</span></div>`;
  return html`<div class="cart-overview js-cart" data-refresh-url="${CART_URL}?ajax=1&action=refresh"><ul class="cart-items">${products.map(
    (p) => html`<li class="cart-item"><div class="product-line-grid">
  <div class="product-line-grid-body"><div class="product-line-info"><a class="label" href="${p.url}" data-id_customization="0">${p.name}</a></div>
    <div class="product-line-info product-price"><span class="price">${p.price}</span></div>
    ${Array.isArray(p.attributes) ? '' : html`<div class="product-line-info size"><span class="label">Size:</span> <span class="value">${p.attributes.Size}</span></div>`}
  </div>
  <div class="product-line-grid-right product-line-actions"><div class="qty"><div class="input-group bootstrap-touchspin">
    <input class="js-cart-line-product-quantity form-control" data-down-url="${p.down_quantity_url}" data-up-url="${p.up_quantity_url}" data-update-url="${p.update_quantity_url}" data-product-id="${p.id_product}" type="number" inputmode="numeric" pattern="[0-9]*" value="${p.quantity}" name="product-quantity-spin" aria-label="${p.name} product quantity field">
    <span class="input-group-btn-vertical"><button class="btn btn-touchspin js-touchspin bootstrap-touchspin-up" type="button" aria-label="More">+</button><button class="btn btn-touchspin js-touchspin bootstrap-touchspin-down" type="button" aria-label="Less">−</button></span>
  </div></div>
  <div class="price"><span class="product-price"><strong>${p.total}</strong></span></div>
  <div class="cart-line-product-actions"><a class="remove-from-cart" rel="nofollow" href="${p.remove_from_cart_url}" data-link-action="delete-from-cart" data-id-product="${p.id_product}" data-id-product-attribute="${p.id_product_attribute}" data-id-customization="">remove</a></div>
  </div>
</div></li>`,
  )}</ul></div>`;
}

/** The totals block (checkout/_partials/cart-detailed-totals.tpl). @param {PsSession} session */
export function cartTotals(session) {
  const cart = presentCart(session.cart, session.token);
  return html`<div class="cart-detailed-totals js-cart-detailed-totals">
  <div class="cart-summary-line" id="cart-subtotal-products"><span class="label js-subtotal">${cart.summary_string}</span> <span class="value">${cart.subtotals.products.value}</span></div>
  <div class="cart-summary-line cart-total"><span class="label">Total (tax incl.)</span> <span class="value">${cart.totals.total.value}</span></div>
</div>`;
}

/** The cart page (checkout/cart.tpl, `controller=cart&action=show`). @param {PsSession} session */
export const cartPage = (session) => ({
  title: 'Cart',
  pageName: 'cart',
  content: html`<div class="cart-grid row"><div class="cart-grid-body"><div class="card cart-container"><h1 class="h1">Shopping Cart</h1>${cartOverview(session)}</div></div>
<div class="cart-grid-right"><div class="card cart-summary">${cartTotals(session)}
<div class="checkout cart-detailed-actions js-cart-detailed-actions card-block"><div class="text-sm-center"><a href="/prestashop/order" class="btn btn-primary">Proceed to checkout</a></div></div></div></div></div>`,
});

/** The checkout's summary (checkout/_partials/cart-summary.tpl, `#js-checkout-summary`). @param {PsSession} session */
export function checkoutSummary(session) {
  const cart = presentCart(session.cart, session.token);
  return html`<section id="js-checkout-summary" class="card js-cart" data-refresh-url="${CART_URL}?ajax=1&action=refresh">
<ul class="cart-summary-products">${cart.products.map((p) => html`<li class="media-body">${p.quantity} × ${p.name} ${p.price}</li>`)}</ul>
<div class="cart-summary-line" id="cart-subtotal-shipping"><span class="label">Shipping</span> <span class="value">${cart.subtotals.shipping.value}</span></div>
<div class="cart-summary-line cart-total"><span class="label">Total (tax incl.)</span> <span class="value">${cart.totals.total.value}</span></div>
</section>`;
}

/**
 * The checkout (`controller=order`, page_name `checkout`): the delivery step (checkout/_partials/steps/shipping.tpl:
 * `#js-delivery` posts its choice to `data-url-update`, core.js's checkout-delivery.js, then emits
 * `updatedDeliveryForm`) and the payment step, whose wire payment form confirms the order
 * (modules/ps_wirepayment/controllers/front/validation.php).
 * @param {PsSession} session
 */
export const checkoutPage = (session) => ({
  title: 'Order',
  pageName: 'checkout',
  content: html`<div class="row"><div class="col-md-8">
<section id="checkout-delivery-step" class="checkout-step -complete"><h1 class="step-title h3">3 Shipping Method</h1>
<form class="clearfix" id="js-delivery" data-url-update="/prestashop/order?ajax=1&action=selectDeliveryOption" method="post">
${CARRIERS.map(
  (
    c,
  ) => html`<div class="delivery-option"><label for="delivery_option_${c.id}"><input type="radio" name="delivery_option[5]" id="delivery_option_${c.id}" value="${c.id},"${c.id === session.cart.carrier ? raw(' checked') : ''}>
  <span class="carrier-name">${c.name}</span> <span class="carrier-delay">${c.delay}</span> <span class="carrier-price">${formatPrice(c.price)} tax incl.</span></label></div>`,
)}
</form></section>
<section id="checkout-payment-step" class="checkout-step -current js-current-step"><h1 class="step-title h3">4 Payment</h1>
<form id="payment-form" method="post" action="/prestashop/module/ps_wirepayment/validation">
  <label><input type="checkbox" name="conditions_to_approve[terms-and-conditions]" value="1" checked> I agree to the terms of service.</label>
  <div id="payment-confirmation"><button type="submit" class="btn btn-primary center-block">Place order</button></div>
</form></section></div>
<div class="col-md-4">${checkoutSummary(session)}</div></div>`,
});

/**
 * The order-confirmation page (checkout/order-confirmation.tpl, order-confirmation-table.tpl): formatted text only,
 * the reference rather than the id.
 * @param {PsOrder} order
 */
export const confirmationPage = (order) => ({
  title: 'Order confirmation',
  pageName: 'order-confirmation',
  content: html`<section id="content-hook_order_confirmation" class="card"><h3 class="h1 card-title"><i class="material-icons rtl-no-flip done">&#xE876;</i>Your order is confirmed</h3></section>
<section id="content" class="page-content page-order-confirmation card"><div class="card-block"><div class="row">
<div id="order-items" class="col-md-8"><div class="order-confirmation-table">${order.lines.map(
    (
      l,
    ) => html`<div class="order-line row"><div class="details"><span>${l.name}${l.combination ? ` - Size : ${l.combination}` : ''}</span></div>
  <div class="qty"><div class="row"><div class="col-xs-4 text-sm-center text-xs-left">${formatPrice(l.unit)}</div><div class="col-xs-4">${l.quantity}</div><div class="col-xs-4 text-xs-right bold">${formatPrice(l.unit * l.quantity)}</div></div></div></div>`,
  )}
<table><tr><td>Subtotal</td><td>${formatPrice(order.products)}</td></tr><tr><td>Shipping and handling</td><td>${formatPrice(order.shipping)}</td></tr>
<tr class="font-weight-bold total-value"><td><span class="text-uppercase">Total</span> (tax incl.)</td><td>${formatPrice(order.products + order.shipping)}</td></tr></table></div></div>
<div id="order-details" class="col-md-4"><h3 class="h3 card-title">Order details:</h3><ul>
<li id="order-reference-value">Order reference: ${order.reference}</li><li>Payment method: Bank transfer</li><li>Shipping method: My carrier</li></ul></div>
</div></div></section>`,
});

/** A cart line's name and combination for the order. @param {import('./prestashop-cart.mjs').PsLine} line */
export function orderLineOf(line) {
  const product = /** @type {PsProduct} */ (findProduct(line.idProduct));
  return {
    name: product.name,
    combination: combinationOf(product, line.idProductAttribute)?.name ?? '',
    unit: unitPrice(product, line.idProductAttribute),
    quantity: line.quantity,
  };
}
