import { endpointOf, isCheckoutBody, withFingerprints } from '../events/wire';
import { toJson } from '../lib/json';
import type { Logger } from '../lib/logger';
import type { Fingerprints, TrackStatus } from '../types';
import type { OrderGuard } from './order-guard';
import type { Entry, Queue } from './queue';
import { MAX_EVENT_AGE_MS } from './retry-policy';

export type Wait = 'offline' | 'retry' | 'fingerprints';
export type Request = { entry: Entry; url: string; json: string };
export type Next = Request | { wait: Wait; ms?: number } | undefined;

export interface NextDeps {
  queue: Queue;
  orders: OrderGuard;
  fingerprints: () => Fingerprints | null;
  finish: (entry: Entry, status: TrackStatus, code?: string) => void;
  logger: Logger;
  now: () => number;
  apiBaseUrl: string;
}

export const orderIdOf = (entry: Pick<Entry, 'body'>) => (isCheckoutBody(entry.body) ? entry.body.orderId : undefined);

/** The head's fate: a request to send, a reason to wait, or nothing left. Finishes, on the way, the events that can no longer be sent (expired, an order already recorded). */
export function nextRequest(deps: NextDeps): Next {
  for (;;) {
    const entry = deps.queue.head();
    if (!entry) return undefined;
    const now = deps.now();
    if (entry.sentAt !== undefined) {
      // Its request left from a page that is gone, so the browser finished it without us (keepalive).
      // Sending it again would count it twice; and an order id is sent at most once per browser.
      deps.queue.remove(entry.id);
      deps.logger.debug(`${entry.id} left as its page closed; not sent again`);
      continue;
    }
    if (now - entry.at > MAX_EVENT_AGE_MS) {
      deps.finish(entry, 'dropped', 'EXPIRED');
      continue;
    }
    const orderId = orderIdOf(entry);
    if (orderId && deps.orders.answered(orderId)) {
      deps.finish(entry, 'duplicate', 'ORDER_ALREADY_TRACKED');
      continue;
    }
    if (globalThis.navigator?.onLine === false) return { wait: 'offline' };
    if (entry.notBefore > now) return { wait: 'retry', ms: entry.notBefore - now };
    const fp = entry.fp ?? deps.fingerprints();
    if (!fp) return { wait: 'fingerprints' };
    const [user, faq] = Array.isArray(fp) ? fp : [fp.user, fp.faq];
    return { entry, url: endpointOf(deps.apiBaseUrl, entry.body), json: toJson(withFingerprints(entry.body, user, faq)) };
  }
}
