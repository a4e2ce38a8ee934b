// Orders as the shop records them: the shop makes the order id and computes the total.
import { CURRENCY, toMoney } from './catalog.js';

const ORDERS_KEY = 'ember-oak:orders';

/**
 * @typedef {{ id: string, name: string, price: number, quantity: number, lineValue: number }} OrderLine
 * @typedef {{ id: string, createdAt: number, currency: string, value: number, lines: OrderLine[],
 *   customer: { name: string, email: string } }} Order
 */

/** @returns {Record<string, Order>} */
function readOrders() {
  try {
    const orders = JSON.parse(localStorage.getItem(ORDERS_KEY) ?? '{}');
    return orders && typeof orders === 'object' ? orders : {};
  } catch {
    return {};
  }
}

/** `ORD-7K2Q9X`: random, so two visitors of the demo never collide on the sandbox. */
export function newOrderId() {
  const digits = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `ORD-${Array.from(bytes, (b) => digits[b % digits.length]).join('')}`;
}

/**
 * An order for the cart's lines. Shipping is free and prices include tax, so the total is the lines' sum.
 * The hosted checkout's server builds its orders with it too (server/hosted-checkout.mjs).
 * @param {import('./cart-store.js').CartLine[]} cartLines
 * @param {{ name: string, email: string }} customer
 * @returns {Order}
 */
export function orderFrom(cartLines, customer) {
  const lines = cartLines.map(({ product, quantity, lineValue }) => ({
    id: product.id,
    name: product.name,
    price: product.price,
    quantity,
    lineValue,
  }));
  const value = toMoney(lines.reduce((sum, line) => sum + line.lineValue, 0));
  return { id: newOrderId(), createdAt: Date.now(), currency: CURRENCY, value, lines, customer };
}

/**
 * Records an order for the cart's lines in this browser.
 * @param {import('./cart-store.js').CartLine[]} cartLines
 * @param {{ name: string, email: string }} customer
 * @returns {Order}
 */
export function placeOrder(cartLines, customer) {
  const order = orderFrom(cartLines, customer);
  localStorage.setItem(ORDERS_KEY, JSON.stringify({ ...readOrders(), [order.id]: order }));
  return order;
}

/** @param {string | null | undefined} id @returns {Order | undefined} */
export const readOrder = (id) => (id ? readOrders()[id] : undefined);
