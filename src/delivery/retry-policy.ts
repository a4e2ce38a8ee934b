/** The browser's queue: first retry after 0.5–1 s, doubling, never more than 10 minutes apart (~200 tries a day at most). */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 10 * 60_000;
/** A 429 whose Retry-After the page cannot read (not exposed through CORS) still slows down this much. */
export const RATE_LIMITED_MIN_DELAY_MS = 5_000;
/** The vendor attributes revenue within 24 hours: an older event is worthless and is dropped. */
export const MAX_EVENT_AGE_MS = 24 * 60 * 60_000;

/**
 * Capped exponential backoff with "equal jitter": after the n-th failure, a delay between half
 * and all of min(cap, base · 2^(n-1)), so retries from many clients spread out but never hammer.
 * The browser's queue by default; the server's call gives its own base and cap.
 */
export function nextBackoffMs(
  failures: number,
  random: () => number = Math.random,
  baseMs = BACKOFF_BASE_MS,
  capMs = BACKOFF_CAP_MS,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** `Retry-After` as delay-seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  const text = header?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before the next attempt, after `failures` failed attempts of one event: the backoff,
 * or longer when `Retry-After` says so. Never shorter: `Retry-After: 0`, or a date already past on a
 * visitor's fast clock, would otherwise resend at once for as long as the API keeps failing. Never longer
 * than the 24 hours an event lives.
 */
export function retryDelayMs(failures: number, status: number, retryAfter: string | null, now: number, random?: () => number): number {
  const told = parseRetryAfter(retryAfter, now);
  const backoff = nextBackoffMs(failures, random);
  return Math.min(MAX_EVENT_AGE_MS, Math.max(backoff, told ?? (status === 429 ? RATE_LIMITED_MIN_DELAY_MS : 0)));
}
