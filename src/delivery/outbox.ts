// The outbox: the one owner of the persisted queue, the sender's state and the callers waiting for their
// events' answers. An event goes in with `add`, leaves with one request at a time (oldest first, one tab
// at a time), and its final status goes back to its caller, in this tab or the one that tracked it.
import type { EventBody } from '../events/wire';
import { watchFingerprints } from '../fingerprints/fingerprints';
import type { Logger } from '../lib/logger';
import type { Storage } from '../lib/storage';
import type { StorageKeys } from '../lib/storage-keys';
import { type EventOrigin, emit, type QueueView } from '../observe';
import type { Consent, Fingerprints, TrackResult, TrackStatus } from '../types';
import { classifyAnswer } from './answer';
import { trimQueue } from './bounds';
import { type Head, headDecision, orderIdOf, type Wait } from './next-request';
import type { OrderGuard } from './order-guard';
import { createQueue, type Entry } from './queue';
import { MAX_EVENT_AGE_MS, retryDelayMs } from './retry-policy';
import { formatEntryId } from './segments';
import type { SenderLock } from './sender-lock';
import type { Send } from './transport';

/** An answer not expected within this long resolves the caller's promise as `queued`. */
export const QUEUED_AFTER_MS = 3_000;
/** Whatever happens (another tab sending, a slow lock), a caller hears back within this long. */
export const ANSWER_TIMEOUT_MS = 15_000;
/** Chromium shares this much body between all of a page's in-flight keepalive requests. */
export const KEEPALIVE_BUDGET_BYTES = 64 * 1024;
/** How long a network error waits to be sure the page is not going away (a closing window fails its requests first). */
export const NETWORK_ERROR_GRACE_MS = 100;

/**
 * One turn of sending, from asking for the sender lock to letting it go. `woken`: something happened
 * meanwhile (an event added, online) that the turn may have missed, having looked at the queue already.
 */
type Turn = { readonly id: number; woken: boolean };

/**
 * Where the sender is:
 * - `idle`: nothing it can send, nothing to wait for;
 * - `locking`: asked for the cross-tab sender lock, not granted yet;
 * - `sending`: holding the lock, sending the queue's head, one event at a time;
 * - `waiting`: the head cannot go yet (a retry later, offline, no fingerprints); `long` when no answer
 *   can come soon, so callers hear `queued`;
 * - `paused`: consent is pending or denied; `stopped`: shut down.
 */
type SenderState =
  | { name: 'idle' | 'paused' | 'stopped' }
  | { name: 'locking' | 'sending'; turn: Turn }
  | { name: 'waiting'; wait: Wait; long: boolean; cancel: () => void; retryAt?: number };

/** How a turn ended: nothing left to send now, a reason to wait, or the lease taken over by another tab. */
type TurnEnd = { wait: Wait; ms?: number } | { leaseLost: true } | { done: true };

/** Nothing more can be sent now: `flush()` resolves. */
const isIdle = (state: SenderState) =>
  state.name === 'idle' || state.name === 'paused' || state.name === 'stopped' || (state.name === 'waiting' && state.long);

/** Whether a body fits the keepalive budget: at most three UTF-8 bytes per UTF-16 unit, counted only when that bound does not decide. */
const fitsKeepaliveBudget = (json: string) =>
  json.length * 3 <= KEEPALIVE_BUDGET_BYTES ||
  (typeof TextEncoder === 'function' && new TextEncoder().encode(json).length <= KEEPALIVE_BUDGET_BYTES);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where the outbox keeps its events and what it sends through: the session's storage, lock, transport and order memory. */
export interface OutboxParts {
  storage: Storage;
  keys: StorageKeys;
  tab: string;
  lock: SenderLock;
  send: Send;
  orders: OrderGuard;
}

/** What the outbox reads as it runs: the tracker's configuration and the page's widget, the clock, the log. */
export interface OutboxInputs {
  /** The API host, read for each request (the widget's snippet may set it later in the page). */
  apiBaseUrl: () => string;
  consent: Consent;
  fingerprints: () => Fingerprints | null;
  /** Every final outcome: onEvent, onError for drops, the debug log. */
  report: (result: TrackResult) => void;
  logger: Logger;
  now: () => number;
  random: () => number;
}

export type Outbox = ReturnType<typeof createOutbox>;

/**
 * Sends the stored queue one event at a time, oldest first, holding the cross-tab sender lock, and gives
 * each event its final status from the API's answer. The page's visibility (`shown`, or `hidden` as it
 * leaves or enters the back/forward cache) is followed apart: it changes what an answer means, not
 * whether the sender runs.
 */
export function createOutbox({ storage, keys, tab, lock, send, orders }: OutboxParts, inputs: OutboxInputs) {
  const { logger, now } = inputs;
  const queue = createQueue(storage, keys, tab);
  let state: SenderState = { name: inputs.consent === 'granted' ? 'idle' : 'paused' };
  let consent = inputs.consent;
  let page: 'shown' | 'hidden' = 'shown';
  let turns = 0;
  let idleWaiters: (() => void)[] = [];
  let sharedFp: [string, string] | undefined;

  // ── The callers waiting for answers in this tab. Another tab may send an event: its answer then comes
  // back over a BroadcastChannel. One timer for all of them (a timer each would cost more than a call).
  const waiting = new Map<string, { resolve: (result: TrackResult) => void; deadline: number }>();
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(keys.answers) : undefined;
  let sweepTimer: ReturnType<typeof setTimeout> | undefined;
  /** Hands `result` to this tab's caller of event `id`; false when none waits here. */
  const settle = (id: string, result: TrackResult) => {
    const caller = waiting.get(id);
    if (!caller) return false;
    waiting.delete(id);
    caller.resolve(result);
    return true;
  };
  const sweep = () => {
    sweepTimer = undefined;
    for (const [id, { deadline }] of waiting) {
      if (deadline > now()) {
        sweepTimer = setTimeout(sweep, deadline - now());
        return;
      }
      settle(id, { status: 'queued', eventId: id });
    }
  };
  if (channel) channel.onmessage = (event: MessageEvent) => settle(event.data?.id, event.data?.result);
  /** Every caller still waiting hears `queued`: no answer can come soon. */
  const settleAllQueued = () => {
    for (const id of [...waiting.keys()]) settle(id, { status: 'queued', eventId: id });
  };

  // ── An event's final status: the order memory, the report, the waiting caller (here or in another tab).
  /** `body` is unknown for an event dropped without reading it (consent denied clears the queue by ids). */
  const conclude = (entry: { id: Entry['id']; body?: Entry['body'] }, status: TrackStatus, code?: string) => {
    const orderId = orderIdOf(entry);
    if (orderId) status === 'dropped' ? orders.forget(orderId) : orders.mark(orderId, 'answered');
    const eventId = formatEntryId(entry.id);
    const result: TrackResult = code ? { status, eventId, code } : { status, eventId };
    inputs.report(result);
    if (!settle(eventId, result)) channel?.postMessage({ id: eventId, result });
  };
  /** Moves the queue past the event, then concludes it. */
  const finish = (entry: { id: Entry['id']; body?: Entry['body'] }, status: TrackStatus, code?: string) => {
    queue.remove(entry.id);
    conclude(entry, status, code);
  };

  // ── The sender's state.
  const view = (): QueueView =>
    state.name === 'waiting'
      ? { length: queue.size(), sender: state.name, waitingFor: state.wait, retryAt: state.retryAt }
      : { length: queue.size(), sender: state.name };
  const enter = (next: SenderState) => {
    if (state.name === 'waiting') state.cancel();
    state = next;
    emit(() => ({ kind: 'queue', ...view() }));
    if (!isIdle(next)) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  /** The fingerprints an event goes out with: the pair it was tracked with, else the widget's now. */
  const fingerprintsOf = (entry: Entry): [string, string] | undefined => {
    if (entry.fp) return entry.fp;
    const fp = inputs.fingerprints();
    return fp ? [fp.user, fp.faq] : undefined;
  };

  /**
   * The head's fate (next-request.ts decides it; this applies it): the request to send, a reason to wait,
   * or nothing left. Events that can no longer be sent (expired, an order already answered) are finished
   * on the way, and one that left as its page closed is removed.
   */
  const nextHead = (): Head | undefined => {
    for (;;) {
      const entry = queue.head();
      if (!entry) return undefined;
      const decision = headDecision(entry, {
        now: now(),
        online: globalThis.navigator?.onLine !== false,
        orderAnswered: (orderId) => orders.answered(orderId),
        fingerprints: fingerprintsOf(entry),
        apiBaseUrl: inputs.apiBaseUrl(),
      });
      if ('remove' in decision) {
        queue.remove(entry.id);
        logger.debug(`${entry.id} left as its page closed; not sent again`);
      } else if ('finish' in decision) finish(entry, decision.finish, decision.code);
      else return decision;
    }
  };

  /** POSTs the head, marked as sent first (so that no later page sends it again once this page is gone). */
  const sendHead = ({ entry, url, json }: Extract<Head, { entry: Entry }>) => {
    entry.sentAt = now();
    queue.save(entry);
    const eventId = formatEntryId(entry.id);
    logger.debug(`sending ${eventId} (attempt ${entry.tries + 1})`, json);
    emit(() => ({ kind: 'sending', eventId, attempt: entry.tries + 1 }));
    return send(url, json, fitsKeepaliveBudget(json));
  };

  const mine = (turn: Turn) => (state.name === 'locking' || state.name === 'sending') && state.turn === turn;

  /** Sends the head, one event at a time, while this turn is the sender's and the head can go. */
  const sendAll = async (turn: Turn): Promise<TurnEnd> => {
    for (;;) {
      if (!mine(turn)) return { done: true };
      const head = nextHead();
      if (!head) return { done: true };
      if ('wait' in head) return head;
      // A storage lease can be taken over by a tab that saw it expire: that tab sends now, this one waits its turn.
      if (!lock.held()) return { leaseLost: true };
      const { entry } = head;
      const answer = await sendHead(head);
      // Leaving, Chromium fails the page's side of a keepalive request that it still delivers: what this page
      // sees then is no answer, so the entry keeps its sentAt mark (next-request.ts). A window closed by
      // script fails it before `pagehide`: a network error counts only if the page is still here a moment later.
      if (answer.error === 'network' && page === 'shown') await sleep(NETWORK_ERROR_GRACE_MS);
      if (page === 'hidden' || !mine(turn)) return { done: true };
      const outcome = classifyAnswer(answer);
      if (outcome.final) {
        finish(entry, outcome.status, outcome.code);
        continue;
      }
      entry.tries++;
      entry.sentAt = undefined;
      entry.notBefore = now() + retryDelayMs(entry.tries, outcome.status, outcome.retryAfter, now(), inputs.random);
      queue.save(entry);
    }
  };

  /** The head cannot go yet: wait for the retry time, for `online`, or for the widget's fingerprints. */
  const waitFor = (wait: Wait, ms = 0) => {
    const long = wait !== 'retry' || ms > QUEUED_AFTER_MS;
    logger.debug(`waiting (${wait}${wait === 'retry' ? ` in ${ms} ms` : ''}); ${queue.size()} queued`);
    let cancel = () => {};
    if (wait === 'retry') {
      // A timer over 2^31 - 1 ms fires at once: a tampered retry time must not spin the page.
      const timer = setTimeout(wake, Math.min(ms, MAX_EVENT_AGE_MS));
      cancel = () => clearTimeout(timer);
    }
    if (wait === 'fingerprints') cancel = watchFingerprints(inputs.fingerprints, wake);
    enter({ name: 'waiting', wait, long, cancel, retryAt: wait === 'retry' ? now() + ms : undefined });
    if (long) settleAllQueued();
    trimQueue(queue, conclude, finish);
  };

  /** Something may be sendable (an event added, online, a retry's time, fingerprints): start a turn unless one is under way. */
  function wake() {
    if (state.name === 'locking' || state.name === 'sending') state.turn.woken = true;
    if (state.name !== 'idle' && state.name !== 'waiting') return;
    const turn: Turn = { id: ++turns, woken: false };
    enter({ name: 'locking', turn });
    const take = async () => {
      if (!mine(turn)) return;
      enter({ name: 'sending', turn });
      const end = await sendAll(turn);
      if (!mine(turn)) return;
      if ('wait' in end) return waitFor(end.wait, end.ms);
      enter({ name: 'idle' });
      // Another tab took the lease over (this one asks again, and waits its turn), or something came in
      // after this turn last looked at the queue.
      if ('leaseLost' in end || turn.woken) wake();
    };
    Promise.resolve()
      .then(() => lock.run(take))
      .catch((error) => logger.error('delivery stopped by an unexpected error', error))
      .finally(() => mine(turn) && enter({ name: 'idle' }));
  }

  /**
   * The page is leaving while this tab still waits for the sender lock (the grant is a task away and may
   * never run). When no other tab is sending, send the head now with keepalive: the browser finishes it
   * after the page is gone, and its `sentAt` mark keeps any later page from sending it again.
   */
  const sendBeforeLeaving = () => {
    if (state.name !== 'locking' || lock.heldElsewhere()) return;
    const head = nextHead();
    if (head && 'entry' in head) void sendHead(head);
  };

  // ── The page's inputs: back online, leaving (or entering the back/forward cache), shown again, and
  // another tab's storage writes.
  const pageListeners: [string, (event: Event) => void][] = [
    ['online', () => wake()],
    [
      'pagehide',
      () => {
        page = 'hidden';
        sendBeforeLeaving();
        settleAllQueued();
      },
    ],
    [
      'pageshow',
      () => {
        page = 'shown';
        wake();
      },
    ],
    [
      'storage',
      (event) => {
        const { key, oldValue, newValue } = event as StorageEvent;
        if (key !== null && !queue.owns(key)) return;
        queue.noteExternalChange(key);
        if (oldValue === null && newValue !== null) wake();
      },
    ],
  ];
  for (const [type, listener] of pageListeners) globalThis.addEventListener?.(type, listener);

  /** Consent denied: every queued event is dropped and reported, and this company key's stored data goes. */
  const dropEverything = () => {
    for (const id of queue.clear()) conclude({ id }, 'dropped', 'CONSENT_DENIED');
    for (const key of storage.keys(keys.namespace)) storage.remove(key);
  };

  /** How often adding an event looks for expired ones at the queue's head. */
  const EXPIRY_CHECK_MS = 60_000;
  /**
   * The age limit, whatever the sender's state (paused for consent, offline, waiting for the widget): events
   * older than MAX_EVENT_AGE_MS go as the outbox starts and as each event is added, not only when they reach
   * the head. The queue is in tracked order, so the old ones are at its head.
   */
  let expiryCheckedAt = Number.NEGATIVE_INFINITY;
  const dropExpired = () => {
    // At most once a minute: reading the head back from storage for each of a burst's events costs the page
    // (1,000 calls in `npm run bench`), and a minute is nothing against a day.
    if (now() - expiryCheckedAt < EXPIRY_CHECK_MS) return;
    expiryCheckedAt = now();
    for (let entry = queue.head(); entry && now() - entry.at > MAX_EVENT_AGE_MS; entry = queue.head()) {
      if (entry.sentAt !== undefined)
        queue.remove(entry.id); // its request left as its page closed
      else finish(entry, 'dropped', 'EXPIRED');
    }
  };

  dropExpired();
  wake();

  return {
    view,
    /** Queues an event with the fingerprints the widget has now; resolves with its outcome (or `queued`). */
    add(body: EventBody, origin: EventOrigin): Promise<TrackResult> {
      const fp = inputs.fingerprints();
      // Events tracked one after another share one (read-only) pair: one object fewer per event to keep.
      if (fp && (sharedFp?.[0] !== fp.user || sharedFp[1] !== fp.faq)) sharedFp = [fp.user, fp.faq];
      dropExpired();
      const entry = queue.add(body, fp ? sharedFp : undefined, now());
      const eventId = formatEntryId(entry.id);
      sweepTimer ??= setTimeout(sweep, ANSWER_TIMEOUT_MS);
      const answered = new Promise<TrackResult>((resolve) => waiting.set(eventId, { resolve, deadline: now() + ANSWER_TIMEOUT_MS }));
      emit(() => ({ kind: 'event', eventId, body, origin }));
      logger.debug('queued', eventId, body);
      const waitingLong = state.name === 'waiting' && state.long;
      if (consent !== 'granted' || page === 'hidden' || waitingLong) settle(eventId, { status: 'queued', eventId });
      if (state.name === 'waiting') trimQueue(queue, conclude, finish);
      wake();
      return answered;
    },
    /** Resolves when nothing is in flight or waiting to go now. */
    flush(): Promise<void> {
      const busy = state.name === 'locking' || state.name === 'sending';
      if (state.name === 'stopped' || state.name === 'paused' || (!busy && queue.size() === 0)) return Promise.resolve();
      const idle = new Promise<void>((resolve) => idleWaiters.push(resolve));
      wake();
      return idle;
    },
    setConsent(next: Consent) {
      consent = next;
      storage.setPersist(next === 'granted');
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
      for (const [type, listener] of pageListeners) globalThis.removeEventListener?.(type, listener);
      clearTimeout(sweepTimer);
      channel?.close();
      lock.close();
      settleAllQueued();
    },
  };
}
