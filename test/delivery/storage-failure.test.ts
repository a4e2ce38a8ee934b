import { afterEach, describe, expect, it } from 'vitest';
import { cartEvent, errorCode, fakeApi, makeTracker, order, statuses } from '../helpers';

const fail = (name: string) => () => {
  throw new DOMException('refused', name);
};

const original = Object.getOwnPropertyDescriptor(window, 'localStorage') as PropertyDescriptor;

/** Replaces window.localStorage for one test (happy-dom's own cannot be spied reliably). */
function replaceLocalStorage(get: () => unknown) {
  Object.defineProperty(window, 'localStorage', { configurable: true, get });
}

afterEach(() => {
  Object.defineProperty(window, 'localStorage', original);
});

describe('storage unavailable', () => {
  it('works from memory when every storage call throws', async () => {
    const throwing = {
      getItem: fail('SecurityError'),
      setItem: fail('SecurityError'),
      removeItem: fail('SecurityError'),
      key: fail('SecurityError'),
      clear: fail('SecurityError'),
    };
    Object.defineProperty(throwing, 'length', { get: fail('SecurityError') });
    replaceLocalStorage(() => throwing);
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    const results = await Promise.all([
      tracker.trackCartEvent(cartEvent()),
      tracker.trackCheckout(order()),
      tracker.trackCheckout(order()),
    ]);
    expect(statuses(results)).toEqual(['recorded', 'recorded', 'duplicate']);
    expect(api.requests).toHaveLength(2);
  });

  it('works from memory when localStorage itself cannot be reached', async () => {
    replaceLocalStorage(fail('SecurityError'));
    const api = fakeApi((_, n) => (n === 1 ? errorCode('ACTIVE_TICKET_NOT_FOUND', 404) : undefined));
    const tracker = makeTracker({}, { fetch: api.fetch });
    const results = await Promise.all([tracker.trackCartEvent(cartEvent()), tracker.trackCartEvent(cartEvent({ productId: 'B' }))]);
    expect(statuses(results)).toEqual(['not_attributed', 'recorded']);
  });

  it('keeps events in memory when the quota is full', async () => {
    const real = original.get ? original.get.call(window) : original.value;
    const full = {
      getItem: (key: string) => real.getItem(key),
      setItem: fail('QuotaExceededError'),
      removeItem: (key: string) => real.removeItem(key),
      key: (i: number) => real.key(i),
      get length() {
        return real.length;
      },
    };
    replaceLocalStorage(() => full);
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    const results = await Promise.all([tracker.trackCartEvent(cartEvent()), tracker.trackCartEvent(cartEvent({ productId: 'B' }))]);
    expect(statuses(results)).toEqual(['recorded', 'recorded']);
    expect(api.requests.map((r) => r.body.product_id)).toEqual(['SKU-1', 'B']);
  });
});
