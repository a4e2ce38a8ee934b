// The shop's pages as markup. The same views serve all three variants; only the script-tag one is tagged.
import { action, orderContext, orderLine, productContext, quantityInput } from './alhena-markup.js';
import { productArt } from './art.js';
import { formatPrice, PRODUCTS } from './catalog.js';
import { html, raw } from './html.js';

/** @typedef {import('./layout.js').ShopContext} ShopContext */

const art = (/** @type {import('./catalog.js').Product} */ product) => raw(productArt(product));

/** @param {ShopContext} ctx */
export function catalogueView(ctx) {
  const cards = PRODUCTS.map(
    (product) => html`
    <article class="card" ${productContext(ctx, product)}>
      <a class="card-art" href="${ctx.routes.product(product.id)}" style="background:${product.tint}" data-link tabindex="-1">${art(product)}</a>
      <div class="card-body">
        <h3 class="card-title"><a href="${ctx.routes.product(product.id)}" data-link>${product.name}</a></h3>
        <p class="blurb">${product.blurb}</p>
        <div class="card-foot">
          <span class="price">${formatPrice(product.price)}</span>
          <button type="button" class="btn btn-small" data-shop-action="add" data-sku="${product.id}" ${action(ctx, 'add-to-cart')}>Add to cart</button>
        </div>
      </div>
    </article>`,
  );
  return html`
  <section class="hero">
    <p class="eyebrow">Small-batch coffee &amp; brewing gear</p>
    <h1>Good coffee starts at home.</h1>
    <p class="lede">Not sure what suits your morning? Ask our assistant, bottom right: it knows the whole shop.</p>
  </section>
  <section class="grid" aria-label="Products">${cards}</section>`;
}

/** @param {ShopContext} ctx @param {import('./catalog.js').Product} product */
export function productView(ctx, product) {
  return html`
  <nav class="crumbs"><a href="${ctx.routes.home}" data-link>Shop</a> <span>/</span> ${product.name}</nav>
  <section class="product" ${productContext(ctx, product)}>
    <div class="product-art">${art(product)}</div>
    <div class="product-info">
      <h1>${product.name}</h1>
      <p class="blurb">${product.blurb}</p>
      <p class="product-price">${formatPrice(product.price)}</p>
      <p class="description">${product.description}</p>
      <form class="buy" data-shop-action="add-form" data-sku="${product.id}" ${action(ctx, 'add-to-cart')}>
        <label class="qty-label">Quantity
          <input class="qty-input" type="number" name="quantity" min="1" step="1" value="1" required ${quantityInput(ctx)}>
        </label>
        <button type="submit" class="btn">Add to cart</button>
      </form>
      <p class="notice" data-added role="status"></p>
      <ul class="perks"><li>Free shipping</li><li>Prices include tax</li><li>30-day returns</li></ul>
    </div>
  </section>`;
}

/** @param {ShopContext} ctx @param {import('./cart-store.js').CartLine} line */
function cartLineView(ctx, { product, quantity, lineValue }) {
  const sku = product.id;
  return html`
    <li class="line" ${productContext(ctx, product)}>
      <a class="line-art" href="${ctx.routes.product(sku)}" data-link tabindex="-1">${art(product)}</a>
      <div class="line-name">
        <a href="${ctx.routes.product(sku)}" data-link>${product.name}</a>
        <span class="unit">${formatPrice(product.price)} each</span>
      </div>
      <div class="stepper">
        <button type="button" aria-label="One less" data-shop-action="decrease" data-sku="${sku}" ${action(ctx, 'decrease-quantity')} ${quantity <= 1 ? raw('disabled') : ''}>−</button>
        <input type="number" min="0" step="1" value="${quantity}" aria-label="Quantity of ${product.name}" data-shop-action="set-quantity" data-sku="${sku}" ${action(ctx, 'set-quantity')}>
        <button type="button" aria-label="One more" data-shop-action="increase" data-sku="${sku}" ${action(ctx, 'increase-quantity')}>+</button>
      </div>
      <span class="line-total">${formatPrice(lineValue)}</span>
      <button type="button" class="link-button" data-shop-action="remove" data-sku="${sku}" ${action(ctx, 'remove-from-cart')}>Remove</button>
    </li>`;
}

/** @param {import('./cart-store.js').CartLine[]} lines @param {number} total */
const totalsView = (lines, total) => html`
  <dl class="totals">
    <div><dt>Subtotal (${lines.reduce((n, l) => n + l.quantity, 0)} items)</dt><dd>${formatPrice(total)}</dd></div>
    <div><dt>Shipping</dt><dd>Free</dd></div>
    <div class="grand"><dt>Total</dt><dd data-cart-total>${formatPrice(total)}</dd></div>
  </dl>`;

/** @param {ShopContext} ctx @param {import('./cart-store.js').CartLine[]} lines @param {number} total */
export function cartView(ctx, lines, total) {
  if (lines.length === 0) {
    return html`<section class="empty"><h1>Your cart is empty</h1>
      <p>Browse the shop, or ask the assistant for a suggestion.</p>
      <a class="btn" href="${ctx.routes.home}" data-link>Continue shopping</a></section>`;
  }
  return html`
  <h1 class="page-title">Your cart</h1>
  <div class="two-col">
    <ul class="lines">${lines.map((line) => cartLineView(ctx, line))}</ul>
    <aside class="summary">${totalsView(lines, total)}
      <a class="btn btn-wide" href="${ctx.routes.checkout}" data-link>Checkout</a>
      <a class="muted-link" href="${ctx.routes.home}" data-link>Continue shopping</a>
    </aside>
  </div>`;
}

/** @param {{ label: string, name: string, type?: string, value?: string, auto?: string }} field */
const field = ({ label, name, type = 'text', value = '', auto = 'off' }) =>
  html`<label class="field"><span>${label}</span><input name="${name}" type="${type}" value="${value}" autocomplete="${auto}" required></label>`;

/**
 * The form's opening tag and how it pays: the shop's script places the order, or (hosted checkout) the form
 * posts the cart to the shop's server, which sends the shopper to the payment provider. `data-alhena-fingerprints`
 * has the SDK add the widget's two fingerprints to what is posted.
 * @param {ShopContext} ctx @param {import('./cart-store.js').CartLine[]} lines @param {number} total
 */
function placing(ctx, lines, total) {
  if (!ctx.checkoutAction) {
    return {
      form: raw('<form class="checkout-form" data-shop-action="place-order">'),
      payment: 'This is a demo: no card is needed and nothing is charged.',
      button: `Place order · ${formatPrice(total)}`,
    };
  }
  const cart = JSON.stringify(lines.map(({ product, quantity }) => ({ id: product.id, quantity })));
  return {
    form: html`<form class="checkout-form" method="post" action="${ctx.checkoutAction}" data-alhena-fingerprints>
      <input type="hidden" name="lines" value="${cart}">`,
    payment: 'You pay on the payment provider’s page next (a stand-in: no card, nothing charged).',
    button: `Continue to payment · ${formatPrice(total)}`,
  };
}

/** @param {ShopContext} ctx @param {import('./cart-store.js').CartLine[]} lines @param {number} total */
export function checkoutView(ctx, lines, total) {
  if (lines.length === 0) return cartView(ctx, lines, total);
  const items = lines.map(
    ({ product, quantity, lineValue }) =>
      html`<li><span class="mini-art">${art(product)}</span><span>${product.name} <small>× ${quantity}</small></span><span>${formatPrice(lineValue)}</span></li>`,
  );
  const { form, payment, button } = placing(ctx, lines, total);
  return html`
  <h1 class="page-title">Checkout</h1>
  <div class="two-col">
    ${form}
      <fieldset><legend>Contact</legend>${field({ label: 'Email', name: 'email', type: 'email', value: 'ada@example.com', auto: 'email' })}</fieldset>
      <fieldset><legend>Shipping address</legend>
        ${field({ label: 'Full name', name: 'name', value: 'Ada Lovelace', auto: 'name' })}
        ${field({ label: 'Street', name: 'street', value: '12 St James’s Square', auto: 'street-address' })}
        <div class="field-row">${field({ label: 'City', name: 'city', value: 'London' })}${field({ label: 'Postcode', name: 'postcode', value: 'SW1Y 4JH' })}</div>
      </fieldset>
      <fieldset><legend>Payment</legend><p class="demo-payment">${payment}</p></fieldset>
      <button type="submit" class="btn btn-wide">${button}</button>
    </form>
    <aside class="summary"><h2>Order summary</h2><ul class="mini-lines">${items}</ul>${totalsView(lines, total)}</aside>
  </div>`;
}

const TICK = raw(
  '<svg viewBox="0 0 48 48" aria-hidden="true"><circle cx="24" cy="24" r="24" fill="#3f7d58"/><path d="M14 25l7 7 14-15" stroke="#fff" stroke-width="4" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>',
);

/** @param {ShopContext} ctx @param {import('./orders.js').Order | undefined} order */
export function orderView(ctx, order) {
  if (!order) {
    return html`<section class="empty"><h1>Order not found</h1><p>This browser has no order with that number.</p>
      <a class="btn" href="${ctx.routes.home}" data-link>Back to the shop</a></section>`;
  }
  const lines = order.lines.map(
    (line) =>
      html`<li ${orderLine(ctx, line)}><span>${line.name} <small>× ${line.quantity}</small></span><span>${formatPrice(line.lineValue)}</span></li>`,
  );
  return html`
  <section class="confirmation" ${orderContext(ctx, order)}>
    <div class="tick">${TICK}</div>
    <h1>Thank you, ${order.customer.name.split(' ')[0]}!</h1>
    <p>Order <strong data-order-id>${order.id}</strong> is confirmed. A receipt is on its way to ${order.customer.email}.</p>
    <ul class="order-lines">${lines}</ul>
    <p class="order-total"><span>Total paid</span><strong data-order-total>${formatPrice(order.value)}</strong></p>
    <a class="btn" href="${ctx.routes.home}" data-link>Continue shopping</a>
  </section>`;
}

/** @param {ShopContext} ctx */
export const notFoundView = (ctx) =>
  html`<section class="empty"><h1>Nothing here</h1><p>That page does not exist.</p><a class="btn" href="${ctx.routes.home}" data-link>Back to the shop</a></section>`;
