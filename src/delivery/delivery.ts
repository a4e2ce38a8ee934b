import type { Config } from '../config/options';
import type { EventBody } from '../events/wire';
import { isCheckoutBody } from '../events/wire';
import { watchFingerprints } from '../fingerprints/fingerprints';
import type { Logger } from '../lib/logger';
import type { Storage } from '../lib/storage';
import type { StorageKeys } from '../lib/storage-keys';
import type { Consent, Fingerprints, TrackResult, TrackStatus } from '../types';
import { trimQueue } from './bounds';
import { createCallers } from './callers';
import { nextRequest, type Wait } from './next-request';
import type { OrderGuard } from './order-guard';
import { watchPage } from './page-events';
import { createQueue, type Entry } from './queue';
import { MAX_EVENT_AGE_MS } from './retry-policy';
import { formatEntryId } from './segments';
import { sendAll, sendOne } from './send-all';
import type { SenderLock } from './sender-lock';
import type { Send } from './transport';

/** An answer not expected within this long resolves the caller's promise as `queued`. */
export const QUEUED_AFTER_MS = 3_000;

export interface DeliveryDeps {
  config: Config;
  storage: Storage;
  keys: StorageKeys;
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

/**
 * One turn of sending, from asking for the sender lock to letting it go. `woken`: something happened
 * meanwhile (an event added, online) that the turn may have missed, having looked at the queue already.
 */
export type Run = { readonly id: number; woken: boolean };

/**
 * Where the sender is:
 * - `idle`: nothing it can send, nothing to wait for;
 * - `locking`: asked for the cross-tab sender lock, not granted yet;
 * - `sending`: holding the lock, sending the queue's head, one event at a time;
 * - `waiting`: the head cannot go yet (a retry later, offline, no fingerprints); `long` when no answer
 *   can come soon, so callers hear `queued`;
 * - `paused`: consent is pending or denied; `stopped`: shut down.
 */
export type SenderState =
  | { name: 'idle' | 'paused' | 'stopped' }
  | { name: 'locking' | 'sending'; run: Run }
  | { name: 'waiting'; wait: Wait; long: boolean; cancel: () => void };

/**
 * Sends the stored queue one event at a time, oldest first, holding the cross-tab sender lock, and
 * decides each event's fate from the API's answer. The page's visibility (`shown` or `hidden`, as it
 * leaves or enters the back/forward cache) is followed apart: it changes what an answer means, not
 * whether the sender runs.
 */
export function createDelivery(d: DeliveryDeps): Delivery {
  const queue = createQueue(d.storage, d.keys, d.tab);
  const callers = createCallers(d.keys.answers, d.now);
  let consent = d.config.consent;
  let state: SenderState = { name: consent === 'granted' ? 'idle' : 'paused' };
  let page: 'shown' | 'hidden' = 'shown';
  let runs = 0;
  let idleWaiters: (() => void)[] = [];
  let sharedFp: [string, string] | undefined;

  /** An event's final outcome, once the queue is past it: the order memory, onEvent, the waiting caller. */
  const conclude = (entry: Pick<Entry, 'id' | 'body'>, status: TrackStatus, code?: string) => {
    const orderId = isCheckoutBody(entry.body) ? entry.body.orderId : undefined;
    if (orderId) status === 'dropped' ? d.orders.forget(orderId) : d.orders.mark(orderId, 2);
    const eventId = formatEntryId(entry.id);
    const result: TrackResult = code ? { status, eventId, code } : { status, eventId };
    d.report(result);
    callers.answer(eventId, result); // the tab that tracked it may be another
  };
  const finish = (entry: Pick<Entry, 'id' | 'body'>, status: TrackStatus, code?: string) => {
    queue.remove(entry.id);
    conclude(entry, status, code);
  };

  /** flush(): resolves once nothing can be sent now. */
  const notifyIdle = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  /** Leaves the current state: a wait's timer or fingerprint watch ends. */
  const enter = (next: SenderState) => {
    if (state.name === 'waiting') state.cancel();
    state = next;
    if (next.name === 'idle' || next.name === 'paused' || next.name === 'stopped' || (next.name === 'waiting' && next.long)) notifyIdle();
  };

  const next = () =>
    nextRequest({
      queue,
      orders: d.orders,
      fingerprints: d.fingerprints,
      finish,
      logger: d.logger,
      now: d.now,
      apiBaseUrl: d.config.apiBaseUrl,
    });

  /** The head cannot go yet: wait for the retry time, for `online`, or for the widget's fingerprints. */
  const waitFor = (wait: Wait, ms = 0) => {
    const long = wait !== 'retry' || ms > QUEUED_AFTER_MS;
    d.logger.debug(`waiting (${wait}${wait === 'retry' ? ` in ${ms} ms` : ''}); ${queue.size()} queued`);
    let cancel = () => {};
    if (wait === 'retry') {
      // A timer over 2^31 - 1 ms fires at once: a tampered retry time must not spin the page.
      const timer = setTimeout(wake, Math.min(ms, MAX_EVENT_AGE_MS));
      cancel = () => clearTimeout(timer);
    }
    if (wait === 'fingerprints') cancel = watchFingerprints(d.fingerprints, wake);
    enter({ name: 'waiting', wait, long, cancel });
    if (long) callers.releaseAll();
    trimQueue(queue, conclude, finish);
  };

  /** Something may be sendable (an event added, online, a retry's time, fingerprints): start a run unless one is under way. */
  function wake() {
    if (state.name === 'locking' || state.name === 'sending') state.run.woken = true;
    if (state.name !== 'idle' && state.name !== 'waiting') return;
    const run: Run = { id: ++runs, woken: false };
    enter({ name: 'locking', run });
    const mine = () => (state.name === 'locking' || state.name === 'sending') && state.run === run;
    const turn = async () => {
      if (!mine()) return;
      enter({ name: 'sending', run });
      const end = await sendAll({
        next,
        send: d.send,
        queue,
        finish,
        lock: d.lock,
        logger: d.logger,
        now: d.now,
        random: d.random,
        mine,
        page: () => page,
      });
      if (!mine()) return;
      if ('wait' in end) return waitFor(end.wait, end.ms);
      enter({ name: 'idle' });
      // Another tab took the lease over (this one asks again, and waits its turn), or something came in
      // after this turn last looked at the queue.
      if ('leaseLost' in end || run.woken) wake();
    };
    Promise.resolve()
      .then(() => d.lock.run(turn))
      .catch((error) => d.logger.error('delivery stopped by an unexpected error', error))
      .finally(() => mine() && enter({ name: 'idle' }));
  }

  /**
   * The page is leaving while this tab still waits for the sender lock (the grant is a task away and may
   * never run). When no other tab is sending, send the head now with keepalive: the browser finishes it
   * after the page is gone, and its `sentAt` mark keeps any later page from sending it again.
   */
  const sendBeforeLeaving = () => {
    if (state.name !== 'locking' || d.lock.heldElsewhere()) return;
    const request = next();
    if (request && 'entry' in request) void sendOne(request, { queue, send: d.send, logger: d.logger, now: d.now });
  };

  const stopWatchingPage = watchPage({
    online: wake,
    hide() {
      page = 'hidden';
      sendBeforeLeaving();
      callers.releaseAll();
    },
    show() {
      page = 'shown';
      wake();
    },
    storageChanged(key, added) {
      if (key !== null && !queue.owns(key)) return;
      queue.noteExternalChange(key);
      if (added) wake();
    },
  });

  wake();

  return {
    enqueue(body, fingerprints) {
      // Events tracked one after another share one (read-only) pair: one object fewer per event to keep.
      if (fingerprints && (sharedFp?.[0] !== fingerprints.user || sharedFp[1] !== fingerprints.faq))
        sharedFp = [fingerprints.user, fingerprints.faq];
      const entry = queue.add(body, fingerprints ? sharedFp : undefined, d.now());
      const eventId = formatEntryId(entry.id);
      const promise = callers.wait(eventId);
      d.logger.debug('queued', eventId, body);
      const waitingLong = state.name === 'waiting' && state.long;
      if (consent !== 'granted' || page === 'hidden' || waitingLong) callers.resolve(eventId, { status: 'queued', eventId });
      if (state.name === 'waiting') trimQueue(queue, conclude, finish);
      wake();
      return promise;
    },
    flush() {
      const busy = state.name === 'locking' || state.name === 'sending';
      if (state.name === 'stopped' || state.name === 'paused' || (!busy && queue.size() === 0)) return Promise.resolve();
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        wake();
      });
    },
    setConsent(next) {
      consent = next;
      d.storage.setPersist(next === 'granted');
      if (state.name === 'stopped') return;
      if (next !== 'granted') {
        enter({ name: 'paused' });
        if (next === 'denied') dropEverything();
        return;
      }
      if (state.name === 'paused') enter({ name: 'idle' });
      wake();
    },
    shutdown() {
      enter({ name: 'stopped' });
      stopWatchingPage();
      callers.close();
      d.lock.close();
      callers.releaseAll();
    },
  };

  /** Consent denied: every queued event is dropped and reported, and this company key's stored data goes. */
  function dropEverything() {
    for (const id of queue.clear()) conclude({ id, body: { company_key: '' } as EventBody }, 'dropped', 'CONSENT_DENIED');
    for (const key of d.storage.keys(d.keys.namespace)) d.storage.remove(key);
  }
}
