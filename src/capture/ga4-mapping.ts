import { roundMoney } from '../lib/money';
import type { CartProduct } from '../types';

/** What a GA4 e-commerce event asks of the SDK; the cart record turns units into the quantity after the change. */
export type Ga4Intent =
  | { kind: 'add'; product: CartProduct; quantity: number }
  | { kind: 'remove'; product: CartProduct; quantity: number }
  /** The order as GA4 gave it: the tracker's validation types it (a line without a price is `invalid` there). */
  | { kind: 'purchase'; order: unknown };

type Params = Record<string, unknown>;

const isObject = (value: unknown): value is Params => typeof value === 'object' && value !== null;
const num = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value)
    ? value
    : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())
      ? Number(value)
      : undefined;
const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

/**
 * The GA4 event in a dataLayer entry, in either shape: `dataLayer.push({ event, ecommerce })` or
 * `gtag('event', name, params)`, which pushes its `arguments` object.
 */
export function readGa4Event(entry: unknown): { name: string; params: Params } | undefined {
  if (!isObject(entry)) return undefined;
  if (typeof entry.length === 'number' && entry[0] === 'event' && typeof entry[1] === 'string') {
    return { name: entry[1], params: isObject(entry[2]) ? entry[2] : {} };
  }
  if (typeof entry.event === 'string' && isObject(entry.ecommerce)) return { name: entry.event, params: entry.ecommerce };
  return undefined;
}

function item(raw: unknown, params: Params, soleItem: boolean) {
  const i = isObject(raw) ? raw : {};
  const quantity = num(i.quantity) ?? 1;
  // GA4 `price` is the unit price; without it, a single item's unit price follows from the event's value.
  const eventValue = num(params.value);
  const price = num(i.price) ?? (soleItem && eventValue !== undefined && quantity > 0 ? roundMoney(eventValue / quantity) : undefined);
  const product: CartProduct = {
    productId: text(i.item_id) ?? text(i.item_name) ?? '',
    productName: text(i.item_name) ?? text(i.item_id),
    value: price,
    currency: text(i.currency) ?? text(params.currency),
  };
  return { product, quantity, price };
}

/** Maps `add_to_cart`, `remove_from_cart` and `purchase`; every other event means nothing here. Pure. */
export function mapGa4Event(name: string, params: Params): Ga4Intent[] {
  const items = Array.isArray(params.items) ? params.items : [];
  const read = items.map((raw) => item(raw, params, items.length === 1));
  if (name === 'add_to_cart' || name === 'remove_from_cart') {
    const kind = name === 'add_to_cart' ? 'add' : 'remove';
    return read.map(({ product, quantity }) => ({ kind, product, quantity }));
  }
  if (name !== 'purchase') return [];
  const lineItems = read.map(({ product, quantity, price }) => ({
    productId: product.productId,
    productName: product.productName,
    quantity,
    value: price === undefined ? undefined : roundMoney(price * quantity),
    currency: product.currency,
  }));
  const total = num(params.value) ?? roundMoney(lineItems.reduce((sum, line) => sum + (line.value ?? 0), 0));
  return [{ kind: 'purchase', order: { orderId: text(params.transaction_id), value: total, currency: text(params.currency), lineItems } }];
}
