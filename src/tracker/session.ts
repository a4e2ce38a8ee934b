import { createCartRecord } from '../cart/cart-record';
import { apiBaseUrlReader, type Config } from '../config/options';
import { followConsentMode } from '../consent/consent-mode';
import { createOrderGuard } from '../delivery/order-guard';
import { createOutbox, type Outbox } from '../delivery/outbox';
import { createSenderLock, type SenderLock } from '../delivery/sender-lock';
import { createBrowserSend } from '../delivery/transport';
import { randomId } from '../lib/ids';
import type { Logger } from '../lib/logger';
import { createStorage } from '../lib/storage';
import { storageKeys } from '../lib/storage-keys';
import type { Consent, Fingerprints, TrackResult } from '../types';

/** The seams tests replace; nothing else may be injected. */
export interface Seams {
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
}

/** Everything that runs for one configured company key on this page. */
export type Session = ReturnType<typeof startSession>;

export function startSession(
  config: Config,
  deps: { logger: Logger; fingerprints: () => Fingerprints | null; report: (result: TrackResult) => void; seams: Seams },
) {
  const keys = storageKeys(config.companyKey);
  // `google`: Consent Mode's signals in the dataLayer set the one consent field below, through its one setter.
  const consentMode =
    config.consent === 'google'
      ? followConsentMode(
          window,
          (next) => {
            deps.logger.debug(`consent ${next}`);
            session.setConsent(next);
          },
          (error) => deps.logger.error('setConsent failed unexpectedly', error),
        )
      : undefined;
  /** The one thing that changes while the page lives: the configuration itself is frozen. */
  let consent: Consent = consentMode?.consent ?? (config.consent as Consent);
  const storage = createStorage(consent === 'granted');
  const tab = randomId().slice(0, 8);
  const now = deps.seams.now ?? Date.now;
  let delivery: Outbox | undefined;
  let stopped = false;
  // Created on first use, or just after load to resume what earlier pages left: storage, locks and
  // listeners stay out of the page's own script evaluation.
  const deliver = () =>
    (delivery ??= createOutbox(
      {
        storage,
        keys,
        tab,
        lock: createSenderLock(keys, storage, tab, now),
        send: createBrowserSend({ fetch: deps.seams.fetch, log: deps.logger.debug }),
        orders: guard,
      },
      {
        apiBaseUrl,
        consent,
        fingerprints: deps.fingerprints,
        report: deps.report,
        logger: deps.logger,
        now,
        random: deps.seams.random ?? Math.random,
      },
    ));
  const guard = createOrderGuard(storage, keys.orders, now);
  let cartReads: SenderLock | undefined;
  const apiBaseUrl = apiBaseUrlReader(config, globalThis.document);
  if (consent === 'denied') deliver().setConsent('denied');
  else
    setTimeout(() => {
      try {
        // Not after stop(): a delivery started then would send, and never be shut down.
        if (!stopped) deliver();
      } catch (error) {
        deps.logger.error('delivery could not start', error);
      }
    }, 0);
  const session = {
    config: Object.freeze(config),
    apiBaseUrl,
    consent: () => consent,
    /** Consent changed: delivery pauses, resumes, or drops everything and clears this company key's data. */
    setConsent(next: Consent) {
      if (next === consent) return;
      consent = next;
      deliver().setConsent(next);
    },
    orders: guard,
    cart: createCartRecord(storage, keys.cart, now),
    deliver,
    /**
     * Runs a platform's cart read and comparison as the only one across this store's tabs (the sender's
     * lock, on keys of its own): two tabs reading one change would both compare it with the old record.
     */
    oneTabAtATime(task: () => Promise<void>) {
      cartReads ??= createSenderLock(keys.cartRead, storage, tab, now);
      return cartReads.run(task);
    },
    /**
     * A platform's own small fact about this store (Magento: the currency last read), under this company key's
     * namespace, so that consent governs it as the rest: memory only while pending, removed when denied.
     */
    remember(name: string, value?: string): string | null {
      const key = `${keys.namespace}platform:${name}`;
      if (value) storage.set(key, value);
      return storage.get(key);
    },
    /** The queue as observers see it, once delivery has started. */
    queueView: () => delivery?.view(),
    stop() {
      stopped = true;
      consentMode?.stop();
      delivery?.shutdown();
      cartReads?.close();
    },
  };
  return session;
}
