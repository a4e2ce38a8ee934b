import { startDataLayerBridge } from './capture/datalayer';
import { startDomCapture } from './capture/dom-capture';
import type { CaptureHandlers } from './capture/handlers';
import { startOrderCapture } from './capture/order-capture';
import { type CartHelpers, createCartHelpers } from './cart/cart-helpers';
import { type CartRecord, createCartRecord } from './cart/cart-record';
import type { Config } from './config/options';
import { createDelivery, type Delivery } from './delivery/delivery';
import { createOrderGuard, type OrderGuard } from './delivery/order-guard';
import { createSenderLock } from './delivery/sender-lock';
import { createBrowserSend } from './delivery/transport';
import type { ValidationIssue } from './events/input';
import { randomId } from './lib/ids';
import type { Logger } from './lib/logger';
import { createStorage } from './lib/storage';
import { storageKeys } from './lib/storage-keys';
import type { AlhenaCartError, CheckoutInput, Fingerprints, TrackResult } from './types';

/** What a running tracker needs from its owner. */
export interface SessionDeps {
  logger: Logger;
  fingerprints: () => Fingerprints | null;
  /** Every outcome decided by delivery. */
  report: (result: TrackResult) => void;
  reportError: (error: AlhenaCartError) => void;
  trackCart: (event: Record<string, unknown>) => Promise<TrackResult>;
  trackCheckout: (order: CheckoutInput) => Promise<TrackResult>;
  invalid: (method: string, issues: ValidationIssue[]) => Promise<TrackResult>;
  unchanged: () => Promise<TrackResult>;
  fetch?: typeof fetch;
  now: () => number;
  random: () => number;
}

export interface Session {
  config: Config;
  orders: OrderGuard;
  cart: CartRecord;
  helpers: CartHelpers;
  deliver(): Delivery;
  /** Starts capture; separate so that what capture finds at once meets a session already in place. */
  capture(): void;
  stop(): void;
}

/** Everything that runs for one configured company key on this page. */
export function startSession(config: Config, d: SessionDeps): Session {
  const keys = storageKeys(config.companyKey);
  const storage = createStorage(config.consent === 'granted');
  const tab = randomId().slice(0, 8);
  const orders = createOrderGuard(storage, keys.orders);
  const cart = createCartRecord(storage, keys.cart);
  let delivery: Delivery | undefined;
  // Created on first use, or just after load to resume what earlier pages left: storage, locks and
  // listeners stay out of the page's own script evaluation.
  const deliver = () =>
    (delivery ??= createDelivery({
      config,
      storage,
      keys,
      tab,
      orders,
      send: createBrowserSend({ fetch: d.fetch, log: d.logger.debug }),
      lock: createSenderLock(keys, storage, tab, d.now),
      fingerprints: d.fingerprints,
      report: d.report,
      logger: d.logger,
      now: d.now,
      random: d.random,
    }));
  const helpers = createCartHelpers({
    record: () => cart,
    track: d.trackCart,
    invalid: d.invalid,
    unchanged: d.unchanged,
    error: d.reportError,
  });
  let stopCapture = () => {};
  let stopped = false;
  if (config.consent === 'denied') deliver().setConsent('denied');
  else
    setTimeout(() => {
      try {
        // Not after stop(): a delivery started then would send, and never be shut down.
        if (!stopped) deliver();
      } catch (error) {
        d.logger.error('delivery could not start', error);
      }
    }, 0);
  return {
    config,
    orders,
    cart,
    helpers,
    deliver,
    capture() {
      stopCapture = startCapture(config, helpers, d);
    },
    stop() {
      stopped = true;
      stopCapture();
      delivery?.shutdown();
    },
  };
}

/** Data attributes, order confirmations and the GA4 bridge, as configured. */
function startCapture(config: Config, helpers: CartHelpers, d: SessionDeps): () => void {
  const doc = globalThis.document;
  let cartSource: string | undefined;
  // What capture sends is checked like any call; a capture that fails validation is also an error.
  const checked = (source: string) => (result: Promise<TrackResult>, element?: Element) =>
    result.then((r) => {
      if (r.status === 'invalid') {
        d.reportError({
          code: 'INVALID_INPUT',
          message: `${source}: ${r.issues?.map((i) => `${i.path} ${i.message}`).join('; ')}`,
          eventId: r.eventId,
          element,
        });
      }
      return r;
    });
  const handlers = (source: string): CaptureHandlers => {
    const check = checked(source);
    return {
      addToCart: (product, quantity, element) => check(helpers.addToCart(product, quantity), element),
      updateQuantity: (product, quantity, shown, element) => check(helpers.updateQuantity(product, quantity, shown), element),
      removeFromCart: (product, shown, element) => check(helpers.removeFromCart(product, shown), element),
      quantityOf: helpers.quantityOf,
      trackCheckout: (order, element) => check(d.trackCheckout(order), element),
      error(error) {
        d.logger.debug(`${source}: ${error.message}`, error.element ?? '');
        d.reportError(error);
      },
      // With both sources on, the first to report a cart change owns the page: one add is never counted twice.
      claim(source) {
        cartSource ??= source;
        if (cartSource !== source) d.logger.debug(`${source}: cart event ignored, this page's cart events come from ${cartSource}`);
        return cartSource === source;
      },
    };
  };
  const stops: (() => void)[] = [];
  if (config.autoTrack && doc) {
    // A store whose server reports orders has no order pages to read here.
    const orders = config.ordersFrom === 'server' ? undefined : startOrderCapture(doc, handlers('order confirmation'));
    stops.push(startDomCapture(doc, handlers('data attributes'), orders?.extend ?? (() => {})));
    if (orders) stops.push(orders.stop);
  }
  if (config.dataLayer && typeof window !== 'undefined') stops.push(startDataLayerBridge(window, handlers('dataLayer')));
  return () => {
    for (const stop of stops) stop();
  };
}
