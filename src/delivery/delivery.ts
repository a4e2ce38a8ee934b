import type { Config } from '../config/options';
import type { EventBody } from '../events/wire';
import { watchFingerprints } from '../fingerprints/fingerprints';
import type { Logger } from '../lib/logger';
import type { Storage } from '../lib/storage';
import type { StorageKeys } from '../lib/storage-keys';
import { emit, originNow, type QueueView } from '../observe';
import type { Consent, Fingerprints, TrackResult } from '../types';
import { trimQueue } from './bounds';
import { createCallers } from './callers';
import { createFinish } from './finish';
import { nextRequest, type Wait } from './next-request';
import type { OrderGuard } from './order-guard';
import { watchPage } from './page-events';
import { createQueue } from './queue';
import { MAX_EVENT_AGE_MS } from './retry-policy';
import { formatEntryId } from './segments';
import { sendAll, sendOne } from './send-all';
import type { SenderLock } from './sender-lock';
import { createSender, type Run, type SenderState } from './sender-state';
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
  /** The queue as an observer sees it (reads storage: only when someone observes). */
  view(): QueueView;
  flush(): Promise<void>;
  setConsent(consent: Consent): void;
  shutdown(): void;
}

/**
 * Sends the stored queue one event at a time, oldest first, holding the cross-tab sender lock, and
 * decides each event's fate from the API's answer. The page's visibility (`shown` or `hidden`, as it
 * leaves or enters the back/forward cache) is followed apart: it changes what an answer means, not
 * whether the sender runs.
 */
export function createDelivery(deps: DeliveryDeps): Delivery {
  const queue = createQueue(deps.storage, deps.keys, deps.tab);
  const callers = createCallers(deps.keys.answers, deps.now);
  let consent = deps.config.consent;
  const { conclude, finish } = createFinish(queue, deps.orders, callers, deps.report);
  const sender = createSender({ name: consent === 'granted' ? 'idle' : 'paused' });
  const view = (): QueueView => {
    const state = sender.state;
    return state.name === 'waiting'
      ? { length: queue.size(), sender: state.name, waitingFor: state.wait, retryAt: state.retryAt }
      : { length: queue.size(), sender: state.name };
  };
  const enter = (next: SenderState) => {
    sender.enter(next);
    emit(() => ({ kind: 'queue', ...view() }));
  };
  let page: 'shown' | 'hidden' = 'shown';
  let runs = 0;
  let sharedFp: [string, string] | undefined;

  const next = () =>
    nextRequest({
      queue,
      orders: deps.orders,
      fingerprints: deps.fingerprints,
      finish,
      logger: deps.logger,
      now: deps.now,
      apiBaseUrl: deps.config.apiBaseUrl,
    });

  /** The head cannot go yet: wait for the retry time, for `online`, or for the widget's fingerprints. */
  const waitFor = (wait: Wait, ms = 0) => {
    const long = wait !== 'retry' || ms > QUEUED_AFTER_MS;
    deps.logger.debug(`waiting (${wait}${wait === 'retry' ? ` in ${ms} ms` : ''}); ${queue.size()} queued`);
    let cancel = () => {};
    if (wait === 'retry') {
      // A timer over 2^31 - 1 ms fires at once: a tampered retry time must not spin the page.
      const timer = setTimeout(wake, Math.min(ms, MAX_EVENT_AGE_MS));
      cancel = () => clearTimeout(timer);
    }
    if (wait === 'fingerprints') cancel = watchFingerprints(deps.fingerprints, wake);
    enter({ name: 'waiting', wait, long, cancel, retryAt: wait === 'retry' ? deps.now() + ms : undefined });
    if (long) callers.releaseAll();
    trimQueue(queue, conclude, finish);
  };

  /** Something may be sendable (an event added, online, a retry's time, fingerprints): start a run unless one is under way. */
  function wake() {
    if (sender.state.name === 'locking' || sender.state.name === 'sending') sender.state.run.woken = true;
    if (sender.state.name !== 'idle' && sender.state.name !== 'waiting') return;
    const run: Run = { id: ++runs, woken: false };
    enter({ name: 'locking', run });
    const mine = () => (sender.state.name === 'locking' || sender.state.name === 'sending') && sender.state.run === run;
    const turn = async () => {
      if (!mine()) return;
      enter({ name: 'sending', run });
      const end = await sendAll({
        next,
        send: deps.send,
        queue,
        finish,
        lock: deps.lock,
        logger: deps.logger,
        now: deps.now,
        random: deps.random,
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
      .then(() => deps.lock.run(turn))
      .catch((error) => deps.logger.error('delivery stopped by an unexpected error', error))
      .finally(() => mine() && enter({ name: 'idle' }));
  }

  /**
   * The page is leaving while this tab still waits for the sender lock (the grant is a task away and may
   * never run). When no other tab is sending, send the head now with keepalive: the browser finishes it
   * after the page is gone, and its `sentAt` mark keeps any later page from sending it again.
   */
  const sendBeforeLeaving = () => {
    if (sender.state.name !== 'locking' || deps.lock.heldElsewhere()) return;
    const request = next();
    if (request && 'entry' in request) void sendOne(request, { queue, send: deps.send, logger: deps.logger, now: deps.now });
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
    view,
    enqueue(body, fingerprints) {
      // Events tracked one after another share one (read-only) pair: one object fewer per event to keep.
      if (fingerprints && (sharedFp?.[0] !== fingerprints.user || sharedFp[1] !== fingerprints.faq))
        sharedFp = [fingerprints.user, fingerprints.faq];
      const entry = queue.add(body, fingerprints ? sharedFp : undefined, deps.now());
      const eventId = formatEntryId(entry.id);
      const promise = callers.wait(eventId);
      emit(() => ({ kind: 'event', eventId, body, origin: originNow() }));
      deps.logger.debug('queued', eventId, body);
      const waitingLong = sender.state.name === 'waiting' && sender.state.long;
      if (consent !== 'granted' || page === 'hidden' || waitingLong) callers.resolve(eventId, { status: 'queued', eventId });
      if (sender.state.name === 'waiting') trimQueue(queue, conclude, finish);
      wake();
      return promise;
    },
    flush() {
      const { name } = sender.state;
      if (name === 'stopped' || name === 'paused' || (!sender.busy() && queue.size() === 0)) return Promise.resolve();
      const idle = sender.whenIdle();
      wake();
      return idle;
    },
    setConsent(next) {
      consent = next;
      deps.storage.setPersist(next === 'granted');
      if (sender.state.name === 'stopped') return;
      if (next !== 'granted') {
        enter({ name: 'paused' });
        if (next === 'denied') dropEverything();
        return;
      }
      if (sender.state.name === 'paused') enter({ name: 'idle' });
      wake();
    },
    shutdown() {
      enter({ name: 'stopped' });
      stopWatchingPage();
      callers.close();
      deps.lock.close();
      callers.releaseAll();
    },
  };

  /** Consent denied: every queued event is dropped and reported, and this company key's stored data goes. */
  function dropEverything() {
    for (const id of queue.clear()) conclude({ id, body: { company_key: '' } as EventBody }, 'dropped', 'CONSENT_DENIED');
    for (const key of deps.storage.keys(deps.keys.namespace)) deps.storage.remove(key);
  }
}
