import { type ValidationIssue, validateSyncCart } from '../events/input';
import type { AlhenaCartError, CartProduct, TrackResult } from '../types';
import { type CartLine, type CartRecord, cartEventType } from './cart-record';

export interface CartHelperDeps {
  record: () => CartRecord;
  /** Validates and sends a cart event; a valid one also updates the record, at once. */
  track: (event: Record<string, unknown>) => Promise<TrackResult>;
  invalid: (method: string, issues: ValidationIssue[]) => Promise<TrackResult>;
  /** A call that sends nothing because the cart does not change. */
  unchanged: () => Promise<TrackResult>;
  error: (error: AlhenaCartError) => void;
}

export interface CartHelpers {
  addToCart(product: CartProduct, quantity?: number): Promise<TrackResult>;
  /** `shown`: the quantity the page shows for the line now (a cart line's markup), trusted over the record. */
  updateQuantity(product: CartProduct, quantity: number, shown?: number): Promise<TrackResult>;
  removeFromCart(product: CartProduct, shown?: number): Promise<TrackResult>;
  syncCart(items: unknown): void;
  /** The quantity the record holds for a product (0 when it does not know it). */
  quantityOf(productId: unknown): number;
}

const isCount = (n: unknown, min: number): n is number => Number.isInteger(n) && (n as number) >= min;
const idOf = (product: unknown) => {
  const id = (product as { productId?: unknown } | null)?.productId;
  return typeof id === 'string' || typeof id === 'number' ? String(id).trim() : '';
};

/**
 * addToCart, updateQuantity and removeFromCart: the event type and the quantity after the change
 * come from the SDK's record of the cart, which follows each valid cart event (tracker.ts).
 */
export function createCartHelpers(d: CartHelperDeps): CartHelpers {
  const lineOf = (product: unknown, shown?: number): CartLine | undefined => {
    const line = d.record().get(idOf(product));
    if (shown === undefined) return line;
    return shown > 0 ? { ...(line ?? { id: idOf(product) }), q: shown } : undefined;
  };

  const change = (product: CartProduct, next: number, line: CartLine | undefined, removing = false) => {
    // A removal the record does not know of still happened in the store: report it.
    const type = removing && !line ? 'ITEM_REMOVED' : cartEventType(line?.q ?? 0, next);
    if (!type) return d.unchanged();
    const event = {
      type,
      productId: product?.productId,
      productName: product?.productName ?? line?.n,
      value: product?.value ?? line?.p,
      currency: product?.currency ?? line?.c,
      quantity: next,
    };
    return d.track(event);
  };

  return {
    addToCart(product, quantity = 1) {
      if (!isCount(quantity, 1)) return d.invalid('addToCart', [{ path: 'quantity', message: 'must be a whole number of at least 1' }]);
      const line = lineOf(product);
      return change(product, (line?.q ?? 0) + quantity, line);
    },
    updateQuantity(product, quantity, shown) {
      if (!isCount(quantity, 0))
        return d.invalid('updateQuantity', [{ path: 'quantity', message: 'must be a whole number of at least 0' }]);
      return change(product, quantity, lineOf(product, shown), quantity === 0 && shown !== 0);
    },
    removeFromCart: (product, shown) => change(product, 0, lineOf(product, shown), shown !== 0),
    syncCart(items) {
      const checked = validateSyncCart(items);
      if (!checked.ok) {
        const list = checked.issues.map(
          (i) => `items${i.path === 'input' ? '' : i.path.startsWith('[') ? i.path : `.${i.path}`} ${i.message}`,
        );
        d.error({ code: 'INVALID_INPUT', message: `syncCart: cart unchanged: ${list.join('; ')}` });
        return;
      }
      const lines = new Map<string, CartLine>();
      for (const item of checked.data) {
        if (item.quantity > 0)
          lines.set(item.productId, { id: item.productId, q: item.quantity, n: item.productName, p: item.value, c: item.currency });
      }
      d.record().replace([...lines.values()]);
    },
    quantityOf: (productId) => d.record().get(idOf({ productId }))?.q ?? 0,
  };
}
