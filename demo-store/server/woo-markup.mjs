// Pieces of WooCommerce's classic markup the stand-in store's pages and fragments share: prices (wc_price),
// notices, the mini-cart (templates/cart/mini-cart.php) and the loop's add-to-cart button (templates/loop/add-to-cart.php).
import { attrs, html, raw } from '../shop/js/html.js';
import { cartTotal, purchasableOf } from './woo-cart.mjs';
import { formatWooPrice, fullNameOf, priceOf, skuOf, WOO_CURRENCY } from './woo-catalog.mjs';
import { wooUrls } from './woo-layout.mjs';

/**
 * @typedef {import('./woo-cart.mjs').WooCart} WooCart
 * @typedef {import('./woo-catalog.mjs').WooProduct} WooProduct
 * @typedef {import('./woo-store-api.mjs').WooSession} WooSession
 */

/** `<span class="woocommerce-Price-amount amount"><bdi>18,50&nbsp;<span class="woocommerce-Price-currencySymbol">€</span></bdi></span>` (wc_price). @param {number} cents */
export function priceHtml(cents) {
  const number = formatWooPrice(cents).replace(WOO_CURRENCY.suffix, '');
  return html`<span class="woocommerce-Price-amount amount"><bdi>${number}&nbsp;<span class="woocommerce-Price-currencySymbol">${WOO_CURRENCY.symbol}</span></bdi></span>`;
}

/** A product's price in the loop and on its page: a sale shows the regular price struck out (get_price_html). @param {WooProduct} product */
export function productPriceHtml(product) {
  if (product.variations) {
    const prices = product.variations.map((v) => v.regular);
    return html`${priceHtml(Math.min(...prices))} – ${priceHtml(Math.max(...prices))}`;
  }
  const regular = /** @type {number} */ (product.regular);
  if (product.sale === undefined) return priceHtml(regular);
  return html`<del aria-hidden="true">${priceHtml(regular)}</del> <ins aria-hidden="true">${priceHtml(product.sale)}</ins>`;
}

/**
 * The notices the last request left in the session, shown once (wc_print_notices: `.woocommerce-message`,
 * `.woocommerce-error`, `.woocommerce-info`). Their text is WooCommerce's own markup, trusted as it trusts it.
 * @param {WooSession} session
 */
export function noticesHtml(session) {
  const notices = session.notices.splice(0);
  const byType = (/** @type {string} */ type) => notices.filter((n) => n.type === type);
  const errors = byType('error');
  return html`<div class="woocommerce-notices-wrapper">${byType('success').map(
    (n) => html`<div class="woocommerce-message" role="alert">${raw(n.text)}</div>`,
  )}${errors.length ? html`<ul class="woocommerce-error" role="alert">${errors.map((n) => html`<li>${raw(n.text)}</li>`)}</ul>` : ''}${byType(
    'notice',
  ).map((n) => html`<div class="woocommerce-info" role="status">${raw(n.text)}</div>`)}</div>`;
}

/**
 * The mini-cart's content (templates/cart/mini-cart.php): one `li.woocommerce-mini-cart-item` per line whose
 * remove link carries `data-product_id` (the parent's id for a variation) and `data-cart_item_key`, the
 * quantity as "2 × 18,50 €"; or the empty message.
 * @param {WooSession} session @param {string} origin
 */
export function miniCartHtml(session, origin) {
  const urls = wooUrls(session.settings, origin);
  const { cart } = session;
  if (cart.lines.length === 0)
    return html`<div class="widget_shopping_cart_content"><p class="woocommerce-mini-cart__empty-message">No products in the cart.</p></div>`;
  const rows = cart.lines.map((line) => {
    const item = purchasableOf(line);
    const name = fullNameOf(item);
    return html`<li class="woocommerce-mini-cart-item mini_cart_item">
      <a${attrs({
        href: `${urls.cart}${urls.cart.includes('?') ? '&' : '?'}remove_item=${line.key}&_wpnonce=${session.nonce.slice(0, 10)}`,
        class: 'remove remove_from_cart_button',
        'aria-label': `Remove ${name} from cart`,
        'data-product_id': line.productId,
        'data-cart_item_key': line.key,
        'data-product_sku': skuOf(item),
      })}>&times;</a>
      <a href="${urls.product(item.product.slug)}">${name}</a>
      <span class="quantity">${line.quantity} &times; ${priceHtml(priceOf(item))}</span>
    </li>`;
  });
  return html`<div class="widget_shopping_cart_content"><ul class="woocommerce-mini-cart cart_list product_list_widget">${rows}</ul>
    <p class="woocommerce-mini-cart__total total"><strong>Subtotal:</strong> ${priceHtml(cartTotal(cart))}</p>
    <p class="woocommerce-mini-cart__buttons buttons"><a href="${urls.cart}" class="button wc-forward">View cart</a> <a href="${urls.checkout}" class="button checkout wc-forward">Checkout</a></p></div>`;
}

/**
 * The loop's button (templates/loop/add-to-cart.php, woocommerce_template_loop_add_to_cart): `?add-to-cart=ID`
 * with `ajax_add_to_cart` when AJAX adds are on and the product looked purchasable as the page was made; a
 * variable product links to its page ("Select options").
 * @param {WooProduct} product @param {WooSession} session
 */
export function loopButtonHtml(product, session) {
  const variable = product.type === 'variable';
  const inStock = product.listedInStock || (product.stock ?? 1) > 0;
  const ajax = !variable && inStock && session.settings.ajaxAdd;
  const classes = ['button', `product_type_${product.type}`, inStock ? 'add_to_cart_button' : '', ajax ? 'ajax_add_to_cart' : '']
    .filter(Boolean)
    .join(' ');
  return html`<a${attrs({
    href: variable || !inStock ? `/woo/product/${product.slug}/` : `?add-to-cart=${product.id}`,
    'data-quantity': 1,
    class: classes,
    'data-product_id': product.id,
    'data-product_sku': product.sku,
    'aria-label': variable ? `Select options for “${product.name}”` : `Add to cart: “${product.name}”`,
    rel: 'nofollow',
  })}>${variable ? 'Select options' : inStock ? 'Add to cart' : 'Read more'}</a>`;
}
