import { classifyAnswer, isTransientStatus } from '../delivery/answer';
import { type Validated, type ValidationIssue, validateCartEvent, validateCheckout } from '../events/input';
import { type EventBody, endpointOf, toCartBody, toCheckoutBody, withFingerprints } from '../events/wire';
import { randomId } from '../lib/ids';
import { toJson } from '../lib/json';
import type { CartEventInput, CheckoutInput, Fingerprints, TrackStatus } from '../types';
import { validateFingerprints } from './fingerprint-schema';
import { readOptions, type ServerClientOptions } from './server-options';
import { createServerSend, type ServerAnswer } from './server-send';

/** Order ids one client remembers, to answer a second report of one order without a request. */
export const REMEMBERED_ORDERS = 10_000;

/** `failed`: no final answer within the retries and the time bound; report the event again later. The browser's `queued` and `dropped` do not occur. */
export type ServerTrackStatus = Exclude<TrackStatus, 'queued' | 'dropped'> | 'failed';

export interface ServerTrackResult {
  status: ServerTrackStatus;
  /** An id for this report, for your logs. */
  eventId: string;
  /** The API's error code; for `failed`, `TIMEOUT`, `NETWORK_ERROR` or `HTTP_<status>`; for `invalid`, `INVALID_INPUT`. */
  code?: string;
  /** For `invalid`: each bad field by path (`fingerprints.user`, `lineItems[0].value`). */
  issues?: ValidationIssue[];
  /** Requests made for this report (0 when nothing was sent). */
  attempts: number;
}

export interface ServerClient {
  trackCartEvent(event: CartEventInput, fingerprints: Fingerprints): Promise<ServerTrackResult>;
  /** An order id this client already reported answers `duplicate` without a request. */
  trackCheckout(order: CheckoutInput, fingerprints: Fingerprints): Promise<ServerTrackResult>;
}

/** The result of an answer: the API's final word, or `failed` when the retries ran out without one. */
function resultOf(answer: ServerAnswer, eventId: string): ServerTrackResult {
  const outcome = classifyAnswer(answer);
  // A status only this call tries again (a 408) is final for the browser's queue; here the call ended without the API's word.
  const retriedHereOnly = isTransientStatus(answer.status, 'call') && !isTransientStatus(answer.status);
  if (outcome.final && !retriedHereOnly) {
    return { status: outcome.status as ServerTrackStatus, eventId, ...(outcome.code && { code: outcome.code }), attempts: answer.attempts };
  }
  const code = answer.error === 'timeout' ? 'TIMEOUT' : answer.error ? 'NETWORK_ERROR' : `HTTP_${answer.status}`;
  return { status: 'failed', eventId, code, attempts: answer.attempts };
}

/**
 * A client for the store's own server: reports cart and checkout events with the fingerprints the
 * shopper's browser handed over, validated by the same schemas as the browser's calls. There is no
 * queue: a `failed` result is the caller's to retry (from its job queue). Throws on invalid options.
 * @example
 *   const alhena = createServerClient({ companyKey: 'acme', region: 'eu' });
 *   const result = await alhena.trackCheckout(order, { user, faq });
 */
export function createServerClient(options: ServerClientOptions): ServerClient {
  const config = readOptions(options);
  const send = createServerSend({ fetch: config.fetch, timeoutMs: config.timeout, retries: config.retries, totalMs: config.totalMs });
  /** Reported orders (`true`), or the report still under way. */
  const orders = new Map<string, true | Promise<ServerTrackResult>>();

  const invalid = (issues: ValidationIssue[]): ServerTrackResult => ({
    status: 'invalid',
    eventId: randomId(),
    code: 'INVALID_INPUT',
    issues,
    attempts: 0,
  });
  /** Both the input's and the fingerprints' issues, fingerprints' paths under `fingerprints.`. */
  const check = <T>(input: Validated<T>, fingerprints: unknown) => {
    const fp = validateFingerprints(fingerprints);
    const issues = [
      ...(input.ok ? [] : input.issues),
      ...(fp.ok
        ? []
        : fp.issues.map((issue) => ({ ...issue, path: issue.path === 'input' ? 'fingerprints' : `fingerprints.${issue.path}` }))),
    ];
    return input.ok && fp.ok ? { data: input.data, fp: fp.data } : { issues };
  };
  const report = async (body: EventBody, fp: Fingerprints) =>
    resultOf(await send(endpointOf(config.apiBaseUrl, body), toJson(withFingerprints(body, fp.user, fp.faq))), randomId());

  const remember = (orderId: string) => {
    orders.delete(orderId);
    orders.set(orderId, true);
    if (orders.size > REMEMBERED_ORDERS) orders.delete(orders.keys().next().value as string);
  };

  return {
    async trackCartEvent(event, fingerprints) {
      const checked = check(validateCartEvent(event, config.currency), fingerprints);
      if (!checked.data) return invalid(checked.issues);
      return report(toCartBody(checked.data, config.companyKey, config.source), checked.fp);
    },
    async trackCheckout(order, fingerprints) {
      const checked = check(validateCheckout(order, config.currency), fingerprints);
      if (!checked.data) return invalid(checked.issues);
      const body = toCheckoutBody(checked.data, config.companyKey);
      const orderId = checked.data.orderId;
      if (!orderId) return report(body, checked.fp);
      // The same order reported again (a webhook delivered twice): answered without a request. While the
      // first report is under way, a second one waits for it and shares its fate, unless the API has the order.
      const earlier = orders.get(orderId);
      if (earlier) {
        const first = earlier === true ? undefined : await earlier;
        if (!first || first.status === 'recorded' || first.status === 'duplicate') {
          return { status: 'duplicate', eventId: randomId(), code: 'ORDER_ALREADY_TRACKED', attempts: 0 };
        }
        return { ...first, eventId: randomId(), attempts: 0 };
      }
      const pending = report(body, checked.fp);
      orders.set(orderId, pending);
      const result = await pending;
      // Only an order the API has is remembered: after a `rejected` (data since fixed), `not_attributed` or
      // `failed` report, the same order may be reported again.
      if (result.status === 'recorded' || result.status === 'duplicate') remember(orderId);
      else orders.delete(orderId);
      return result;
    },
  };
}
