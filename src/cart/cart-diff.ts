import { roundMoney } from '../lib/money';
import type { CartEventType } from '../types';
import { type CartLine, cartEventType } from './cart-record';

/** One cart event the comparison calls for, in `trackCartEvent`'s shape. */
export interface CartDiffEvent {
  type: CartEventType;
  productId: string;
  productName?: string;
  value?: number;
  currency?: string;
  quantity: number;
}

/**
 * The lines of a cart by product id; a line at 0 is no line (contract § 10). Lines of one product add up,
 * at the average unit price, so that the order of the lines changes nothing.
 */
export function linesById(lines: readonly CartLine[]): Map<string, CartLine> {
  const byId = new Map<string, CartLine & { total?: number }>();
  for (const line of lines) {
    if (line.q <= 0) continue;
    const same = byId.get(line.id);
    const total = (same ? same.total : 0) !== undefined && line.p !== undefined ? (same?.total ?? 0) + line.p * line.q : undefined;
    byId.set(line.id, { ...(same ?? line), q: (same?.q ?? 0) + line.q, total });
  }
  const result = new Map<string, CartLine>();
  for (const [id, { total, ...line }] of byId) result.set(id, total === undefined ? line : { ...line, p: roundMoney(total / line.q) });
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
  const eventFor = (line: CartLine, type: CartEventType, quantity: number): CartDiffEvent => ({
    type,
    productId: line.id,
    productName: line.n,
    value: line.p,
    currency: line.c,
    quantity,
  });
  for (const line of next.values()) {
    const type = cartEventType(old.get(line.id)?.q ?? 0, line.q);
    if (type) events.push(eventFor(line, type, line.q));
  }
  for (const line of old.values()) if (!next.has(line.id)) events.push(eventFor(line, 'ITEM_REMOVED', 0));
  return events;
}
