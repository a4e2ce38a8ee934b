import { type ValidationIssue, validateSyncCart } from '../events/input';
import type { CartProduct } from '../types';
import { type CartLine, type CartRecord, cartEventType } from './cart-record';

/** What a cart helper call means: the cart event to track, issues with its input, or no change at all. */
export type CartChange = { event: Record<string, unknown> } | { issues: ValidationIssue[] } | { unchanged: true };

const isCount = (n: unknown, min: number): n is number => Number.isInteger(n) && (n as number) >= min;
/** A product's id as the record keys it, or '' when it has none. */
export const idOf = (product: unknown) => {
  const id = (product as { productId?: unknown } | null)?.productId;
  return typeof id === 'string' || typeof id === 'number' ? String(id).trim() : '';
};

/** The record's line for a product, or the line as the page shows it (`shown`: its markup's quantity). */
function lineOf(record: CartRecord, product: unknown, shown?: number): CartLine | undefined {
  const line = record.get(idOf(product));
  if (shown === undefined) return line;
  return shown > 0 ? { ...(line ?? { productId: idOf(product) }), quantity: shown } : undefined;
}

/** From `line` to `next` units: the event, named and priced from the product, else from what the record remembers. */
function change(product: CartProduct, next: number, line: CartLine | undefined, removing = false): CartChange {
  // A removal the record does not know of still happened in the store: report it.
  const type = removing && !line ? 'ITEM_REMOVED' : cartEventType(line?.quantity ?? 0, next);
  if (!type) return { unchanged: true };
  return {
    event: {
      type,
      productId: product?.productId,
      productName: product?.productName ?? line?.productName,
      value: product?.value ?? line?.value,
      currency: product?.currency ?? line?.currency,
      quantity: next,
    },
  };
}

/** `addToCart`: ITEM_ADDED for a product the record does not hold, else QUANTITY_INCREASED with the new total. */
export function addition(record: CartRecord, product: CartProduct, quantity = 1): CartChange {
  if (!isCount(quantity, 1)) return { issues: [{ path: 'quantity', message: 'must be a whole number of at least 1' }] };
  const line = lineOf(record, product);
  return change(product, (line?.quantity ?? 0) + quantity, line);
}

/** `updateQuantity`: QUANTITY_INCREASED, QUANTITY_DECREASED, or ITEM_REMOVED at 0. */
export function quantityChange(record: CartRecord, product: CartProduct, quantity: number, shown?: number): CartChange {
  if (!isCount(quantity, 0)) return { issues: [{ path: 'quantity', message: 'must be a whole number of at least 0' }] };
  return change(product, quantity, lineOf(record, product, shown), quantity === 0 && shown !== 0);
}

/** `removeFromCart`: ITEM_REMOVED, also for a product the record did not know. */
export const removal = (record: CartRecord, product: CartProduct, shown?: number): CartChange =>
  change(product, 0, lineOf(record, product, shown), shown !== 0);

/** `syncCart`: the store's own cart as record lines, or the issues that leave the record as it is. */
export function syncedLines(items: unknown): { lines: CartLine[] } | { issues: ValidationIssue[] } {
  const checked = validateSyncCart(items);
  if (!checked.ok) return { issues: checked.issues };
  const lines = new Map<string, CartLine>();
  for (const item of checked.data) {
    if (item.quantity > 0) lines.set(item.productId, item);
  }
  return { lines: [...lines.values()] };
}

export const quantityOf = (record: CartRecord, productId: unknown) => record.get(idOf({ productId }))?.quantity ?? 0;
