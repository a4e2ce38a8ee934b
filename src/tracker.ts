import { type Config, resolveConfig } from './config/options';
import { createDelivery, type Delivery } from './delivery/delivery';
import { createOrderGuard, type OrderGuard } from './delivery/order-guard';
import { QUEUE_FORMAT } from './delivery/queue';
import { createSenderLock } from './delivery/sender-lock';
import { createTransport } from './delivery/transport';
import { validateCartEvent, validateCheckout, type ValidationIssue } from './events/input';
import { type EventBody, toCartBody, toCheckoutBody } from './events/wire';
import { readFingerprints, watchFingerprints } from './fingerprints/fingerprints';
import { randomId } from './lib/ids';
import { createLogger } from './lib/logger';
import { STORAGE_PREFIX, createStorage } from './lib/storage';
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

interface Running {
  config: Config;
  orders: OrderGuard;
  deliver: () => Delivery;
  /** The delivery, if it has been created yet. */
  started: () => Delivery | undefined;
}

const callSafely = <T>(callback: ((value: T) => void) | undefined, value: T) => {
  try {
    callback?.(value);
  } catch {
    // The page's own callback threw: that must not stop delivery.
  }
};

/** Wires configuration → validation → delivery for one company key. Every method is guarded: none throws or rejects. */
export function createTrackerWith(givenOptions: Options = {}, internals: Internals = {}): Tracker {
  let options = givenOptions ?? {};
  const now = internals.now ?? Date.now;
  const logger = createLogger(() => options?.debug === true);
  const doc = globalThis.document as Document | undefined;
  const readFp = (): Fingerprints | null =>
    readFingerprints(typeof options?.fingerprints === 'function' ? options.fingerprints : undefined);
  let running: Running | undefined;
  /** Why calls are refused: CONFIG, SHOPIFY, NOT_IN_BROWSER, SHUT_DOWN. */
  let refused: string | undefined;

  const reportError = (error: AlhenaCartError) => {
    logger.debug('error', error);
    callSafely(options?.onError, error);
  };
  const report = (result: TrackResult) => {
    logger.debug(`${result.eventId}: ${result.status}${result.code ? ` (${result.code})` : ''}`);
    if (result.status !== 'queued') callSafely(options?.onEvent, result);
  };
  /** Outcomes decided by delivery: a dropped event (queue full, expired, consent denied) is also an error. */
  const reportDelivered = (result: TrackResult) => {
    report(result);
    if (result.status === 'dropped') {
      reportError({ code: result.code ?? 'DROPPED', message: `event ${result.eventId} was dropped (${result.code})`, eventId: result.eventId });
    }
  };
  /** Outcomes decided at the call: the caller's promise has them; onEvent hears them too. */
  const done = (result: TrackResult) => {
    report(result);
    return Promise.resolve(result);
  };

  const start = (config: Config) => {
    if ((globalThis as { Shopify?: unknown }).Shopify && !config.allowShopify) {
      refused = 'SHOPIFY';
      logger.debug('Shopify store: Alhena records its cart and checkout events itself, so this SDK stays idle (set allowShopify to override).');
      return;
    }
    const namespace = `${STORAGE_PREFIX}${QUEUE_FORMAT}:${config.companyKey}:`;
    const storage = createStorage(config.consent === 'granted');
    const tab = randomId().slice(0, 8);
    const orders = createOrderGuard(storage, namespace);
    let delivery: Delivery | undefined;
    // Created on first use, or just after load to resume what earlier pages left: storage, locks and
    // listeners stay out of the page's own script evaluation.
    const deliver = () =>
      (delivery ??= createDelivery({
        config,
        storage,
        namespace,
        tab,
        orders,
        send: createTransport(internals.fetch),
        lock: createSenderLock(`${namespace}sender`, storage, tab, now),
        fingerprints: readFp,
        report: reportDelivered,
        logger,
        now,
        random: internals.random ?? Math.random,
      }));
    running = { config, orders, deliver, started: () => delivery };
    if (config.consent === 'denied') deliver().setConsent('denied');
    else setTimeout(() => running && deliver(), 0);
    logger.debug(`ready: company ${config.companyKey}, API ${config.apiBaseUrl}`);
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
      if (resolved.ok) start(resolved.config);
      else if (!last && resolved.missingKey) return;
      else {
        refused = 'CONFIG';
        logger.error(resolved.message);
        reportError({ code: 'CONFIG', message: resolved.message });
      }
      settled = true;
      resolve();
    };
    // The widget's snippet (document.gleenConfig) often comes later in the page than this SDK.
    attempt(doc.readyState !== 'loading');
    if (!settled) doc.addEventListener('DOMContentLoaded', () => attempt(true), { once: true });
  });

  const guard =
    <A extends unknown[]>(name: string, method: (...args: A) => Promise<TrackResult>) =>
    (...args: A): Promise<TrackResult> => {
      const failed = (error: unknown): TrackResult => {
        logger.error(`${name} failed unexpectedly`, error);
        return { status: 'dropped', eventId: randomId(), code: 'INTERNAL_ERROR' };
      };
      try {
        // Synchronous once configured, so an event tracked just before the page leaves is stored at once.
        const run = () => (refused || !running ? done({ status: 'dropped', eventId: randomId(), code: refused }) : method(...args));
        return (running || refused ? run() : ready.then(run)).catch(failed);
      } catch (error) {
        return Promise.resolve(failed(error));
      }
    };

  const invalid = (name: string, issues: ValidationIssue[]) => {
    logger.debug(`${name}: invalid input, nothing sent:\n${issues.map((i) => `  ${i.path} ${i.message}`).join('\n')}`);
    return done({ status: 'invalid', eventId: randomId(), code: 'INVALID_INPUT', issues });
  };

  const enqueue = ({ deliver, config }: Running, body: EventBody) =>
    config.consent === 'denied'
      ? done({ status: 'dropped', eventId: randomId(), code: 'CONSENT_DENIED' })
      : deliver().enqueue(body, readFp());

  return {
    trackCartEvent: guard('trackCartEvent', (event: CartEventInput) => {
      const r = running as Running;
      const checked = validateCartEvent(event, r.config.currency);
      if (!checked.ok) return invalid('trackCartEvent', checked.issues);
      return enqueue(r, toCartBody(checked.data, r.config.companyKey, r.config.source));
    }),
    trackCheckout: guard('trackCheckout', (order: CheckoutInput) => {
      const r = running as Running;
      const checked = validateCheckout(order, r.config.currency);
      if (!checked.ok) return invalid('trackCheckout', checked.issues);
      const { orderId } = checked.data;
      if (orderId && r.config.consent !== 'denied') {
        if (r.orders.seen(orderId)) {
          logger.debug(`order ${orderId} was already tracked in this browser; not sent again`);
          return done({ status: 'duplicate', eventId: randomId(), code: 'ORDER_ALREADY_TRACKED' });
        }
        r.orders.mark(orderId, 1);
      }
      return enqueue(r, toCheckoutBody(checked.data, r.config.companyKey));
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
    setConsent(consent) {
      try {
        if (consent !== 'granted' && consent !== 'pending' && consent !== 'denied') {
          logger.error(`setConsent: expected "granted", "pending" or "denied", got ${String(consent)}`);
          return;
        }
        logger.debug(`consent ${consent}`);
        if (!running) options = { ...options, consent };
        else if (running.config.consent !== consent) {
          running.config.consent = consent;
          running.deliver().setConsent(consent);
        }
      } catch (error) {
        logger.error('setConsent failed unexpectedly', error);
      }
    },
    async flush() {
      try {
        await ready;
        await running?.deliver().flush();
      } catch (error) {
        logger.error('flush failed unexpectedly', error);
      }
    },
    shutdown() {
      try {
        running?.started()?.shutdown();
        running = undefined;
        refused = 'SHUT_DOWN';
      } catch (error) {
        logger.error('shutdown failed unexpectedly', error);
      }
    },
  };
}

/** An independent tracker with its own options. Most pages use `init` and the module functions instead. */
export function createTracker(options: Options = {}): Tracker {
  return createTrackerWith(options);
}
