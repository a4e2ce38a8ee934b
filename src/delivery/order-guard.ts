import { toJson } from '../lib/json';
import type { Storage } from '../lib/storage';

/** How many order ids the browser remembers; older ones are forgotten first. */
export const MAX_REMEMBERED_ORDERS = 200;
/** And for how long: a confirmation page revisited after a month is not guarded here (the API still answers `duplicate`). */
export const ORDER_MEMORY_MS = 30 * 24 * 60 * 60_000;

/** An order id is `tracked` in this browser as it is queued, and `answered` once the API has answered for it. */
type Mark = 'tracked' | 'answered';
/** How a mark is stored: a number each (the stored format since the first version). */
const STORED: Record<Mark, 1 | 2> = { tracked: 1, answered: 2 };

export interface OrderGuard {
  /** True when this browser already tracked the order (a reload, the back button, another tab). */
  seen(orderId: string): boolean;
  /** True once the API has answered for the order: the last check before a request leaves. */
  answered(orderId: string): boolean;
  mark(orderId: string, mark: Mark): void;
  forget(orderId: string): void;
}

/**
 * Remembers order ids so that each is sent at most once per browser, across reloads and tabs: the last
 * MAX_REMEMBERED_ORDERS, each for ORDER_MEMORY_MS after it was marked.
 */
export function createOrderGuard(storage: Storage, key: string, now: () => number = Date.now): OrderGuard {
  type Remembered = { mark: Mark; at: number };
  // Stored as [id, mark, time] triples, oldest first: a Map keeps that order even for numeric ids. A pair
  // stored before times were kept counts from the first time this version reads it.
  const load = (): Map<string, Remembered> => {
    const marks = new Map<string, Remembered>();
    try {
      const stored: unknown = JSON.parse(storage.get(key) ?? '[]');
      if (Array.isArray(stored)) {
        for (const [id, mark, at = now()] of stored.filter(Array.isArray)) {
          if (typeof id !== 'string' || (mark !== 1 && mark !== 2) || typeof at !== 'number') continue;
          if (now() - at <= ORDER_MEMORY_MS) marks.set(id, { mark: mark === 2 ? 'answered' : 'tracked', at });
        }
      }
    } catch {
      // Corrupt: start afresh.
    }
    return marks;
  };
  const store = (marks: Map<string, Remembered>) =>
    storage.set(key, toJson([...marks].slice(-MAX_REMEMBERED_ORDERS).map(([id, { mark, at }]) => [id, STORED[mark], at])));
  return {
    seen: (orderId) => load().has(orderId),
    answered: (orderId) => load().get(orderId)?.mark === 'answered',
    mark(orderId, mark) {
      const marks = load();
      marks.delete(orderId);
      store(marks.set(orderId, { mark, at: now() }));
    },
    forget(orderId) {
      const marks = load();
      marks.delete(orderId);
      store(marks);
    },
  };
}
