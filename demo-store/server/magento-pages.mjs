// The stand-in Magento store's pages, marked up as Luma's templates mark them up (Magento 2.4): the frame with
// RequireJS's `BASE_URL`/`require` (Magento_Theme::js/require_js.phtml), the minicart (Magento_Checkout::cart/minicart.phtml),
// the `text/x-magento-init` scripts (lib/web/mage/apply/scripts.js reads them), the category list
// (Magento_Catalog::product/list.phtml), the product page's form (product/view/addtocart.phtml, the configurable's
// select from Magento_ConfigurableProduct::product/view/type/options/configurable.phtml, Open Graph metas from
// product/view/opengraph/general.phtml), the cart (Magento_Checkout::cart/form.phtml, cart/item/default.phtml), the
// checkout (onepage.phtml's `window.checkoutConfig`) and the success page (success.phtml). No data-alhena-* attribute.
import { attrs, html, raw } from '../shop/js/html.js';
import { CURRENCY, checkoutConfig, lineParts, PRODUCTS, priceHtml, SIZE_ATTRIBUTE, subtotalOf } from './magento-catalog.mjs';

/**
 * @typedef {import('./magento-catalog.mjs').MagentoProduct} MagentoProduct
 * @typedef {import('./magento-catalog.mjs').MagentoCart} MagentoCart
 * @typedef {ReturnType<typeof raw>} Safe
 * @typedef {{ type: 'success' | 'error' | 'notice', text: string }} Message
 * @typedef {{ cart: MagentoCart, messages: Message[], formKey: string, customer: boolean, debug: boolean }} PageSession
 * @typedef {{ title: string, bodyClass: string, content: Safe, head?: Safe, session: PageSession, origin: string, companyKey: string, nonce?: string }} Frame
 *   `nonce`: the response's CSP nonce (Magento_Csp in restrict mode), given to every `<script>` the page renders.
 */

/** Where the stand-in store is installed: its base URL's path. */
export const BASE_PATH = '/magento/';
/** The deployed static files' folder (pub/static/version…/frontend/Magento/luma/en_US). */
export const STATIC_PATH = `${BASE_PATH}static/version1700000000/frontend/Magento/luma/en_US/`;
const SITE_NAME = 'Luma (stand-in)';

/** A `text/x-magento-init` script: `{ selector: { component: options } }`. @param {Record<string, Record<string, unknown>>} init */
const magentoInit = (init) => raw(`<script type="text/x-magento-init">${JSON.stringify(init).replace(/</g, '\\u003c')}</script>`);

/**
 * The sections Luma's sections.xml files map to the cart's actions (Magento_Checkout, Magento_Customer,
 * Magento_Catalog etc/frontend/sections.xml), as section-config.js gets them: action names lower-cased.
 */
const SECTIONS = {
  'checkout/cart/add': ['cart', 'directory-data', 'messages'],
  'checkout/cart/delete': ['cart', 'messages'],
  'checkout/cart/updatepost': ['cart', 'messages'],
  'checkout/cart/updateitemoptions': ['cart', 'messages'],
  'checkout/sidebar/removeitem': ['cart', 'checkout-data'],
  'checkout/sidebar/updateitemqty': ['cart', 'checkout-data'],
  'rest/*/v1/guest-carts/*/payment-information': ['cart', 'checkout-data', 'last-ordered-items'],
};

/** customer-data's and section-config's options (Magento_Customer::js/customer-data.phtml, js/section-config.phtml). @param {string} base */
const customerDataInit = (base) =>
  magentoInit({
    '*': {
      'Magento_Customer/js/section-config': {
        sections: SECTIONS,
        clientSideSections: ['checkout-data', 'cart-data'],
        baseUrls: [base],
        sectionNames: ['messages', 'customer', 'cart', 'directory-data', 'last-ordered-items', 'checkout-data'],
      },
      'Magento_Customer/js/customer-data': {
        sectionLoadUrl: `${base}customer/section/load/`,
        expirableSectionLifetime: 60,
        expirableSectionNames: ['cart', 'persistent'],
        cookieLifeTime: '3600',
        updateSessionUrl: `${base}customer/account/updateSession/`,
      },
    },
  });

/** The header's minicart, filled from the `cart` section by the sidebar. @param {string} base */
const minicart = (base) => html`
<div data-block="minicart" class="minicart-wrapper">
  <a class="action showcart" href="${base}checkout/cart/" data-bind="scope: 'minicart_content'">
    <span class="text">My Cart</span>
    <span class="counter qty empty"><span class="counter-number"></span></span>
  </a>
  <div class="block block-minicart"><div id="minicart-content-wrapper"></div></div>
  ${magentoInit({
    '[data-block="minicart"]': {
      'Magento_Checkout/js/sidebar': {
        url: {
          checkout: `${base}checkout/`,
          update: `${base}checkout/sidebar/updateItemQty/`,
          remove: `${base}checkout/sidebar/removeItem/`,
        },
      },
    },
  })}
</div>`;

/** @param {Message[]} messages */
const messagesHtml = (messages) =>
  messages.map((m) => html`<div role="alert" class="message-${m.type} ${m.type} message"><div>${m.text}</div></div>`);

/**
 * Demo only, under the strict-CSP flag: records the page's Content-Security-Policy violations in
 * `window.__violations` (what was blocked, by which directive, from which file) for the journeys to read.
 */
const violationRecorder = raw(`<script>window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push({ directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile });
});</script>`);

/**
 * Every `<script>` of the page with the response's nonce, as Magento 2.4.7's SecureHtmlRenderer renders them under
 * Magento_Csp; `text/x-magento-init` scripts (JSON, never executed) are left as they are.
 * @param {string} page @param {string} nonce
 */
const withNonce = (page, nonce) => page.replace(/<script(?=[\s>])(?![^>]*type="text\/x-magento-init")/g, `<script nonce="${nonce}"`);

/** @param {Frame} frame @returns {string} the whole page */
export function renderPage(frame) {
  const base = `${frame.origin}${BASE_PATH}`;
  const debug = frame.session.debug ? ' data-debug="true"' : '';
  const messages = frame.session.messages.splice(0);
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title}</title>
${frame.nonce ? violationRecorder : ''}
${frame.head ?? ''}
<script>var BASE_URL = ${raw(JSON.stringify(base))}; var require = { "baseUrl": ${raw(JSON.stringify(`${frame.origin}${STATIC_PATH}`))} };</script>
<link rel="stylesheet" type="text/css" media="all" href="${STATIC_PATH}css/styles-m.css">
<script type="text/javascript" src="${STATIC_PATH}requirejs/require.js" defer></script>
<!-- Demo only: where the local sandbox runs, and the Alhena widget's snippet (a stand-in). -->
<script src="/demo-config.js"></script>
<script>document.gleenConfig = { company: ${raw(JSON.stringify(frame.companyKey))}, apiBaseUrl: demoStore.sandboxUrl };</script>
<script src="/widget/gleen-widget.js" async></script>
<!-- @alhena/cart-events: the tag alone, as the admin's HTML Head field or default_head_blocks.xml adds it. -->
<script src="/alhena-cart.min.js" data-company-key="${frame.companyKey}"${raw(debug)} async></script>
</head>
<body data-container="body" class="${frame.bodyClass} page-layout-1column">
<div class="demo-bar">
  <strong>Demo:</strong> a stand-in Magento 2 store (Luma, customer-data, jQuery) written for these tests.
  <a href="${BASE_PATH}">Shop</a> · <a href="/">Other variants</a>
</div>
<div class="page-wrapper">
<header class="page-header">
  <div class="header content">
    <a class="logo" href="${BASE_PATH}" title="${SITE_NAME}">${SITE_NAME}</a>
    ${minicart(base)}
  </div>
</header>
<main id="maincontent" class="page-main">
  <div class="page messages">${messagesHtml(messages)}<div data-placeholder="messages"></div>
    ${magentoInit({ '[data-placeholder="messages"]': { 'Magento_Theme/js/view/messages': {} } })}</div>
  <div class="columns"><div class="column main">
${frame.content}
  </div></div>
</main>
<footer class="page-footer"><p>${SITE_NAME} is a demo: nothing is for sale and no payment is taken.</p></footer>
</div>
${customerDataInit(base)}
</body>
</html>
`.toString();
  return frame.nonce ? withNonce(page, frame.nonce) : page;
}

/** A product's add form's action, with `uenc` (the page to come back to, base64url) as Magento builds it. @param {string} base @param {MagentoProduct} product @param {string} back */
const addAction = (base, product, back) =>
  `${base}checkout/cart/add/uenc/${Buffer.from(back).toString('base64url')},/product/${product.id}/`;

/** The category list ("What's New"): `li.product-item`, each with its `tocart-form` (product/list.phtml). @param {PageSession} session @param {string} origin */
export function categoryPage(session, origin) {
  const base = `${origin}${BASE_PATH}`;
  const items = PRODUCTS.map(
    (product) => html`<li class="item product product-item">
      <div class="product-item-info" data-container="product-grid">
        <strong class="product name product-item-name"><a class="product-item-link" href="${base}${product.urlKey}.html">${product.name}</a></strong>
        <div class="price-box price-final_price" data-role="priceBox" data-product-id="${product.id}" data-price-box="product-id-${product.id}">
          <span class="price-container price-final_price"><span id="product-price-${product.id}" data-price-amount="${product.price}" data-price-type="finalPrice" class="price-wrapper">${priceHtml(product.price)}</span></span>
        </div>
        <p class="blurb">${product.blurb}</p>
        <div class="product-item-actions">${
          product.type === 'configurable'
            ? html`<a class="action primary" href="${base}${product.urlKey}.html">Choose options</a>`
            : html`<form data-role="tocart-form" data-product-sku="${product.sku}" action="${addAction(base, product, `${base}`)}" method="post">
            <input type="hidden" name="product" value="${product.id}">
            <input type="hidden" name="uenc" value="${Buffer.from(base).toString('base64url')},">
            <input name="form_key" type="hidden" value="${session.formKey}">
            <button type="submit" title="Add to Cart" class="action tocart primary"><span>Add to Cart</span></button>
          </form>
          <div class="stock available"><span></span></div>`
        }</div>
      </div>
    </li>`,
  );
  return {
    title: 'What’s New',
    bodyClass: 'page-products categorypath-what-is-new category-what-is-new catalog-category-view',
    content: html`<h1 class="page-title"><span class="base">What’s New</span></h1>
<div class="products wrapper grid products-grid"><ol class="products list items product-items">${items}</ol></div>
${magentoInit({ '[data-role=tocart-form], .form.map.checkout': { catalogAddToCart: { product_sku: '' } } })}`,
  };
}

/** A product page: the Open Graph metas, the price box, and `#product_addtocart_form`. @param {PageSession} session @param {string} origin @param {MagentoProduct} product */
export function productPage(session, origin, product) {
  const base = `${origin}${BASE_PATH}`;
  const url = `${base}${product.urlKey}.html`;
  const sizes = product.children
    ? html`<div class="field configurable required">
        <label class="label" for="attribute${SIZE_ATTRIBUTE}"><span>Size</span></label>
        <div class="control"><select name="super_attribute[${SIZE_ATTRIBUTE}]" data-selector="super_attribute[${SIZE_ATTRIBUTE}]" data-validate="{required:true}" id="attribute${SIZE_ATTRIBUTE}" class="super-attribute-select" required>
          <option value="">Choose an Option...</option>
          ${product.children.map((child) => html`<option value="${child.optionId}">${child.label}</option>`)}
        </select></div>
      </div>`
    : '';
  return {
    title: product.name,
    bodyClass: `catalog-product-view product-${product.urlKey} page-product-${product.type}`,
    head: html`<meta property="og:type" content="product">
<meta property="og:title" content="${product.name}">
<meta property="og:url" content="${url}">
<meta property="product:price:amount" content="${product.price}">
<meta property="product:price:currency" content="${CURRENCY}">`,
    content: html`<div class="product-info-main">
  <h1 class="page-title"><span class="base" data-ui-id="page-title-wrapper" itemprop="name">${product.name}</span></h1>
  <div class="price-box price-final_price" data-role="priceBox" data-product-id="${product.id}" data-price-box="product-id-${product.id}">
    <span class="price-container price-final_price"><span id="product-price-${product.id}" data-price-amount="${product.price}" data-price-type="finalPrice" class="price-wrapper">${priceHtml(product.price)}</span></span>
  </div>
  <div class="product-info-stock-sku">
    <div class="stock ${product.inStock ? 'available' : 'unavailable'}" title="Availability"><span>${product.inStock ? 'In stock' : 'Out of stock'}</span></div>
    <div class="product attribute sku"><strong class="type">SKU</strong> <div class="value" itemprop="sku">${product.sku}</div></div>
  </div>
  <div class="product-add-form">
    <form data-product-sku="${product.sku}" action="${addAction(base, product, url)}" method="post" id="product_addtocart_form">
      <input type="hidden" name="product" value="${product.id}">
      <input type="hidden" name="selected_configurable_option" value="">
      <input type="hidden" name="related_product" id="related-products-field" value="">
      <input type="hidden" name="item" value="${product.id}">
      <input name="form_key" type="hidden" value="${session.formKey}">
      ${sizes}
      <div class="box-tocart"><div class="fieldset">
        <div class="field qty"><label class="label" for="qty"><span>Qty</span></label>
          <div class="control"><input type="number" name="qty" id="qty" min="0" value="1" title="Qty" class="input-text qty"></div></div>
        <div class="actions"><button type="submit" title="Add to Cart" class="action primary tocart" id="product-addtocart-button"><span>Add to Cart</span></button></div>
      </div></div>
    </form>
  </div>
  <p>${product.blurb}</p>
</div>
${magentoInit({ '#product_addtocart_form': { catalogAddToCart: { bindSubmit: true } } })}`,
  };
}

/** The cart page's form: `cart[ITEM][qty]` fields, "Update Shopping Cart", and each line's `data-post` removal. @param {PageSession} session @param {string} origin */
export function cartPage(session, origin) {
  const base = `${origin}${BASE_PATH}`;
  const { cart } = session;
  if (!cart.lines.length)
    return {
      title: 'Shopping Cart',
      bodyClass: 'checkout-cart-index',
      content: html`<h1 class="page-title"><span class="base">Shopping Cart</span></h1>
<div class="cart-empty"><p>You have no items in your shopping cart.</p><p>Click <a href="${base}">here</a> to continue shopping.</p></div>`,
    };
  const uenc = Buffer.from(`${base}checkout/cart/`).toString('base64url');
  const rows = cart.lines.map((line) => {
    const { product, child, sku, price } = lineParts(line);
    const post = JSON.stringify({ action: `${base}checkout/cart/delete/`, data: { id: String(line.itemId), uenc } });
    return html`<tbody class="cart item">
      <tr class="item-info">
        <td data-th="Item" class="col item"><strong class="product-item-name"><a href="${base}${product.urlKey}.html">${product.name}</a></strong>
          ${child ? html`<dl class="item-options"><dt>Size</dt><dd>${child.label}</dd></dl>` : ''}</td>
        <td class="col price" data-th="Price">${priceHtml(price)}</td>
        <td class="col qty" data-th="Qty"><div class="field qty"><div class="control qty">
          <input${attrs({ id: `cart-${line.itemId}-qty`, name: `cart[${line.itemId}][qty]`, 'data-cart-item-id': sku, value: line.qty, type: 'number', size: 4, step: 'any', title: 'Qty', class: 'input-text qty', 'data-role': 'cart-item-qty' })}>
        </div></div></td>
        <td class="col subtotal" data-th="Subtotal">${priceHtml(price * line.qty)}</td>
      </tr>
      <tr class="item-actions"><td colspan="4"><div class="actions-toolbar">
        <a href="#" title="Remove item" class="action action-delete"${attrs({ 'data-post': post, 'data-cart-item-id': sku })}><span>Remove item</span></a>
      </div></td></tr>
    </tbody>`;
  });
  return {
    title: 'Shopping Cart',
    bodyClass: 'checkout-cart-index',
    content: html`<h1 class="page-title"><span class="base">Shopping Cart</span></h1>
<form action="${base}checkout/cart/updatePost/" method="post" id="form-validate" class="form form-cart">
  <input name="form_key" type="hidden" value="${session.formKey}">
  <div class="cart table-wrapper"><table id="shopping-cart-table" class="cart items data table">
    <thead><tr><th class="col item">Item</th><th class="col price">Price</th><th class="col qty">Qty</th><th class="col subtotal">Subtotal</th></tr></thead>
    ${rows}
  </table></div>
  <div class="cart main actions">
    <button type="submit" name="update_cart_action" data-cart-item-update="" value="update_qty" title="Update Shopping Cart" class="action update"><span>Update Shopping Cart</span></button>
  </div>
</form>
<div class="cart-summary"><p>Subtotal ${priceHtml(subtotalOf(cart))}</p>
  <a href="${base}checkout/" class="action primary checkout"><span>Proceed to Checkout</span></a></div>
<script>window.checkoutConfig = ${raw(JSON.stringify(checkoutConfig(cart, base)).replace(/</g, '\\u003c'))};</script>
${magentoInit({ '*': { dataPost: {} } })}`,
  };
}

/** The one-page checkout: `window.checkoutConfig` and (instead of Knockout's steps) one "Place Order" button. @param {PageSession} session @param {string} origin */
export function checkoutPage(session, origin) {
  const base = `${origin}${BASE_PATH}`;
  const config = checkoutConfig(session.cart, base);
  return {
    title: 'Checkout',
    bodyClass: 'checkout-index-index',
    content: html`<div id="checkout" data-bind="scope:'checkout'" class="checkout-container">
  <h1 class="page-title"><span class="base">Checkout</span></h1>
  <ol class="opc-progress-bar"><li class="opc-progress-bar-item _active"><span>Review &amp; Payments</span></li></ol>
  <div class="opc-block-summary"><p>${config.quoteItemData.length} item(s), shipping ${priceHtml(config.totalsData.shipping_amount)}, order total <strong class="grand-total">${priceHtml(config.totalsData.grand_total)}</strong></p></div>
  <div class="payment-method _active"><label><input type="radio" name="payment[method]" value="checkmo" checked> Check / Money order</label>
    <div class="actions-toolbar"><button class="action primary checkout" type="submit" title="Place Order" id="place-order"><span>Place Order</span></button></div></div>
</div>
<script>window.checkoutConfig = ${raw(JSON.stringify(config).replace(/</g, '\\u003c'))};</script>
${magentoInit({ '#checkout': { 'Magento_Checkout/js/place-order': {} } })}`,
  };
}

/**
 * The success page: the order number only, a customer's as a link to the order (`.order-number strong`), a guest's
 * in a `span` (Magento_Checkout::success.phtml).
 * @param {PageSession} session @param {string} origin @param {{ entityId: number, incrementId: string }} order
 */
export function successPage(session, origin, order) {
  const base = `${origin}${BASE_PATH}`;
  const number = session.customer
    ? html`<p>Your order number is: <a href="${base}sales/order/view/order_id/${order.entityId}/" class="order-number"><strong>${order.incrementId}</strong></a>.</p>`
    : html`<p>Your order # is: <span>${order.incrementId}</span>.</p>`;
  return {
    title: 'Success Page',
    bodyClass: 'checkout-onepage-success',
    content: html`<h1 class="page-title"><span class="base">Thank you for your purchase!</span></h1>
<div class="checkout-success">
  ${number}
  <p>We'll email you an order confirmation with details and tracking info.</p>
  <div class="actions-toolbar"><div class="primary"><a class="action primary continue" href="${base}"><span>Continue Shopping</span></a></div></div>
</div>`,
  };
}
