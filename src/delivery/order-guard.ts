import { toJson } from '../lib/json';
import type { Storage } from '../lib/storage';

/** How many order ids the browser remembers; older ones are forgotten first. */
export const MAX_REMEMBERED_ORDERS = 200;

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

/** Remembers order ids so that each is sent at most once per browser, across reloads and tabs. */
export function createOrderGuard(storage: Storage, key: string): OrderGuard {
  // Stored as [id, mark] pairs, oldest first: a Map keeps that order even for numeric ids.
  const load = (): Map<string, Mark> => {
    const marks = new Map<string, Mark>();
    try {
      const pairs: unknown = JSON.parse(storage.get(key) ?? '[]');
      if (Array.isArray(pairs)) {
        for (const pair of pairs) {
          if (Array.isArray(pair) && typeof pair[0] === 'string' && (pair[1] === 1 || pair[1] === 2))
            marks.set(pair[0], pair[1] === 2 ? 'answered' : 'tracked');
        }
      }
    } catch {
      // Corrupt: start afresh.
    }
    return marks;
  };
  const store = (marks: Map<string, Mark>) =>
    storage.set(key, toJson([...marks].slice(-MAX_REMEMBERED_ORDERS).map(([id, mark]) => [id, STORED[mark]])));
  return {
    seen: (orderId) => load().has(orderId),
    answered: (orderId) => load().get(orderId) === 'answered',
    mark(orderId, mark) {
      const marks = load();
      marks.delete(orderId);
      store(marks.set(orderId, mark));
    },
    forget(orderId) {
      const marks = load();
      marks.delete(orderId);
      store(marks);
    },
  };
}
