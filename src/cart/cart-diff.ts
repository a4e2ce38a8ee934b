import { roundMoney } from '../lib/money';
import type { CartEventType } from '../types';
import { type CartLine, cartEventType } from './cart-record';

/** One cart event the comparison calls for, in `trackCartEvent`'s shape. */
export interface CartDiffEvent extends Omit<CartLine, 'quantity'> {
  type: CartEventType;
  quantity: number;
}

/**
 * The lines of a cart by product id; a line at 0 is no line (contract § 10). Lines of one product add up,
 * at the average unit price, so that the order of the lines changes nothing.
 */
export function linesById(lines: readonly CartLine[]): Map<string, CartLine> {
  const byId = new Map<string, CartLine & { total?: number }>();
  for (const line of lines) {
    if (line.quantity <= 0) continue;
    const same = byId.get(line.productId);
    const total =
      (same ? same.total : 0) !== undefined && line.value !== undefined ? (same?.total ?? 0) + line.value * line.quantity : undefined;
    byId.set(line.productId, { ...(same ?? line), quantity: (same?.quantity ?? 0) + line.quantity, total });
  }
  const result = new Map<string, CartLine>();
  for (const [id, { total, ...line }] of byId)
    result.set(id, total === undefined ? line : { ...line, value: roundMoney(total / line.quantity) });
  return result;
}

/**
 * Pure: the events that take the cart from `before` to `after`. One per product whose quantity
 * changed: in the order of `after`'s lines, then the removals in the order of `before`'s. Name, price
 * and currency come from the new line, and from the old one for a removal.
 */
export function diffCart(before: readonly CartLine[], after: readonly CartLine[]): CartDiffEvent[] {
  const old = linesById(before);
  const next = linesById(after);
  const events: CartDiffEvent[] = [];
  for (const line of next.values()) {
    const type = cartEventType(old.get(line.productId)?.quantity ?? 0, line.quantity);
    if (type) events.push({ ...line, type });
  }
  for (const line of old.values()) if (!next.has(line.productId)) events.push({ ...line, type: 'ITEM_REMOVED', quantity: 0 });
  return events;
}
