import { classifyAnswer, isTransientStatus } from '../delivery/answer';
import { type Validated, type ValidationIssue, validateCartEvent, validateCheckout } from '../events/input';
import { type EventBody, endpointOf, toCartBody, toCheckoutBody, withFingerprints } from '../events/wire';
import { randomId } from '../lib/ids';
import { toJson } from '../lib/json';
import type { CartEventInput, CheckoutInput, Fingerprints, TrackStatus } from '../types';
import { validateFingerprints } from './fingerprint-schema';
import { readCallOptions, readOptions, type ServerCallOptions, type ServerClientOptions } from './server-options';
import { type CallBound, createServerSend, type ServerAnswer, watchEnd } from './server-send';

/** Order ids one client remembers, to answer a second report of one order without a request: this many at most, */
export const REMEMBERED_ORDERS = 10_000;
/** and ids of this many UTF-16 code units in all (ids are at most 256 long: about 2 MB of strings at most). */
export const REMEMBERED_ORDER_CHARS = 1_048_576;

/** `failed`: no final answer within the retries and the time bound; report the event again later. The browser's `queued` and `dropped` do not occur. */
export type ServerTrackStatus = Exclude<TrackStatus, 'queued' | 'dropped'> | 'failed';

export interface ServerTrackResult {
  status: ServerTrackStatus;
  /** An id for this report, for your logs. */
  eventId: string;
  /**
   * The API's error code; for `failed`, `TIMEOUT`, `NETWORK_ERROR`, `HTTP_<status>`, `ABORTED` (the call's
   * signal) or `INTERNAL_ERROR` (an input that threw as it was read); for `invalid`, `INVALID_INPUT`.
   */
  code?: string;
  /** For `invalid`: each bad field by path (`fingerprints.user`, `lineItems[0].value`, `options.totalTimeout`). */
  issues?: ValidationIssue[];
  /** Requests made for this report (0 when nothing was sent). */
  attempts: number;
}

/** Both methods resolve, whatever they are given: they never reject. */
export interface ServerClient {
  trackCartEvent(event: CartEventInput, fingerprints: Fingerprints, options?: ServerCallOptions): Promise<ServerTrackResult>;
  /** An order id this client already reported answers `duplicate` without a request. */
  trackCheckout(order: CheckoutInput, fingerprints: Fingerprints, options?: ServerCallOptions): Promise<ServerTrackResult>;
}

/** The result of an answer: the API's final word, or `failed` when the retries ran out without one. */
function resultOf(answer: ServerAnswer, eventId: string): ServerTrackResult {
  if (answer.aborted) return { status: 'failed', eventId, code: 'ABORTED', attempts: answer.attempts };
  const outcome = classifyAnswer(answer);
  // A status only this call tries again (a 408) is final for the browser's queue; here the call ended without the API's word.
  const retriedHereOnly = isTransientStatus(answer.status, 'call') && !isTransientStatus(answer.status);
  if (outcome.final && !retriedHereOnly) {
    return { status: outcome.status as ServerTrackStatus, eventId, ...(outcome.code && { code: outcome.code }), attempts: answer.attempts };
  }
  const code = answer.error === 'timeout' ? 'TIMEOUT' : answer.error ? 'NETWORK_ERROR' : `HTTP_${answer.status}`;
  return { status: 'failed', eventId, code, attempts: answer.attempts };
}

/** `failed` with `code`: the call ended without the API's word (an abort, an input that threw). */
const failed = (code: string, attempts = 0): ServerTrackResult => ({ status: 'failed', eventId: randomId(), code, attempts });

/** Runs a call; an input that throws as it is read (a getter, a Proxy) answers `failed` / `INTERNAL_ERROR`: a call never rejects. */
async function neverRejecting(track: () => Promise<ServerTrackResult>): Promise<ServerTrackResult> {
  try {
    return await track();
  } catch {
    return failed('INTERNAL_ERROR');
  }
}

/** Resolves with `promise`'s result, or with why the call ended first. */
async function within<T>(promise: Promise<T>, bound: CallBound): Promise<T | 'aborted' | 'timeout'> {
  const end = watchEnd(bound);
  try {
    return await Promise.race([promise, end.ended]);
  } finally {
    end.clear();
  }
}

/**
 * A client for the store's own server: reports cart and checkout events with the fingerprints the
 * shopper's browser handed over, validated by the same schemas as the browser's calls. There is no
 * queue: a `failed` result is the caller's to retry (from its job queue). At most `maxConcurrent` requests
 * are in flight; further calls wait for their turn within their own bound. Throws on invalid options;
 * the calls never reject.
 * @example
 *   const alhena = createServerClient({ companyKey: 'acme', region: 'eu' });
 *   const result = await alhena.trackCheckout(order, { user, faq }, { totalTimeout: 5_000 });
 */
export function createServerClient(options: ServerClientOptions): ServerClient {
  const config = readOptions(options);
  const send = createServerSend({
    fetch: config.fetch,
    timeoutMs: config.timeout,
    retries: config.retries,
    maxConcurrent: config.maxConcurrent,
  });
  /** Reported orders (`true`), or the report still under way. */
  const orders = new Map<string, true | Promise<ServerTrackResult>>();

  const invalid = (issues: ValidationIssue[]): ServerTrackResult => ({
    status: 'invalid',
    eventId: randomId(),
    code: 'INVALID_INPUT',
    issues,
    attempts: 0,
  });
  /** The call's bound, from its options, counted from the call's start: waiting for a turn counts against it. */
  const boundOf = (callOptions: unknown, started: number): Validated<CallBound> => {
    const read = readCallOptions(callOptions);
    if (!read.ok) return read;
    return { ok: true, data: { deadline: started + (read.data.totalTimeout ?? config.totalMs), signal: read.data.signal } };
  };
  /** The input's, the fingerprints' and the call options' issues, fingerprints' paths under `fingerprints.`. */
  const check = <T>(input: Validated<T>, fingerprints: unknown, bound: Validated<CallBound>) => {
    const fp = validateFingerprints(fingerprints);
    const issues = [
      ...(input.ok ? [] : input.issues),
      ...(fp.ok
        ? []
        : fp.issues.map((issue) => ({ ...issue, path: issue.path === 'input' ? 'fingerprints' : `fingerprints.${issue.path}` }))),
      ...(bound.ok ? [] : bound.issues),
    ];
    return input.ok && fp.ok && bound.ok ? { data: input.data, fp: fp.data, bound: bound.data } : { issues };
  };
  const report = async (body: EventBody, fp: Fingerprints, bound: CallBound) =>
    resultOf(await send(endpointOf(config.apiBaseUrl, body), toJson(withFingerprints(body, fp.user, fp.faq)), bound), randomId());

  let rememberedChars = 0;
  /** Remembers an order the API has; the oldest go first beyond the count or the characters. */
  const remember = (orderId: string) => {
    if (orders.get(orderId) === true) rememberedChars -= orderId.length;
    orders.delete(orderId);
    orders.set(orderId, true);
    rememberedChars += orderId.length;
    for (const [oldest, state] of orders) {
      if (orders.size <= REMEMBERED_ORDERS && rememberedChars <= REMEMBERED_ORDER_CHARS) break;
      if (state !== true) continue; // a report still under way is not memory to trim
      orders.delete(oldest);
      rememberedChars -= oldest.length;
    }
  };

  /** An order with an id: once per client, a report made while an earlier one is under way sharing its fate. */
  const reportOrder = async (orderId: string, body: EventBody, fp: Fingerprints, bound: CallBound): Promise<ServerTrackResult> => {
    // The same order reported again (a webhook delivered twice): answered without a request. While the
    // first report is under way, a second one waits for it (within its own bound) and shares its fate,
    // unless the API has the order.
    for (let earlier = orders.get(orderId); earlier; ) {
      const first = earlier === true ? undefined : await within(earlier, bound);
      if (first === 'aborted' || first === 'timeout') return failed(first === 'aborted' ? 'ABORTED' : 'TIMEOUT');
      if (!first || first.status === 'recorded' || first.status === 'duplicate') {
        return { status: 'duplicate', eventId: randomId(), code: 'ORDER_ALREADY_TRACKED', attempts: 0 };
      }
      if (first.code !== 'ABORTED') return { ...first, eventId: randomId(), attempts: 0 };
      // The first report's caller gave up on it, not this one: this report sends the order, unless another has begun.
      const next = orders.get(orderId);
      earlier = next === earlier ? undefined : next;
    }
    const pending = report(body, fp, bound);
    orders.set(orderId, pending);
    let result: ServerTrackResult | undefined;
    try {
      result = await pending;
      return result;
    } finally {
      // Only an order the API has is remembered: after a `rejected` (data since fixed), `not_attributed`,
      // `failed` or aborted report, the same order may be reported again.
      if (result?.status === 'recorded' || result?.status === 'duplicate') remember(orderId);
      else if (orders.get(orderId) === pending) orders.delete(orderId);
    }
  };

  return {
    trackCartEvent: (event, fingerprints, callOptions) =>
      neverRejecting(async () => {
        const bound = boundOf(callOptions, Date.now());
        if (bound.ok && bound.data.signal?.aborted) return failed('ABORTED');
        const checked = check(validateCartEvent(event, config.currency), fingerprints, bound);
        if (!checked.data) return invalid(checked.issues);
        return report(toCartBody(checked.data, config.companyKey, config.source), checked.fp, checked.bound);
      }),
    trackCheckout: (order, fingerprints, callOptions) =>
      neverRejecting(async () => {
        const bound = boundOf(callOptions, Date.now());
        if (bound.ok && bound.data.signal?.aborted) return failed('ABORTED');
        const checked = check(validateCheckout(order, config.currency), fingerprints, bound);
        if (!checked.data) return invalid(checked.issues);
        const body = toCheckoutBody(checked.data, config.companyKey);
        const orderId = checked.data.orderId;
        return orderId ? reportOrder(orderId, body, checked.fp, checked.bound) : report(body, checked.fp, checked.bound);
      }),
  };
}
