import { endpointOf, isCheckoutBody, withFingerprints } from '../events/wire';
import { toJson } from '../lib/json';
import type { TrackStatus } from '../types';
import type { Entry } from './queue';
import { MAX_EVENT_AGE_MS } from './retry-policy';

export type Wait = 'offline' | 'retry' | 'fingerprints';
/** What the queue's head can do now: go, as this request, or wait. */
export type Head = { entry: Entry; url: string; json: string } | { wait: Wait; ms?: number };
/** The head's fate: `remove` it (its request left as its page closed), `finish` it with a status, or `Head`. */
export type HeadDecision = Head | { remove: true } | { finish: TrackStatus; code: string };

/** What the decision reads of the world, so that it stays a pure function of its arguments. */
export interface HeadFacts {
  now: number;
  online: boolean;
  /** Whether the API has already answered for this order id (another tab, an earlier page). */
  orderAnswered(orderId: string): boolean;
  /** The pair the event goes out with, if known. */
  fingerprints: [string, string] | undefined;
  apiBaseUrl: string;
}

export const orderIdOf = (entry: { body?: Entry['body'] }) => (entry.body && isCheckoutBody(entry.body) ? entry.body.orderId : undefined);

/** Pure: the fate of the queue's head, from the entry and the facts of the moment. */
export function headDecision(entry: Entry, facts: HeadFacts): HeadDecision {
  // Its request left from a page that is gone, so the browser finished it without us (keepalive).
  // Sending it again would count it twice; and an order id is sent at most once per browser.
  if (entry.sentAt !== undefined) return { remove: true };
  if (facts.now - entry.at > MAX_EVENT_AGE_MS) return { finish: 'dropped', code: 'EXPIRED' };
  const orderId = orderIdOf(entry);
  if (orderId && facts.orderAnswered(orderId)) return { finish: 'duplicate', code: 'ORDER_ALREADY_TRACKED' };
  if (!facts.online) return { wait: 'offline' };
  if (entry.notBefore > facts.now) return { wait: 'retry', ms: entry.notBefore - facts.now };
  if (!facts.fingerprints) return { wait: 'fingerprints' };
  const [user, faq] = facts.fingerprints;
  return { entry, url: endpointOf(facts.apiBaseUrl, entry.body), json: toJson(withFingerprints(entry.body, user, faq)) };
}
