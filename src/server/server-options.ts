import * as v from 'valibot';
import { HttpUrlField, SourceField } from '../config/option-fields';
import { REGION_HOSTS } from '../config/region';
import { REQUEST_TIMEOUT_MS } from '../delivery/transport';
import { CurrencyField } from '../events/fields';
import type { Validated, ValidationIssue } from '../events/input';
import { object } from '../lib/schema';
import type { Region } from '../types';

/** Retries after the first attempt, and how long one call may take in all, by default. */
export const SERVER_RETRY_LIMIT = 4;
export const SERVER_TOTAL_TIMEOUT_MS = 30_000;
/**
 * Requests one client has in flight at once, by default. Node's fetch opens a connection per request in
 * flight, without a limit per host: 1,000 concurrent calls opened 1,000 sockets.
 */
export const SERVER_MAX_CONCURRENT = 16;
/** The longest a timer can wait (2^31 − 1 ms); a longer one fires at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Any `fetch`: typed by shape, so that the types need neither the DOM library nor Node's. */
export type FetchLike = (input: never, init?: never) => Promise<unknown>;

/** An `AbortSignal` (the web platform's or Node's), typed by shape for the same reason. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** The last argument of `trackCartEvent` and `trackCheckout`. */
export interface ServerCallOptions {
  /**
   * Ends the call at once when it aborts (before it, while it waits for its turn, during a request or a
   * wait between retries): the call answers `failed` with code `ABORTED`.
   */
  signal?: AbortSignalLike;
  /**
   * How long this call may take in all, in ms: waiting for its turn behind `maxConcurrent`, every attempt
   * and the waits between them. Replaces the client's `retry.totalTimeout` for this call.
   * @default the client's `retry.totalTimeout` (30_000)
   * @example { totalTimeout: 5_000 } // an inline webhook handler
   */
  totalTimeout?: number;
}

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
  /**
   * Requests this client has in flight at once; further calls wait for their turn, within their own
   * `totalTimeout`. @default 16
   */
  maxConcurrent?: number;
  /** The `fetch` to send with (a runtime's own, or a test's). @default globalThis.fetch */
  fetch?: FetchLike;
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
  apiBaseUrl: v.optional(HttpUrlField),
  currency: v.optional(CurrencyField),
  source: SourceField,
  timeout: v.optional(Whole(1), REQUEST_TIMEOUT_MS),
  retry: v.optional(
    v.union(
      [v.literal(false), Whole(0), object({ limit: v.optional(Whole(0)), totalTimeout: v.optional(Whole(1)) })],
      'must be false, a number of retries, or { limit, totalTimeout }',
    ),
  ),
  maxConcurrent: v.optional(Whole(1), SERVER_MAX_CONCURRENT),
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
export function readOptions(options: ServerClientOptions) {
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

const isSignal = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as AbortSignal).aborted === 'boolean' &&
  typeof (value as AbortSignal).addEventListener === 'function' &&
  typeof (value as AbortSignal).removeEventListener === 'function';
const CallOptionsSchema = v.optional(
  object(
    {
      signal: v.optional(v.custom<AbortSignal>(isSignal, 'must be an AbortSignal')),
      totalTimeout: v.optional(Whole(1)),
    },
    'must be an object { signal?, totalTimeout? }',
  ),
);
const KNOWN_CALL_OPTIONS = Object.keys(CallOptionsSchema.wrapped.entries);

/**
 * A call's own options, issues under `options`. A key that is no option is an issue too: a mistyped
 * `totalTimout` would otherwise hold a webhook handler for the client's whole bound.
 */
export function readCallOptions(options: unknown): Validated<{ signal?: AbortSignal; totalTimeout?: number }> {
  const parsed = v.safeParse(CallOptionsSchema, options);
  const issues: ValidationIssue[] = [
    ...(parsed.issues ?? []).map((issue) => ({
      path: `options${v.getDotPath(issue) ? `.${v.getDotPath(issue)}` : ''}`,
      message: issue.message,
    })),
    ...(typeof options === 'object' && options !== null ? Object.keys(options) : [])
      .filter((key) => !KNOWN_CALL_OPTIONS.includes(key))
      .map((key) => ({ path: `options.${key}`, message: `is not an option (${KNOWN_CALL_OPTIONS.join(', ')} are)` })),
  ];
  return parsed.success && !issues.length ? { ok: true, data: parsed.output ?? {} } : { ok: false, issues };
}
