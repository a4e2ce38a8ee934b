import { resolveConfig } from './config/options';
import { type CartEvent, type ValidationIssue, validateCartEvent, validateCheckout } from './events/input';
import { type EventBody, toCartBody, toCheckoutBody } from './events/wire';
import { readFingerprints, watchFingerprints } from './fingerprints/fingerprints';
import { randomId } from './lib/ids';
import { createLogger } from './lib/logger';
import { type Session, startSession } from './session';
import type { AlhenaCartError, CartEventInput, CheckoutInput, Fingerprints, Options, Tracker, TrackResult } from './types';

/** How long `getFingerprints()` waits for a widget that has not loaded yet. */
export const FINGERPRINT_WAIT_MS = 5_000;

/** Seams for tests and for the script-tag build; not part of the public API. */
export interface Internals {
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  autoTrackDefault?: boolean;
}

const callSafely = <T>(callback: ((value: T) => void) | undefined, value: T) => {
  try {
    callback?.(value);
  } catch {
    // The page's own callback threw: that must not stop delivery.
  }
};

/** Wires configuration → validation → delivery and capture for one company key. No method throws or rejects. */
export function createTrackerWith(givenOptions: Options = {}, internals: Internals = {}): Tracker {
  let options = givenOptions ?? {};
  const logger = createLogger(() => options?.debug === true);
  const doc = globalThis.document as Document | undefined;
  const readFp = (): Fingerprints | null =>
    readFingerprints(typeof options?.fingerprints === 'function' ? options.fingerprints : undefined);
  let session: Session | undefined;
  /** Why calls are refused: CONFIG, SHOPIFY, NOT_IN_BROWSER, SHUT_DOWN. */
  let refused: string | undefined;

  const reportError = (error: AlhenaCartError) => {
    logger.debug('error', error.code, error.message);
    callSafely(options?.onError, error);
  };
  const report = (result: TrackResult) => {
    logger.debug(`${result.eventId}: ${result.status}${result.code ? ` (${result.code})` : ''}`);
    if (result.status !== 'queued') callSafely(options?.onEvent, result);
  };
  /** Outcomes decided at the call: the caller's promise has them; onEvent hears them too. */
  const done = (result: TrackResult) => {
    report(result);
    return Promise.resolve(result);
  };
  const invalid = (name: string, issues: ValidationIssue[]) => {
    logger.debug(`${name}: invalid input, nothing sent:\n${issues.map((i) => `  ${i.path} ${i.message}`).join('\n')}`);
    return done({ status: 'invalid', eventId: randomId(), code: 'INVALID_INPUT', issues });
  };
  const enqueue = (s: Session, body: EventBody) =>
    s.config.consent === 'denied'
      ? done({ status: 'dropped', eventId: randomId(), code: 'CONSENT_DENIED' })
      : s.deliver().enqueue(body, readFp());

  const trackCart = (event: unknown, onValid?: (event: CartEvent) => void) => {
    const s = session as Session;
    const checked = validateCartEvent(event, s.config.currency);
    if (!checked.ok) return invalid('trackCartEvent', checked.issues);
    onValid?.(checked.data);
    return enqueue(s, toCartBody(checked.data, s.config.companyKey, s.config.source));
  };
  const trackCheckout = (order: unknown) => {
    const s = session as Session;
    const checked = validateCheckout(order, s.config.currency);
    if (!checked.ok) return invalid('trackCheckout', checked.issues);
    const { orderId } = checked.data;
    if (orderId && s.config.consent !== 'denied') {
      if (s.orders.seen(orderId)) {
        logger.debug(`order ${orderId} was already tracked in this browser; not sent again`);
        return done({ status: 'duplicate', eventId: randomId(), code: 'ORDER_ALREADY_TRACKED' });
      }
      s.orders.mark(orderId, 1);
    }
    s.cart.clear();
    return enqueue(s, toCheckoutBody(checked.data, s.config.companyKey));
  };

  const ready = new Promise<void>((resolve) => {
    if (!doc || typeof window === 'undefined') {
      refused = 'NOT_IN_BROWSER';
      return resolve();
    }
    let settled = false;
    const attempt = (last: boolean) => {
      if (settled) return;
      const resolved = resolveConfig(options ?? {}, doc, internals.autoTrackDefault);
      if (!resolved.ok && !last && resolved.missingKey) return;
      settled = true;
      resolve();
      if (!resolved.ok) {
        refused = 'CONFIG';
        logger.error(resolved.message);
        return reportError({ code: 'CONFIG', message: resolved.message });
      }
      if ((globalThis as { Shopify?: unknown }).Shopify && !resolved.config.allowShopify) {
        refused = 'SHOPIFY';
        return logger.debug(
          'Shopify store: Alhena records its cart and checkout events itself, so this SDK stays idle (set allowShopify to override).',
        );
      }
      session = startSession(resolved.config, {
        logger,
        fingerprints: readFp,
        report(result) {
          report(result);
          // A dropped event (queue full, expired, consent denied) is also an error.
          if (result.status === 'dropped')
            reportError({
              code: result.code ?? 'DROPPED',
              message: `event ${result.eventId} was dropped (${result.code})`,
              eventId: result.eventId,
            });
        },
        reportError,
        trackCart: (event, onValid) => guarded('trackCartEvent', () => trackCart(event, onValid)),
        trackCheckout: (order) => guarded('trackCheckout', () => trackCheckout(order)),
        invalid,
        unchanged: () => done({ status: 'dropped', eventId: randomId(), code: 'NO_CHANGE' }),
        fetch: internals.fetch,
        now: internals.now ?? Date.now,
        random: internals.random ?? Math.random,
      });
      logger.debug(`ready: company ${resolved.config.companyKey}, API ${resolved.config.apiBaseUrl}`);
      session.capture();
    };
    // The widget's snippet (document.gleenConfig) often comes later in the page than this SDK.
    attempt(doc.readyState !== 'loading');
    if (!settled) doc.addEventListener('DOMContentLoaded', () => attempt(true), { once: true });
  });

  /** The one guard at the boundary: synchronous once configured (an event tracked as the page leaves is stored at once). */
  function guarded(name: string, method: () => Promise<TrackResult>): Promise<TrackResult> {
    const failed = (error: unknown): TrackResult => {
      logger.error(`${name} failed unexpectedly`, error);
      return { status: 'dropped', eventId: randomId(), code: 'INTERNAL_ERROR' };
    };
    try {
      const run = () => (refused || !session ? done({ status: 'dropped', eventId: randomId(), code: refused }) : method());
      return (session || refused ? run() : ready.then(run)).catch(failed);
    } catch (error) {
      return Promise.resolve(failed(error));
    }
  }
  const safely = (name: string, method: () => void) => {
    try {
      method();
    } catch (error) {
      logger.error(`${name} failed unexpectedly`, error);
    }
  };

  return {
    trackCartEvent: (event: CartEventInput) => guarded('trackCartEvent', () => trackCart(event)),
    trackCheckout: (order: CheckoutInput) => guarded('trackCheckout', () => trackCheckout(order)),
    addToCart: (product, quantity) => guarded('addToCart', () => (session as Session).helpers.addToCart(product, quantity)),
    updateQuantity: (product, quantity) => guarded('updateQuantity', () => (session as Session).helpers.updateQuantity(product, quantity)),
    removeFromCart: (product) => guarded('removeFromCart', () => (session as Session).helpers.removeFromCart(product)),
    syncCart: (items) =>
      safely('syncCart', () => {
        if (session) session.helpers.syncCart(items);
        else if (!refused) void ready.then(() => session?.helpers.syncCart(items));
      }),
    async getFingerprints() {
      try {
        if (!doc) return null;
        return (
          readFp() ??
          (await new Promise<Fingerprints | null>((resolve) => {
            const timer = setTimeout(() => {
              stop();
              resolve(null);
            }, FINGERPRINT_WAIT_MS);
            const stop = watchFingerprints(readFp, () => {
              clearTimeout(timer);
              resolve(readFp());
            });
          }))
        );
      } catch {
        return null;
      }
    },
    setConsent: (consent) =>
      safely('setConsent', () => {
        if (consent !== 'granted' && consent !== 'pending' && consent !== 'denied') {
          return logger.error(
            `setConsent: expected "granted", "pending" or "denied", got ${typeof consent === 'string' ? `"${consent}"` : typeof consent}`,
          );
        }
        logger.debug(`consent ${consent}`);
        if (!session) options = { ...options, consent };
        else if (session.config.consent !== consent) {
          session.config.consent = consent;
          session.deliver().setConsent(consent);
        }
      }),
    async flush() {
      try {
        await ready;
        await session?.deliver().flush();
      } catch (error) {
        logger.error('flush failed unexpectedly', error);
      }
    },
    shutdown: () =>
      safely('shutdown', () => {
        session?.stop();
        session = undefined;
        refused = 'SHUT_DOWN';
      }),
  };
}

/** An independent tracker with its own options. Most pages use `init` and the module functions instead. */
export function createTracker(options: Options = {}): Tracker {
  return createTrackerWith(options);
}
