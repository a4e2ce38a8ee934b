import { formatIssues } from '../events/input';
import type { EventOrigin } from '../observe';
import type { SessionContext, TrackerPlugin } from '../tracker/plugin';
import type { TrackResult } from '../types';
import { CAPTURE_EVENTS } from './capture-events';
import { startDataLayerBridge } from './datalayer';
import { startDomCapture } from './dom-capture';
import { startFingerprintForms } from './fingerprint-forms';
import type { CaptureHandlers } from './handlers';
import { startOrderCapture } from './order-capture';

/** What each capture source may do: the tracker's calls, with a failed validation reported as an error naming the element. */
function handlersFor(
  source: string,
  origin: EventOrigin['source'],
  { calls, logger, reportError }: SessionContext,
  claim: CaptureHandlers['claim'],
): CaptureHandlers {
  /** Tracks with the event's origin (this source, the element it read), reporting an invalid one with its element. */
  const checked = (track: (from: EventOrigin) => Promise<TrackResult>, element?: Element) =>
    track({ source: origin, element }).then((r) => {
      if (r.status === 'invalid') {
        const message = `${source}: ${formatIssues(r.issues ?? [])}`;
        reportError({ code: 'INVALID_INPUT', message, eventId: r.eventId, element });
      }
      return r;
    });
  return {
    addToCart: (product, quantity, element) => checked((from) => calls.addToCart(product, quantity, from), element),
    updateQuantity: (product, quantity, shown, element) => checked((from) => calls.updateQuantity(product, quantity, shown, from), element),
    removeFromCart: (product, shown, element) => checked((from) => calls.removeFromCart(product, shown, from), element),
    quantityOf: calls.quantityOf,
    trackCheckout: (order, element) => checked((from) => calls.trackCheckout(order, from), element),
    error(error) {
      logger.debug(`${source}: ${error.message}`, error.element ?? '');
      reportError(error);
    },
    claim,
  };
}

/** Data attributes, order confirmations and the GA4 bridge, as configured. */
function startCapture(context: SessionContext): () => void {
  const { config } = context;
  const doc = globalThis.document;
  // With both sources on, the first to report a cart change owns the page: one add is never counted twice.
  // A platform's code, once recognised, owns it whatever came first.
  const claim = (source: 'dom' | 'dataLayer') => context.claimCart(source);
  const stops: (() => void)[] = [];
  if (config.autoTrack && doc) {
    // A store whose server reports orders has no order pages to read here.
    const orders =
      config.ordersFrom === 'server'
        ? undefined
        : startOrderCapture(doc, handlersFor('order confirmation', 'order-element', context, claim));
    stops.push(startDomCapture(doc, handlersFor('data attributes', 'data-attribute', context, claim), orders?.extend ?? (() => {})));
    if (orders) stops.push(orders.stop);
  }
  if (config.dataLayer && typeof window !== 'undefined')
    stops.push(startDataLayerBridge(window, handlersFor('dataLayer', 'dataLayer', context, claim)));
  return () => {
    for (const stop of stops) stop();
  };
}

/**
 * Capture: `data-alhena-*` controls, order confirmation pages, the GA4 dataLayer bridge (with the
 * `autoTrack` and `dataLayer` options), and `<form data-alhena-fingerprints>`. The script tag has it;
 * npm users take it from `@alhena/cart-events/capture`.
 */
export const capture: TrackerPlugin = {
  startOn: CAPTURE_EVENTS,
  page: startFingerprintForms,
  session: startCapture,
};
