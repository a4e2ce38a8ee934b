import * as v from 'valibot';
import { toJson } from '../lib/json';
import { object } from '../lib/schema';
import type { Storage } from '../lib/storage';
import type { CartEventType } from '../types';

/**
 * A line as stored: short keys, to keep the record small (`id`, `q`uantity, `n`ame, `p`rice, `c`urrency).
 * They stay at this edge: the rest of the SDK reads `CartLine`.
 */
const StoredLineSchema = object({
  id: v.pipe(v.string(), v.nonEmpty()),
  q: v.pipe(v.number(), v.integer(), v.minValue(1)),
  n: v.optional(v.pipe(v.string(), v.nonEmpty())),
  p: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
  c: v.optional(v.pipe(v.string(), v.length(3))),
});

/** What the SDK remembers of one cart line: the quantity, and the name, unit price and currency last seen. */
export interface CartLine {
  productId: string;
  quantity: number;
  productName?: string;
  value?: number;
  currency?: string;
}

const toStored = (line: CartLine) => ({ id: line.productId, q: line.quantity, n: line.productName, p: line.value, c: line.currency });

/** The cart's total as a platform's cart data last stated it (shipping, taxes and discounts in). */
const TotalSchema = object({ value: v.pipe(v.number(), v.finite(), v.minValue(0)), currency: v.pipe(v.string(), v.length(3)) });
export type CartTotal = v.InferOutput<typeof TotalSchema>;

/**
 * The event a change from `current` to `next` units means to the vendor: a product enters the cart
 * with ITEM_ADDED, changes with QUANTITY_INCREASED/DECREASED (the quantity after the change), and
 * leaves with ITEM_REMOVED. Undefined when nothing changes.
 */
export function cartEventType(current: number, next: number): CartEventType | undefined {
  if (next === current) return undefined;
  if (next === 0) return 'ITEM_REMOVED';
  if (current === 0) return 'ITEM_ADDED';
  return next > current ? 'QUANTITY_INCREASED' : 'QUANTITY_DECREASED';
}

export interface CartRecord {
  get(productId: string): CartLine | undefined;
  /** Sets a line (quantity 0 removes it). */
  set(line: CartLine): void;
  /** Every line, in the order they entered the record. */
  lines(): CartLine[];
  /** Whether there is a record for this visitor at all: none on a first visit, or once it was cleared or expired. */
  known(): boolean;
  /** Replaces every line: the store's own truth. */
  replace(lines: CartLine[]): void;
  /** Empties the record (a checkout): the cart is known to be empty, so the next add is an add. */
  clear(): void;
  /** The total a platform's last cart read stated, for an order page whose order data cannot be read. */
  total(): CartTotal | undefined;
  setTotal(total: CartTotal): void;
}

/** The record (lines and total) expires this long after its last change: a cart left for a day is no longer known. */
export const CART_RECORD_TTL_MS = 24 * 60 * 60_000;

/**
 * The visitor's cart as the SDK knows it, in storage so that it spans page loads and tabs. Changes made
 * in one task are written once, at its end (as the queue's events are), and storage is parsed again
 * only when it holds something other than what this tab last read or wrote: another tab changed it.
 * It expires CART_RECORD_TTL_MS after its last change (`${key}:at`): then there is no record, and its
 * keys are removed.
 */
export function createCartRecord(storage: Storage, key: string, now: () => number = Date.now): CartRecord {
  let lines = new Map<string, CartLine>();
  let text: string | null = null;
  let dirty = false;
  /**
   * Whether the stored record is past its time: then its keys go. One stored before its time was kept counts
   * from now, as the order ids do.
   */
  const expired = () => {
    const at = Number(storage.get(`${key}:at`));
    if (!at) storage.set(`${key}:at`, String(now()));
    if (!at || now() - at <= CART_RECORD_TTL_MS) return false;
    for (const suffix of ['', ':total', ':at']) storage.remove(key + suffix);
    return true;
  };
  const load = (): Map<string, CartLine> => {
    let stored = dirty ? text : storage.get(key);
    if (stored === text) return lines;
    // Read anew (first use, or another tab wrote it): its age is checked then.
    if (stored !== null && expired()) stored = null;
    if (stored === text) return lines;
    text = stored;
    lines = new Map();
    try {
      const items: unknown = JSON.parse(stored ?? '[]');
      for (const item of Array.isArray(items) ? items : []) {
        const line = v.safeParse(StoredLineSchema, item);
        if (!line.success) continue;
        const { id, q, n, p, c } = line.output;
        lines.set(id, { productId: id, quantity: q, productName: n, value: p, currency: c });
      }
    } catch {
      // Corrupt: the SDK starts from an empty cart rather than trust it.
    }
    return lines;
  };
  const write = () => {
    if (!dirty) return;
    dirty = false;
    text = toJson([...lines.values()].map(toStored));
    storage.set(key, text);
    storage.set(`${key}:at`, String(now()));
  };
  const changed = () => {
    if (!dirty) queueMicrotask(write);
    dirty = true;
  };
  return {
    get: (productId) => load().get(productId),
    lines: () => [...load().values()],
    known: () => load() && (dirty || text !== null),
    set(line) {
      if (line.quantity > 0) load().set(line.productId, line);
      else load().delete(line.productId);
      changed();
    },
    replace(next) {
      lines = new Map(next.map((line) => [line.productId, line]));
      changed();
    },
    clear() {
      lines = new Map();
      changed();
      storage.remove(`${key}:total`);
    },
    total() {
      load(); // an expired record takes its total with it
      try {
        const total = v.safeParse(TotalSchema, JSON.parse(storage.get(`${key}:total`) ?? 'null'));
        return total.success ? total.output : undefined;
      } catch {
        return undefined;
      }
    },
    setTotal: (total) => storage.set(`${key}:total`, toJson(total)),
  };
}
