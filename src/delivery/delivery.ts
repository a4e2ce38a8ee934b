import type { Config } from '../config/options';
import { type EventBody, isCheckoutBody } from '../events/wire';
import { watchFingerprints } from '../fingerprints/fingerprints';
import type { Logger } from '../lib/logger';
import { STORAGE_PREFIX, type Storage } from '../lib/storage';
import type { Consent, Fingerprints, TrackResult, TrackStatus } from '../types';
import { classifyAnswer } from './answer';
import type { OrderGuard } from './order-guard';
import { createQueue, type Entry } from './queue';
import { MAX_EVENT_AGE_MS, retryDelayMs } from './retry-policy';
import type { SenderLock } from './sender-lock';
import type { Send } from './transport';

/** What is kept is bounded: beyond this, while delivery is stalled, the oldest events are dropped. */
export const MAX_QUEUE_EVENTS = 200;
export const MAX_QUEUE_BYTES = 256 * 1024;
/** Chromium shares this much body between all of a page's in-flight keepalive requests. */
export const KEEPALIVE_BUDGET_BYTES = 64 * 1024;
/** An answer not expected within this long settles the caller's promise as `queued`. */
export const SETTLE_QUEUED_AFTER_MS = 3_000;
/** Whatever happens (another tab sending, a slow lock), a caller hears back within this long. */
export const SETTLE_TIMEOUT_MS = 15_000;

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

type Wait = 'offline' | 'retry' | 'fingerprints';

const orderIdOf = (entry: Entry) => (isCheckoutBody(entry.body) ? entry.body.orderId : undefined);

const byteLength = (text: string) => (text.length * 3 <= KEEPALIVE_BUDGET_BYTES ? text.length : new TextEncoder().encode(text).length);

/**
 * Sends the stored queue one event at a time, oldest first, holding the cross-tab sender lock,
 * and decides each event's fate from the API's answer.
 */
export function createDelivery(d: DeliveryDeps): Delivery {
  const { logger, storage } = d;
  const queue = createQueue(storage, d.namespace, d.tab);
  /** Callers waiting for an answer, oldest first, with the time by which they hear back anyway. */
  const pending = new Map<string, { resolve: (result: TrackResult) => void; deadline: number }>();
  let sweepTimer: ReturnType<typeof setTimeout> | undefined;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(d.namespace) : undefined;
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

  const settle = (id: string, result: TrackResult) => {
    const waiter = pending.get(id);
    if (!waiter) return false;
    pending.delete(id);
    waiter.resolve(result);
    return true;
  };
  /** One timer for all callers (a timer each would cost more than the rest of a call). */
  const sweep = () => {
    sweepTimer = undefined;
    for (const [id, { deadline }] of pending) {
      if (deadline > d.now()) {
        sweepTimer = setTimeout(sweep, deadline - d.now());
        return;
      }
      settle(id, { status: 'queued', eventId: id });
    }
  };
  const settleAllQueued = () => {
    for (const id of [...pending.keys()]) settle(id, { status: 'queued', eventId: id });
  };

  const finish = (entry: Pick<Entry, 'id' | 'body'>, status: TrackStatus, code?: string) => {
    queue.remove(entry.id);
    const orderId = isCheckoutBody(entry.body) ? entry.body.orderId : undefined;
    if (orderId) status === 'dropped' ? d.orders.forget(orderId) : d.orders.mark(orderId, 2);
    const result: TrackResult = code ? { status, eventId: entry.id, code } : { status, eventId: entry.id };
    d.report(result);
    // The tab that tracked it may still be waiting for the answer.
    if (!settle(entry.id, result)) channel?.postMessage({ id: entry.id, result });
  };

  const trim = () => {
    while (queue.size() > MAX_QUEUE_EVENTS || queue.bytes() > MAX_QUEUE_BYTES) {
      const oldest = queue.head();
      if (!oldest) break;
      finish(oldest, 'dropped', 'QUEUE_FULL');
    }
  };

  const resolveIdle = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const wait = (reason: Wait, ms = 0) => {
    waiting = reason;
    waitingLong = reason !== 'retry' || ms > SETTLE_QUEUED_AFTER_MS;
    logger.debug(`waiting (${reason}${reason === 'retry' ? ` in ${ms} ms` : ''}); ${queue.size()} queued`);
    if (waitingLong) settleAllQueued();
    trim();
    if (reason === 'retry') wakeTimer = setTimeout(kick, ms);
    if (reason === 'fingerprints' && !stopWatching) {
      stopWatching = watchFingerprints(d.fingerprints, () => {
        stopWatching = undefined;
        kick();
      });
    }
  };

  type Next = { entry: Entry; url: string; json: string } | { wait: Wait; ms?: number } | undefined;

  /** The head's fate: a request to send, a reason to wait, or nothing left. Settles what it can on the way. */
  const next = (): Next => {
    for (;;) {
      const entry = queue.head();
      if (!entry) return undefined;
      const now = d.now();
      if (entry.sentAt !== undefined) {
        // Its request left from a page that is gone, so the browser finished it without us (keepalive).
        // Sending it again would count it twice; an order is safe to resend (ORDER_ALREADY_EXISTS).
        if (!orderIdOf(entry)) {
          queue.remove(entry.id);
          logger.debug(`${entry.id} left as its page closed; not sent again`);
          continue;
        }
        entry.sentAt = undefined;
      }
      if (now - entry.at > MAX_EVENT_AGE_MS) {
        finish(entry, 'dropped', 'EXPIRED');
        continue;
      }
      const orderId = orderIdOf(entry);
      if (orderId && d.orders.answered(orderId)) {
        finish(entry, 'duplicate');
        continue;
      }
      if (globalThis.navigator?.onLine === false) return { wait: 'offline' };
      if (entry.notBefore > now) return { wait: 'retry', ms: entry.notBefore - now };
      const fp = entry.fp ?? d.fingerprints();
      if (!fp) return { wait: 'fingerprints' };
      const [user, faq] = Array.isArray(fp) ? fp : [fp.user, fp.faq];
      const { company_key, ...fields } = entry.body;
      const json = JSON.stringify({ company_key, user_fingerprint: user, user_faq_fingerprint: faq, ...fields });
      const path = isCheckoutBody(entry.body) ? 'checkout_events' : 'cart_events';
      return { entry, url: `${d.config.apiBaseUrl}/analytics/${path}`, json };
    }
  };

  const post = ({ entry, url, json }: { entry: Entry; url: string; json: string }) => {
    entry.sentAt = d.now();
    queue.save(entry);
    logger.debug(`→ POST ${url} (attempt ${entry.tries + 1})`, json);
    return d.send(url, json, byteLength(json) <= KEEPALIVE_BUDGET_BYTES);
  };

  const drain = async () => {
    waiting = undefined;
    for (;;) {
      if (stopped || consent !== 'granted') return;
      const request = next();
      if (!request) return;
      if ('wait' in request) return wait(request.wait, request.ms);
      const { entry } = request;
      const started = generation;
      const answer = await post(request);
      logger.debug(`← ${answer.error ?? answer.status}`, answer.text);
      // Leaving, Chromium fails the page's side of a keepalive request that it still delivers:
      // what this page sees now is no answer, so the entry keeps its sentAt mark (see `next`).
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
        settleAllQueued();
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
  if (channel) channel.onmessage = (event: MessageEvent) => settle(event.data?.id, event.data?.result);

  if (consent === 'granted') kick();

  return {
    enqueue(body, fingerprints) {
      const entry = queue.add(body, fingerprints ? [fingerprints.user, fingerprints.faq] : undefined, d.now());
      const queued: TrackResult = { status: 'queued', eventId: entry.id };
      const promise = new Promise<TrackResult>((resolve) => pending.set(entry.id, { resolve, deadline: d.now() + SETTLE_TIMEOUT_MS }));
      sweepTimer ??= setTimeout(sweep, SETTLE_TIMEOUT_MS);
      logger.debug('queued', entry.id, body);
      if (consent !== 'granted' || leaving || (waiting && waitingLong)) settle(entry.id, queued);
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
      clearTimeout(sweepTimer);
      stopWatching?.();
      for (const [type, listener] of listeners) globalThis.removeEventListener?.(type, listener);
      channel?.close();
      d.lock.close();
      settleAllQueued();
      resolveIdle();
    },
  };
}
