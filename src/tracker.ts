import { HANDOFF_WAIT_MS, startFingerprintForms } from './capture/fingerprint-forms';
import { resolveConfig } from './config/options';
import { toFingerprintFields } from './events/fingerprint-fields';
import { type ValidationIssue, validateCartEvent, validateCheckout } from './events/input';
import { type EventBody, toCartBody, toCheckoutBody } from './events/wire';
import { readFingerprints, waitForFingerprints } from './fingerprints/fingerprints';
import { createHold } from './lib/hold';
import { randomId } from './lib/ids';
import { createLogger } from './lib/logger';
import { startSoon } from './lib/start-soon';
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
  /** Start at once rather than soon (the script tag's own loader already waited). */
  startNow?: boolean;
  /**
   * For the default tracker a module function created before `init()`: receives a function that adds
   * `init()`'s options while the configuration is not settled (it answers whether they were taken);
   * the configuration is read in the next task, not at the first call (React runs a child's effects
   * before its parent's, so `syncCart` may come just before `init`).
   */
  adoptLater?: (adopt: (extra: Options) => boolean) => void;
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
  /** Why calls are refused: CONFIG, SHOPIFY, NOT_IN_BROWSER, SHUT_DOWN, INTERNAL_ERROR (it could not start). */
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

  const trackCart = (event: unknown) => {
    const s = session as Session;
    const checked = validateCartEvent(event, s.config.currency);
    if (!checked.ok) return invalid('trackCartEvent', checked.issues);
    const { productId, productName, value, currency, quantity } = checked.data;
    // The cart helpers count from this record, whichever way the page reported the change.
    s.cart.set({ id: productId, q: quantity, n: productName, p: value, c: currency });
    return enqueue(s, toCartBody(checked.data, s.config.companyKey, s.config.source));
  };
  const trackCheckout = (order: unknown) => {
    const s = session as Session;
    if (s.config.ordersFrom === 'server') {
      s.cart.clear();
      logger.debug('trackCheckout: orders are reported by the store’s server (ordersFrom "server"); nothing sent');
      return Promise.resolve<TrackResult>({ status: 'dropped', eventId: randomId(), code: 'ORDERS_FROM_SERVER' });
    }
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

  let resolveReady = () => {};
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  let starting = false;
  let stopForms = () => {};
  /** Whether the configuration is read (a session started or the tracker refused); `readConfig` reads it again until then. */
  let settled = false;
  let readConfig: ((last: boolean) => void) | undefined;
  /**
   * Reads the configuration and starts the session: on the first call, or soon after the tracker is
   * created (lib/start-soon.ts), so that creating one (`init()`) costs the page almost nothing.
   */
  const start = () => {
    if (starting || refused) return;
    starting = true;
    if (!doc || typeof window === 'undefined') {
      refused = 'NOT_IN_BROWSER';
      return resolveReady();
    }
    // Forms hand the fingerprints to the store's server whatever the configuration: a store that keeps its
    // company key on its server has no need of one here.
    stopForms = startFingerprintForms(window, { allowed: () => consentNow() === 'granted', read: readFp, wait: handOver });
    const readOnce = (last: boolean) => {
      if (settled || refused) return;
      const resolved = resolveConfig(options ?? {}, doc, internals.autoTrackDefault);
      if (!resolved.ok && !last && resolved.missingKey) return;
      settled = true;
      resolveReady();
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
        trackCart: (event) => guarded('trackCartEvent', trackCart, event),
        trackCheckout: (order) => guarded('trackCheckout', trackCheckout, order),
        invalid,
        unchanged: () => done({ status: 'dropped', eventId: randomId(), code: 'NO_CHANGE' }),
        fetch: internals.fetch,
        now: internals.now ?? Date.now,
        random: internals.random ?? Math.random,
      });
      logger.debug(`ready: company ${resolved.config.companyKey}, API ${resolved.config.apiBaseUrl}`);
      session.capture();
    };
    /** Runs from timers and listeners too: what the page's objects throw (options, widget, storage) stops here. */
    const read = (last: boolean) => {
      try {
        readOnce(last);
      } catch (error) {
        settled = true;
        refused = 'INTERNAL_ERROR';
        resolveReady();
        logger.error('could not start', error);
      }
    };
    readConfig = read;
    // The widget's snippet (document.gleenConfig) often comes later in the page than this SDK.
    const loading = doc.readyState === 'loading';
    if (!internals.adoptLater) read(!loading); // else `init()` may still come in this task
    if (settled) return;
    if (loading) doc.addEventListener('DOMContentLoaded', () => read(true), { once: true });
    else setTimeout(() => read(true), 0);
  };
  internals.adoptLater?.((extra) => {
    if (settled) return false;
    options = { ...options, ...extra };
    readConfig?.(false);
    return true;
  });
  /** The fingerprints to hand to the store's own code, waiting up to `ms`; none while consent is pending or denied. */
  const consentNow = () =>
    session?.config.consent ??
    String(options?.consent ?? 'granted')
      .trim()
      .toLowerCase();
  const handOver = async (ms: number): Promise<Fingerprints | null> => {
    try {
      start();
      if (!doc || consentNow() !== 'granted') return null;
      const fp = readFp() ?? (await waitForFingerprints(readFp, ms));
      return consentNow() === 'granted' ? fp : null;
    } catch {
      return null;
    }
  };
  const failure = (name: string, error: unknown): TrackResult => {
    logger.error(`${name} failed unexpectedly`, error);
    return { status: 'dropped', eventId: randomId(), code: 'INTERNAL_ERROR' };
  };
  /** Calls made before the configuration was read wait for it, and keep their order (lib/hold.ts). */
  const { hold, waiting } = createHold(ready);
  /** The one guard at the boundary: synchronous once started (an event tracked as the page leaves is stored at once). */
  function guarded<A>(name: string, method: (arg: A) => Promise<TrackResult>, arg: A): Promise<TrackResult> {
    try {
      start();
      // Once started, a method's promise only ever resolves (what throws is caught here): the usual call
      // allocates nothing more, which matters to a page making its first calls before the JIT has warmed up.
      if (session && !refused && !waiting()) return method(arg);
      const run = () => (refused || !session ? done({ status: 'dropped', eventId: randomId(), code: refused }) : method(arg));
      if (refused) return run();
      return hold(run).catch((error) => failure(name, error));
    } catch (error) {
      return Promise.resolve(failure(name, error));
    }
  }
  const safely = (name: string, method: () => void) => {
    try {
      method();
    } catch (error) {
      logger.error(`${name} failed unexpectedly`, error);
    }
  };

  // Last, once everything above exists: a start at once (the script tag) runs capture, whose orders
  // and dataLayer entries already on the page come back through `guarded`.
  if (doc && typeof window !== 'undefined' && !internals.startNow) startSoon(start);
  else start();

  return {
    trackCartEvent: (event: CartEventInput) => guarded('trackCartEvent', trackCart, event),
    trackCheckout: (order: CheckoutInput) => guarded('trackCheckout', trackCheckout, order),
    addToCart: (product, quantity) => guarded('addToCart', (p) => (session as Session).helpers.addToCart(p, quantity), product),
    updateQuantity: (product, quantity) =>
      guarded('updateQuantity', (p) => (session as Session).helpers.updateQuantity(p, quantity), product),
    removeFromCart: (product) => guarded('removeFromCart', (p) => (session as Session).helpers.removeFromCart(p), product),
    syncCart: (items) =>
      safely('syncCart', () => {
        start();
        if (session && !waiting()) session.helpers.syncCart(items);
        else if (!refused) void hold(() => session?.helpers.syncCart(items));
      }),
    getFingerprints: () => handOver(FINGERPRINT_WAIT_MS),
    getFingerprintFields: () => handOver(HANDOFF_WAIT_MS).then((fp) => fp && toFingerprintFields(fp)),
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
        start();
        await ready;
        await session?.deliver().flush();
      } catch (error) {
        logger.error('flush failed unexpectedly', error);
      }
    },
    shutdown: () =>
      safely('shutdown', () => {
        session?.stop();
        stopForms();
        session = undefined;
        refused = 'SHUT_DOWN';
        resolveReady();
      }),
  };
}

/** An independent tracker with its own options. Most pages use `init` and the module functions instead. */
export function createTracker(options: Options = {}): Tracker {
  return createTrackerWith(options);
}
