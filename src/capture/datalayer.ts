import { type Ga4Intent, mapGa4Event, readGa4Event } from './ga4-mapping';
import type { CaptureHandlers } from './handlers';

type Push = (...entries: unknown[]) => number;

/** Applies a GA4 intent through the cart helpers, so units become the quantity after the change. */
function apply(intent: Ga4Intent, handlers: CaptureHandlers) {
  if (intent.kind === 'purchase') return handlers.trackCheckout(intent.order);
  if (!handlers.claim('dataLayer')) return;
  const id = String(intent.product.productId);
  const held = handlers.quantityOf(id);
  // Without `item_name` the mapping names a product by its id; one the cart holds keeps its recorded name.
  const product = held > 0 && intent.product.productName === id ? { ...intent.product, productName: undefined } : intent.product;
  if (intent.kind === 'add') return handlers.addToCart(product, intent.quantity);
  const left = held - intent.quantity;
  return left > 0 ? handlers.updateQuantity(product, left) : handlers.removeFromCart(product);
}

/**
 * The GA4 bridge: entries already in `window.dataLayer` are read once, later pushes as they come.
 * `push` is wrapped the way Google's own data-layer helper does it (keep the previous `push`, call it
 * first), so GTM and other wrappers chain in either load order; an entry is handled once however
 * many wrappers pass it along.
 */
export function startDataLayerBridge(win: Window, handlers: CaptureHandlers): () => void {
  const w = win as unknown as { dataLayer?: unknown };
  w.dataLayer ??= [];
  const layer = w.dataLayer;
  if (!Array.isArray(layer)) return () => {};
  const seen = new WeakSet<object>();
  const handle = (entry: unknown) => {
    try {
      if (typeof entry !== 'object' || entry === null || seen.has(entry)) return;
      seen.add(entry);
      const event = readGa4Event(entry);
      if (event) for (const intent of mapGa4Event(event.name, event.params)) apply(intent, handlers);
    } catch (error) {
      handlers.error({ code: 'INTERNAL_ERROR', message: `dataLayer entry not handled: ${String(error)}` });
    }
  };
  for (const entry of [...layer]) handle(entry);
  const previous: Push = layer.push;
  const push: Push = function (this: unknown, ...entries) {
    const length = previous.apply(this, entries);
    for (const entry of entries) handle(entry);
    return length;
  };
  layer.push = push;
  return () => {
    if (layer.push === push) layer.push = previous;
  };
}
