import type { Config } from '../config/options';
import { type EventBody, isCheckoutBody } from '../events/wire';
import { watchFingerprints } from '../fingerprints/fingerprints';
import type { Logger } from '../lib/logger';
import { STORAGE_PREFIX, type Storage } from '../lib/storage';
import type { Consent, Fingerprints, TrackResult, TrackStatus } from '../types';
import { classifyAnswer } from './answer';
import { trimQueue } from './bounds';
import { createCallers } from './callers';
import { nextRequest, type Request, type Wait } from './next-request';
import type { OrderGuard } from './order-guard';
import { createQueue, type Entry } from './queue';
import { MAX_EVENT_AGE_MS, retryDelayMs } from './retry-policy';
import type { SenderLock } from './sender-lock';
import type { Send } from './transport';

export { MAX_QUEUE_BYTES, MAX_QUEUE_EVENTS } from './bounds';
/** Chromium shares this much body between all of a page's in-flight keepalive requests. */
export const KEEPALIVE_BUDGET_BYTES = 64 * 1024;
/** How long a network error waits to be sure the page is not going away (a closing window fails its requests first). */
export const NETWORK_ERROR_SETTLE_MS = 100;
/** An answer not expected within this long settles the caller's promise as `queued`. */
export const SETTLE_QUEUED_AFTER_MS = 3_000;

export interface DeliveryDeps {
  config: Config;
  storage: Storage;
  namespace: string;
  tab: string;
  send: Send;
  lock: SenderLock;
  orders: OrderGuard;
  fingerprints: () => Fingerprints | null;
  /** Every final outcome: onEvent, onError for drops, the debug log. */
  report: (result: TrackResult) => void;
  logger: Logger;
  now: () => number;
  random: () => number;
}

export interface Delivery {
  enqueue(body: EventBody, fingerprints: Fingerprints | null): Promise<TrackResult>;
  flush(): Promise<void>;
  setConsent(consent: Consent): void;
  shutdown(): void;
}

/** UTF-8 bytes; at most three per UTF-16 unit, which is the answer where a page has no TextEncoder. */
const byteLength = (text: string) =>
  text.length * 3 <= KEEPALIVE_BUDGET_BYTES || typeof TextEncoder !== 'function' ? text.length * 3 : new TextEncoder().encode(text).length;

/**
 * Sends the stored queue one event at a time, oldest first, holding the cross-tab sender lock,
 * and decides each event's fate from the API's answer.
 */
export function createDelivery(d: DeliveryDeps): Delivery {
  const { logger, storage } = d;
  const queue = createQueue(storage, d.namespace, d.tab);
  const callers = createCallers(d.namespace, d.now);
  let idleWaiters: (() => void)[] = [];
  let consent = d.config.consent;
  let draining = false;
  let holding = false;
  let again = false;
  let stopped = false;
  let leaving = false;
  let generation = 0;
  let waiting: Wait | undefined;
  let waitingLong = false;
  let wakeTimer: ReturnType<typeof setTimeout> | undefined;
  let stopWatching: (() => void) | undefined;
  let lastFp: [string, string] | undefined;

  const finish = (entry: Pick<Entry, 'id' | 'body'>, status: TrackStatus, code?: string) => {
    queue.remove(entry.id);
    settle(entry, status, code);
  };
  /** An event's final outcome, once the queue is past it. */
  const settle = (entry: Pick<Entry, 'id' | 'body'>, status: TrackStatus, code?: string) => {
    const orderId = isCheckoutBody(entry.body) ? entry.body.orderId : undefined;
    if (orderId) status === 'dropped' ? d.orders.forget(orderId) : d.orders.mark(orderId, 2);
    const result: TrackResult = code ? { status, eventId: entry.id, code } : { status, eventId: entry.id };
    d.report(result);
    // The tab that tracked it may still be waiting for the answer.
    callers.answer(entry.id, result);
  };

  const trim = () => trimQueue(queue, settle, finish);

  const resolveIdle = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const wait = (reason: Wait, ms = 0) => {
    waiting = reason;
    waitingLong = reason !== 'retry' || ms > SETTLE_QUEUED_AFTER_MS;
    logger.debug(`waiting (${reason}${reason === 'retry' ? ` in ${ms} ms` : ''}); ${queue.size()} queued`);
    if (waitingLong) callers.releaseAll();
    trim();
    // A timer over 2^31 - 1 ms fires at once: a tampered retry time must not spin the page.
    if (reason === 'retry') wakeTimer = setTimeout(kick, Math.min(ms, MAX_EVENT_AGE_MS));
    if (reason === 'fingerprints' && !stopWatching) {
      stopWatching = watchFingerprints(d.fingerprints, () => {
        stopWatching = undefined;
        kick();
      });
    }
  };

  const next = () =>
    nextRequest({ queue, orders: d.orders, fingerprints: d.fingerprints, finish, logger, now: d.now, apiBaseUrl: d.config.apiBaseUrl });

  const post = ({ entry, url, json }: Request) => {
    const keepalive = byteLength(json) <= KEEPALIVE_BUDGET_BYTES;
    entry.sentAt = d.now();
    queue.save(entry);
    logger.debug(`sending ${entry.id} (attempt ${entry.tries + 1})`, json);
    return d.send(url, json, keepalive);
  };

  const drain = async () => {
    waiting = undefined;
    for (;;) {
      if (stopped || consent !== 'granted') return;
      const request = next();
      if (!request) return;
      if ('wait' in request) return wait(request.wait, request.ms);
      // A storage lease can be taken over by a tab that saw it expire: that tab sends now, this one waits its turn.
      if (!d.lock.held()) {
        again = true;
        return;
      }
      const { entry } = request;
      const started = generation;
      const answer = await post(request);
      // Leaving, Chromium fails the page's side of a keepalive request that it still delivers: what this
      // page sees then is no answer, so the entry keeps its sentAt mark (see `next`). A window closed by
      // script fails it before `pagehide`: a network error counts only if the page is still here a moment later.
      if (answer.error === 'network' && !leaving) await new Promise((resolve) => setTimeout(resolve, NETWORK_ERROR_SETTLE_MS));
      if (leaving) return;
      if (started !== generation) continue; // consent was denied meanwhile: the entry is gone
      const outcome = classifyAnswer(answer);
      if (outcome.final) {
        finish(entry, outcome.status, outcome.code);
        continue;
      }
      entry.tries++;
      entry.sentAt = undefined;
      entry.notBefore = d.now() + retryDelayMs(entry.tries, outcome.status, outcome.retryAfter, d.now(), d.random);
      queue.save(entry);
    }
  };

  /**
   * The page is leaving while this tab still waits for the sender lock (the grant is a task away
   * and may never run). When no other tab is sending, send the head now with keepalive: the browser
   * finishes it after the page is gone, and its `sentAt` mark keeps any later page from resending it.
   */
  const sendBeforeLeaving = () => {
    if (!draining || holding || stopped || consent !== 'granted' || d.lock.heldElsewhere()) return;
    const request = next();
    if (request && 'entry' in request) void post(request);
  };

  function kick() {
    if (stopped || consent !== 'granted') return;
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    again = false;
    clearTimeout(wakeTimer);
    Promise.resolve()
      .then(() =>
        d.lock.run(async () => {
          holding = true;
          try {
            await drain();
          } finally {
            holding = false;
          }
        }),
      )
      .catch((error) => logger.error('delivery stopped by an unexpected error', error))
      .finally(() => {
        draining = false;
        if (again) kick();
        else if (!waiting || waitingLong) resolveIdle();
      });
  }

  const listeners: [string, (event: Event) => void][] = [
    ['online', kick],
    [
      'pagehide',
      () => {
        leaving = true;
        sendBeforeLeaving();
        callers.releaseAll();
      },
    ],
    [
      'pageshow',
      () => {
        leaving = false;
        kick();
      },
    ],
    [
      'storage',
      (event) => {
        const { key, oldValue, newValue } = event as StorageEvent;
        if (key !== null && !key.startsWith(queue.prefix)) return;
        queue.noteExternalChange(key);
        if (oldValue === null && newValue !== null) kick();
      },
    ],
  ];
  for (const [type, listener] of listeners) globalThis.addEventListener?.(type, listener);

  if (consent === 'granted') kick();

  return {
    enqueue(body, fingerprints) {
      // Events tracked one after another share one (read-only) pair: one object fewer per event to keep.
      if (fingerprints && (lastFp?.[0] !== fingerprints.user || lastFp[1] !== fingerprints.faq)) {
        lastFp = [fingerprints.user, fingerprints.faq];
      }
      const entry = queue.add(body, fingerprints ? lastFp : undefined, d.now());
      const promise = callers.wait(entry.id);
      logger.debug('queued', entry.id, body);
      if (consent !== 'granted' || leaving || (waiting && waitingLong)) callers.settle(entry.id, { status: 'queued', eventId: entry.id });
      if (waiting && !draining) trim();
      kick();
      return promise;
    },
    flush() {
      if (stopped || consent !== 'granted' || (!draining && queue.size() === 0)) return Promise.resolve();
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        kick();
      });
    },
    setConsent(next) {
      consent = next;
      storage.setPersist(next === 'granted');
      if (next === 'denied') {
        generation++;
        for (const id of queue.clear()) finish({ id, body: { company_key: '' } as EventBody }, 'dropped', 'CONSENT_DENIED');
        for (const key of storage.keys(STORAGE_PREFIX)) storage.remove(key);
      }
      kick();
      if (next !== 'granted') resolveIdle();
    },
    shutdown() {
      stopped = true;
      clearTimeout(wakeTimer);
      stopWatching?.();
      for (const [type, listener] of listeners) globalThis.removeEventListener?.(type, listener);
      callers.close();
      d.lock.close();
      callers.releaseAll();
      resolveIdle();
    },
  };
}
