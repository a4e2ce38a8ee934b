// The observer interface: what the SDK tells whoever watches it (the inspector panel, or a store's own
// tooling), documented in the README. It costs nothing while nobody observes: `emit` builds nothing then.
import type { CartBody, CheckoutBody } from './events/wire';
import type { Fingerprints, Options, Platform, TrackResult } from './types';

/**
 * An event's body as it goes over the wire (the vendor page's fields), without the fingerprints: a cart
 * event's or a checkout's (`src/events/wire.ts`), as one type whose fields of either kind are optional.
 */
export type WireBody = Pick<CartBody, 'company_key' | 'value' | 'currency'> &
  Partial<Omit<CartBody, 'company_key' | 'value' | 'currency'>> &
  Partial<Omit<CheckoutBody, 'company_key' | 'value' | 'currency'>>;

/** Where an event came from: a call of the page's code, a data-attribute control, an order confirmation, a dataLayer entry, a platform's cart read. */
export type EventOrigin = { source: 'call' | 'data-attribute' | 'order-element' | 'dataLayer' | 'platform'; element?: Element };

/** The sender of a tracker's queue: `sending` means this tab holds the cross-tab lock and sends. */
export type QueueView = {
  length: number;
  sender: 'idle' | 'locking' | 'sending' | 'waiting' | 'paused' | 'stopped';
  /** While the sender waits: for a retry (at `retryAt`, ms since the epoch), while offline, or for the widget's fingerprints. */
  waitingFor?: 'retry' | 'offline' | 'fingerprints';
  retryAt?: number;
};

export type Observation =
  /** A tracker as it is: given when observing starts, and at each change of its state. */
  | {
      kind: 'tracker';
      state: 'created' | 'reading' | 'running' | 'refused';
      /** Why it refused (`CONFIG`, `SHOPIFY`, …). */
      code?: string;
      /** The options as given (script attributes included), and the configuration resolved from them. */
      options: Options;
      config?: {
        companyKey: string;
        apiBaseUrl: string;
        currency?: string;
        autoTrack: boolean;
        dataLayer: boolean;
        consent: string;
        ordersFrom: string;
      };
      fingerprints: Fingerprints | null;
      /** When the tracker was created (`performance.now()`). */
      createdAt: number;
      queue?: QueueView;
    }
  /** An event tracked: queued with its wire body (fingerprints left out), or refused with its input. */
  | { kind: 'event'; eventId: string; body?: WireBody; method?: string; input?: unknown; origin: EventOrigin }
  /** A request for the event leaves. */
  | { kind: 'sending'; eventId: string; attempt: number }
  /** An event's outcome: `queued`, or final with the API's code (`invalid` with its issues). */
  | { kind: 'result'; result: TrackResult }
  | ({ kind: 'queue' } & QueueView)
  /** The store's platform, recognised (or named): its code owns the cart. */
  | { kind: 'platform'; name: Platform }
  /** The platform's cart as read, and the results of what the comparison sent (none when nothing changed). */
  | { kind: 'cart-read'; platform: Platform; items: unknown[]; results: TrackResult[] };

export type Observer = (observation: Observation) => void;

const observers = new Set<Observer>();
const sources = new Set<() => Observation>();
/** Observations kept while an inspector is on its way (asked for by URL, before its file has loaded). */
let recorded: Observation[] | undefined;

/**
 * Starts observing: `observer` hears each tracker's state at once, then everything as it happens.
 * Returns the function that stops it. An observer that throws is ignored.
 */
export function observe(observer: Observer): () => void {
  const tell = (observation: Observation) => {
    try {
      observer(observation);
    } catch {
      // The observer's own problem: the SDK goes on.
    }
  };
  for (const source of sources) tell(source());
  for (const observation of recorded ?? []) tell(observation);
  recorded = undefined;
  observers.add(tell);
  return () => observers.delete(tell);
}

/** Keeps what happens from now until the first observer comes (at most 500 observations). */
export function record(): void {
  recorded ??= [];
}

/** Tells the observers: `build` runs only when someone observes. */
export function emit(build: () => Observation): void {
  if (!observers.size && !recorded) return;
  const observation = build();
  if (recorded && recorded.length < 500) recorded.push(observation);
  for (const tell of observers) tell(observation);
}

/** A tracker's current state, given to each new observer. Returns the function that removes it. */
export function addSource(source: () => Observation): () => boolean {
  sources.add(source);
  return () => sources.delete(source);
}
