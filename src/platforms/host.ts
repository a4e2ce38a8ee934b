import type { TrackResult } from '../types';
import type { PlatformSession } from './platform-plugin';

/** What a platform's code works with: the reconciliation and orders, marked as the platform's, its reads, the debug log. */
export interface PlatformHost {
  /** The platform's cart as just read, as `reportCart` lines: compared with the record, the changes sent. */
  reportCart(items: unknown[]): Promise<TrackResult[]>;
  trackCheckout(order: unknown): Promise<TrackResult>;
  orderTracked(orderId: string): boolean;
  /** The record's lines: the last cart read (the lines an order page falls back on). */
  cartLines: PlatformSession['calls']['cartLines'];
  /** JSON from the page's own origin with the shopper's cookies (through the SDK's ky). */
  readJson(url: string): Promise<unknown>;
  debug(message: string, detail?: unknown): void;
  /**
   * Runs `read` (a cart read and its comparison, until the record is written) while no other tab of this
   * store runs one: two tabs that read the same change at once would otherwise both compare it with the
   * record as it was, and both send it.
   */
  oneTabAtATime<T>(read: () => Promise<T>): Promise<T>;
}

type Locks = { request<T>(name: string, run: () => Promise<T>): Promise<T> };
/** Web Locks' name for the platform's cart reads; every browser the tag runs in has Web Locks, a page may have refused them. */
const READ_LOCK = 'alhena-cart:cart-read';

/**
 * The host a platform's code is given, built in the platform's own file rather than in the tag: each
 * cart read is in the debug log and told to observers (the inspector) with what its comparison sent.
 */
export function createHost({ name, calls, readJson, logger, emit, withOrigin }: PlatformSession): PlatformHost {
  const origin = { source: 'platform' } as const;
  return {
    reportCart: (items) =>
      withOrigin(origin, () => calls.reportCart(items)).then((results) => {
        logger.debug(`${name}: cart read, ${items.length} line(s), ${results.length} event(s) from the comparison`, items);
        emit(() => ({ kind: 'cart-read', platform: name, items, results }));
        return results;
      }),
    trackCheckout: (order) => withOrigin(origin, () => calls.trackCheckout(order as never)),
    orderTracked: calls.orderTracked,
    cartLines: calls.cartLines,
    readJson,
    debug: (message, detail) => logger.debug(`${name}: ${message}`, detail ?? ''),
    oneTabAtATime(read) {
      const locks = (navigator as { locks?: Locks }).locks;
      if (typeof locks?.request !== 'function') return read();
      let ran = false;
      const run = () => {
        ran = true;
        return read();
      };
      // Refused (a sandboxed frame, storage blocked): one tab's reads are still one at a time.
      return locks.request(READ_LOCK, run).catch((error) => (ran ? Promise.reject(error) : read()));
    },
  };
}
