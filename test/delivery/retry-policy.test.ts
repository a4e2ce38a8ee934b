import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, nextBackoffMs, parseRetryAfter, RATE_LIMITED_MIN_DELAY_MS, retryDelayMs } from '../../src/delivery/retry-policy';

describe('retry policy', () => {
  it('doubles from 1 s and stops growing at 10 minutes', () => {
    const ceilings = [1, 2, 3, 4, 5, 8, 9, 10, 11, 20].map((failures) => nextBackoffMs(failures, () => 1));
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 128_000, 256_000, 512_000, BACKOFF_CAP_MS, BACKOFF_CAP_MS]);
  });

  it('takes another base and cap: the server’s call doubles from 1 s up to 8 s', () => {
    const ceilings = [1, 2, 3, 4, 5, 9].map((failures) => nextBackoffMs(failures, () => 1, 1_000, 8_000));
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(nextBackoffMs(3, () => 0, 1_000, 8_000)).toBe(2_000);
  });

  it('jitters between half and all of the ceiling', () => {
    for (const failures of [1, 4, 12]) {
      const ceiling = nextBackoffMs(failures, () => 1);
      expect(nextBackoffMs(failures, () => 0)).toBe(ceiling / 2);
      for (let i = 0; i < 200; i++) {
        const delay = nextBackoffMs(failures);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('reads Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2026-11-28T10:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1_500);
    expect(parseRetryAfter('Sat, 28 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('waits as long as Retry-After says when that is longer than the backoff', () => {
    expect(retryDelayMs(1, 429, '2', 0, () => 1)).toBe(2_000);
    expect(retryDelayMs(3, 503, 'Sat, 28 Nov 2026 10:01:00 GMT', Date.parse('2026-11-28T10:00:00Z'), () => 1)).toBe(60_000);
  });

  it('never retries sooner than the backoff, whatever Retry-After says (0, a past date, less)', () => {
    const now = Date.parse('2026-11-28T10:00:00Z');
    expect(retryDelayMs(1, 429, '0', now, () => 0)).toBe(500);
    expect(retryDelayMs(2, 503, 'Sat, 28 Nov 2026 09:59:50 GMT', now, () => 1)).toBe(2_000);
    expect(retryDelayMs(9, 503, '1', now, () => 1)).toBe(256_000);
  });

  it('slows a 429 without a readable Retry-After to at least 5 s', () => {
    expect(retryDelayMs(1, 429, null, 0, () => 1)).toBe(RATE_LIMITED_MIN_DELAY_MS);
    expect(retryDelayMs(1, 503, null, 0, () => 1)).toBe(1_000);
  });
});
