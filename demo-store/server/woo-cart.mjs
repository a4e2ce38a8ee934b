// One visitor's cart in the stand-in WooCommerce store: lines by cart item key, the hash its cookie carries,
// and the refusals WooCommerce answers with. Facts from includes/class-wc-cart.php (generate_cart_id,
// add_to_cart, set_quantity, get_cart_hash) and includes/class-wc-cart-session.php (set_cart_cookies).
import { createHash } from 'node:crypto';
import { findPurchasable, priceOf } from './woo-catalog.mjs';

/**
 * @typedef {import('./woo-catalog.mjs').Purchasable} Purchasable
 * @typedef {{ key: string, productId: number, variationId: number, variation: Record<string, string>, quantity: number }} CartLine
 *   `productId`: the parent for a variation (WooCommerce keeps both); `variation`: `{ attribute_size: 'Large' }`.
 * @typedef {{ lines: CartLine[] }} WooCart
 * @typedef {{ ok: true, key: string } | { ok: false, code: string, message: string, productId: number }} AddResult
 */

const MAX_QUANTITY = 9999;
const md5 = (/** @type {string} */ text) => createHash('md5').update(text).digest('hex');

/** @returns {WooCart} */
export const createCart = () => ({ lines: [] });

/** What a line is: its product and variation from the catalogue. @param {CartLine} line @returns {Purchasable} */
export const purchasableOf = (line) => /** @type {Purchasable} */ (findPurchasable(line.variationId || line.productId));

/**
 * The line's key: an md5 of the product, variation and chosen attributes, so the same product added twice
 * is one line (class-wc-cart.php generate_cart_id).
 * @param {number} productId @param {number} variationId @param {Record<string, string>} variation
 */
const cartItemKey = (productId, variationId, variation) =>
  md5(
    [
      productId,
      variationId,
      Object.entries(variation)
        .map(([k, v]) => `${k}=${v}`)
        .join('&'),
    ].join('_'),
  );

/** @param {string} name the product's name in WooCommerce's notices */
const outOfStock = (name) => `You cannot add &quot;${name}&quot; to the cart because the product is out of stock.`;

/**
 * Adds `quantity` of a product or variation (`id`), as WC_Cart::add_to_cart: a variable product's own id is
 * refused (an option must be chosen), so is a product out of stock.
 * @param {WooCart} cart @param {unknown} id @param {unknown} quantity
 * @returns {AddResult}
 */
export function addToCart(cart, id, quantity = 1) {
  const item = findPurchasable(id);
  const count = Number(quantity);
  if (!item)
    return { ok: false, code: 'woocommerce_rest_product_invalid_id', message: 'No product with this ID.', productId: Number(id) || 0 };
  const { product, variation } = item;
  if (!Number.isInteger(count) || count < 1 || count > MAX_QUANTITY) {
    return {
      ok: false,
      code: 'woocommerce_rest_invalid_quantity',
      message: 'Quantity must be a positive whole number.',
      productId: product.id,
    };
  }
  if (product.type === 'variable' && !variation) {
    return {
      ok: false,
      code: 'woocommerce_rest_missing_variation_data',
      message: `Please choose product options by visiting <a href="/woo/product/${product.slug}/" title="${product.name}">${product.name}</a>.`,
      productId: product.id,
    };
  }
  const existing = findLine(cart, product.id, variation?.id ?? 0);
  const stock = product.stock ?? Number.POSITIVE_INFINITY;
  if ((existing?.quantity ?? 0) + count > stock) {
    return { ok: false, code: 'woocommerce_rest_product_out_of_stock', message: outOfStock(product.name), productId: product.id };
  }
  if (existing) {
    existing.quantity += count;
    return { ok: true, key: existing.key };
  }
  const attributes = variation ? { [`attribute_${variation.attribute.toLowerCase()}`]: variation.value } : {};
  const line = {
    key: cartItemKey(product.id, variation?.id ?? 0, attributes),
    productId: product.id,
    variationId: variation?.id ?? 0,
    variation: attributes,
    quantity: count,
  };
  cart.lines.push(line);
  return { ok: true, key: line.key };
}

/** @param {WooCart} cart @param {number} productId @param {number} variationId */
const findLine = (cart, productId, variationId) => cart.lines.find((l) => l.productId === productId && l.variationId === variationId);

/** @param {WooCart} cart @param {unknown} key */
export const lineByKey = (cart, key) => cart.lines.find((l) => l.key === key) ?? null;

/** Sets a line's quantity; 0 removes it (WC_Cart::set_quantity). False when there is no such line. @param {WooCart} cart @param {unknown} key @param {number} quantity */
export function setQuantity(cart, key, quantity) {
  const line = lineByKey(cart, key);
  if (!line) return false;
  if (quantity <= 0) return removeLine(cart, key);
  line.quantity = Math.min(quantity, MAX_QUANTITY);
  return true;
}

/** @param {WooCart} cart @param {unknown} key */
export function removeLine(cart, key) {
  const index = cart.lines.findIndex((l) => l.key === key);
  if (index === -1) return false;
  cart.lines.splice(index, 1);
  return true;
}

/** @param {WooCart} cart */
export const emptyCart = (cart) => void cart.lines.splice(0);

/** @param {WooCart} cart */
export const itemsCount = (cart) => cart.lines.reduce((sum, line) => sum + line.quantity, 0);

/** The lines' total in cents (prices include tax, no shipping in the stand-in). @param {WooCart} cart */
export const cartTotal = (cart) => cart.lines.reduce((sum, line) => sum + priceOf(purchasableOf(line)) * line.quantity, 0);

/**
 * The `woocommerce_cart_hash` cookie's value: an md5 of the session's cart and its total
 * (class-wc-cart.php get_cart_hash); '' for an empty cart, whose cookies are expired instead.
 * @param {WooCart} cart
 */
export function cartHash(cart) {
  if (cart.lines.length === 0) return '';
  const forSession = cart.lines.map((l) => ({
    key: l.key,
    product_id: l.productId,
    variation_id: l.variationId,
    variation: l.variation,
    quantity: l.quantity,
  }));
  return md5(JSON.stringify(forSession) + (cartTotal(cart) / 100).toFixed(2));
}
