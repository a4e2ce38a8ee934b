import type { TrackResult } from '../types';
import type { PlatformSession } from './platform-plugin';

type CartTotal = { value: number; currency: string };

/** What a platform's code works with: the reconciliation and orders, marked as the platform's, its reads, the debug log. */
export interface PlatformHost {
  /** The platform's cart as just read, as `reportCart` lines, and its total: compared with the record, the changes sent. */
  reportCart(items: unknown[], total?: CartTotal): Promise<TrackResult[]>;
  trackCheckout(order: unknown): Promise<TrackResult>;
  orderTracked(orderId: string): boolean;
  /** The record's lines: the last cart read (what an order page's line items come from). */
  cartLines: PlatformSession['calls']['cartLines'];
  /** The total the last cart read stated. */
  cartTotal(): CartTotal | undefined;
  /** JSON from the page's own origin with the shopper's cookies (through the SDK's ky). */
  readJson(url: string): Promise<unknown>;
  debug(message: string, detail?: unknown): void;
  /**
   * Runs `read` (a cart read and its comparison, until the record is written) as the only one across this
   * store's tabs: two tabs reading one change at once would both compare it with the old record, and both send it.
   */
  oneTabAtATime(read: () => Promise<void>): Promise<void>;
}

/**
 * The host a platform's code is given, built in the platform's own file rather than in the tag: each
 * cart read is in the debug log and told to observers (the inspector) with what its comparison sent.
 */
export function createHost({ name, calls, readJson, logger, emit }: PlatformSession): PlatformHost {
  const origin = { source: 'platform' } as const;
  return {
    reportCart: (items, total) =>
      calls.reportCart(items, total, origin).then((results) => {
        logger.debug(`${name}: cart read, ${items.length} line(s), ${results.length} event(s) from the comparison`, items);
        emit(() => ({ kind: 'cart-read', platform: name, items, results }));
        return results;
      }),
    trackCheckout: (order) => calls.trackCheckout(order, origin),
    orderTracked: calls.orderTracked,
    cartLines: calls.cartLines,
    cartTotal: calls.cartTotal,
    readJson,
    debug: (message, detail) => logger.debug(`${name}: ${message}`, detail ?? ''),
    oneTabAtATime: calls.oneTabAtATime,
  };
}
