// The shop's own cart, kept in localStorage. The SDK keeps a record of its own; the cart page syncs them.
import { findProduct, toMoney } from './catalog.js';

const CART_KEY = 'ember-oak:cart';
export const CART_CHANGED = 'shop:cart-changed';

/** @typedef {{ id: string, quantity: number }} StoredLine */
/** @typedef {{ product: import('./catalog.js').Product, quantity: number, lineValue: number }} CartLine */

/** @returns {StoredLine[]} */
function readStored() {
  try {
    const lines = JSON.parse(localStorage.getItem(CART_KEY) ?? '[]');
    return Array.isArray(lines) ? lines.filter((l) => findProduct(l?.id) && Number.isInteger(l.quantity) && l.quantity > 0) : [];
  } catch {
    return [];
  }
}

/** @param {StoredLine[]} lines */
function writeStored(lines) {
  localStorage.setItem(CART_KEY, JSON.stringify(lines.filter((line) => line.quantity > 0)));
  window.dispatchEvent(new CustomEvent(CART_CHANGED));
}

/** The cart with products and line totals, in the order the products were added. @returns {CartLine[]} */
export function cartLines() {
  return readStored().map(({ id, quantity }) => {
    const product = /** @type {import('./catalog.js').Product} */ (findProduct(id));
    return { product, quantity, lineValue: toMoney(product.price * quantity) };
  });
}

export const cartCount = () => readStored().reduce((sum, line) => sum + line.quantity, 0);
export const cartTotal = () => toMoney(cartLines().reduce((sum, line) => sum + line.lineValue, 0));
export const quantityOf = (/** @type {string} */ id) => readStored().find((line) => line.id === id)?.quantity ?? 0;

/**
 * Sets a line's quantity (0 removes it) and returns the quantities before and after.
 * @param {string} id
 * @param {number} quantity
 */
export function setQuantity(id, quantity) {
  const lines = readStored();
  const line = lines.find((l) => l.id === id);
  const before = line?.quantity ?? 0;
  const after = Math.max(0, Math.floor(quantity));
  if (line) line.quantity = after;
  else if (after > 0) lines.push({ id, quantity: after });
  writeStored(lines);
  return { before, after };
}

export const addItem = (/** @type {string} */ id, quantity = 1) => setQuantity(id, quantityOf(id) + quantity);
export const removeItem = (/** @type {string} */ id) => setQuantity(id, 0);
export const clearCart = () => writeStored([]);
