import * as v from 'valibot';
import { REGION_HOSTS } from '../config/region';
import { classifyAnswer } from '../delivery/answer';
import { createServerSend, REQUEST_TIMEOUT_MS, type ServerAnswer } from '../delivery/transport';
import { CurrencyField } from '../events/fields';
import { type Validated, type ValidationIssue, validateCartEvent, validateCheckout } from '../events/input';
import { type EventBody, endpointOf, toCartBody, toCheckoutBody, withFingerprints } from '../events/wire';
import { randomId } from '../lib/ids';
import { toJson } from '../lib/json';
import { object } from '../lib/schema';
import type { CartEventInput, CheckoutInput, Fingerprints, Region, TrackStatus } from '../types';
import { validateFingerprints } from './fingerprint-schema';

/** Retries after the first attempt, and how long one call may take in all, by default. */
export const SERVER_RETRY_LIMIT = 4;
export const SERVER_TOTAL_TIMEOUT_MS = 30_000;
/** Order ids one client remembers, to answer a second report of one order without a request. */
export const REMEMBERED_ORDERS = 10_000;
/** The longest a timer can wait (2^31 − 1 ms); a longer one fires at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Any `fetch`: typed by shape, so that the types need neither the DOM library nor Node's. */
export type FetchLike = (input: never, init?: never) => Promise<unknown>;

export interface ServerClientOptions {
  /** Your Alhena company key. */
  companyKey: string;
  /** `'us'` or `'eu'`: the region's API host, when no `apiBaseUrl` is given. @default 'us' */
  region?: Region;
  /** The API host, e.g. a proxy. @default the region's host */
  apiBaseUrl?: string;
  /** Currency for events that do not name one (ISO 4217). @default none: such an event is invalid */
  currency?: string;
  /** The wire field `source`. @default 'CUSTOM' */
  source?: string;
  /** How long one attempt may take, in ms. @default 10_000 */
  timeout?: number;
  /**
   * Retries of network errors, timeouts, 408, 429 and 5xx (honouring `Retry-After`, backing off
   * exponentially): how many, and how long one call may take in all (ms). `false`: one attempt only.
   * @default { limit: 4, totalTimeout: 30_000 }
   */
  retry?: false | number | { limit?: number; totalTimeout?: number };
  /** The `fetch` to send with (a runtime's own, or a test's). @default globalThis.fetch */
  fetch?: FetchLike;
}

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

const Whole = (min: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(MAX_TIMEOUT_MS, `must be at most ${MAX_TIMEOUT_MS} (a timer's longest wait)`),
  );
const OptionsSchema = object({
  companyKey: v.pipe(v.string('is required: your Alhena company key'), v.trim(), v.nonEmpty('must not be empty')),
  region: v.optional(v.picklist(['us', 'eu'], 'must be "us" or "eu"'), 'us'),
  apiBaseUrl: v.optional(
    v.pipe(
      v.string('must be a URL'),
      v.transform((url) => url.trim().replace(/\/+$/, '')),
      v.check((url) => /^https?:\/\/[^\s/?#]+/i.test(url), 'must be an absolute http(s) URL such as "https://app.alhena.ai"'),
    ),
  ),
  currency: v.optional(CurrencyField),
  source: v.optional(v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be empty')), 'CUSTOM'),
  timeout: v.optional(Whole(1), REQUEST_TIMEOUT_MS),
  retry: v.optional(
    v.union(
      [v.literal(false), Whole(0), object({ limit: v.optional(Whole(0)), totalTimeout: v.optional(Whole(1)) })],
      'must be false, a number of retries, or { limit, totalTimeout }',
    ),
  ),
  fetch: v.optional(v.custom<typeof fetch>((value) => typeof value === 'function', 'must be a function')),
});
const KNOWN_OPTIONS = Object.keys(OptionsSchema.entries);
const KNOWN_RETRY_OPTIONS = ['limit', 'totalTimeout'];

/** Keys that are no option: a typo (`apiBaseURL`) would otherwise send to the default host unnoticed. */
function unknownKeys(given: object, known: string[], prefix = ''): string[] {
  return Object.keys(given)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const near = known.find((name) => name.toLowerCase() === key.toLowerCase());
      return `${prefix}${key} is not an option${near ? ` (did you mean ${prefix}${near}?)` : ''}`;
    });
}

/** Reads the options, or throws a TypeError naming each bad one: a server should fail at start, not per event. */
function readOptions(options: ServerClientOptions) {
  const parsed = v.safeParse(OptionsSchema, options);
  const givenRetry: unknown = (options as { retry?: unknown } | undefined)?.retry;
  const problems = [
    ...(parsed.success ? [] : parsed.issues.map((issue) => `${v.getDotPath(issue) ?? 'options'} ${issue.message}`)),
    ...(typeof options === 'object' && options ? unknownKeys(options, KNOWN_OPTIONS) : []),
    ...(typeof givenRetry === 'object' && givenRetry ? unknownKeys(givenRetry, KNOWN_RETRY_OPTIONS, 'retry.') : []),
  ];
  if (!parsed.success || problems.length) throw new TypeError(`createServerClient: ${problems.join('; ')}`);
  const { retry, ...rest } = parsed.output;
  const limit = retry === false ? 0 : typeof retry === 'number' ? retry : (retry?.limit ?? SERVER_RETRY_LIMIT);
  const totalMs = (typeof retry === 'object' ? retry.totalTimeout : undefined) ?? SERVER_TOTAL_TIMEOUT_MS;
  return {
    ...rest,
    fetch: rest.fetch as typeof fetch | undefined,
    apiBaseUrl: rest.apiBaseUrl ?? REGION_HOSTS[rest.region],
    retries: limit,
    totalMs,
  };
}

/** The result of an answer: the API's final word, or `failed` when the retries ran out without one. */
function resultOf(answer: ServerAnswer, eventId: string): ServerTrackResult {
  const outcome = classifyAnswer(answer);
  // The browser treats a 408 as final (it has its own schedule); here it was retried and may be again.
  if (outcome.final && answer.status !== 408) {
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
