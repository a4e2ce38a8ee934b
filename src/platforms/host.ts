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
}

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
  };
}
