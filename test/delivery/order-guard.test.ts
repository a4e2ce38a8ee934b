import { describe, expect, it, vi } from 'vitest';
import { createOrderGuard, MAX_REMEMBERED_ORDERS, ORDER_MEMORY_MS } from '../../src/delivery/order-guard';
import { createStorage } from '../../src/lib/storage';
import type { Fingerprints } from '../../src/types';
import { errorCode, eventually, expectStillSends, FP, fakeApi, KEYS, makeTracker, order } from '../helpers';

describe('order guard', () => {
  it('sends an order id once per browser: a reload of the thank-you page sends nothing more', async () => {
    const api = fakeApi();
    expect((await makeTracker({}, { fetch: api.fetch }).trackCheckout(order())).status).toBe('recorded');
    const reloaded = makeTracker({}, { fetch: api.fetch });
    expect(await reloaded.trackCheckout(order())).toMatchObject({ status: 'duplicate', code: 'ORDER_ALREADY_TRACKED' });
    expect(api.requests).toHaveLength(1);
    await expectStillSends(reloaded, api, { before: [['CHECKOUT', 'ORD-7890']] });
  });

  it('counts ORDER_ALREADY_EXISTS as delivered', async () => {
    const api = fakeApi(() => errorCode('ORDER_ALREADY_EXISTS', 409));
    const tracker = makeTracker({}, { fetch: api.fetch });
    expect(await tracker.trackCheckout(order())).toMatchObject({ status: 'duplicate', code: 'ORDER_ALREADY_EXISTS' });
  });

  it('does not send a queued checkout of an order the API answered meanwhile for another tab', async () => {
    const api = fakeApi();
    const onEvent = vi.fn();
    let fingerprints: Fingerprints | null = null;
    const tracker = makeTracker({ fingerprints: () => fingerprints, onEvent }, { fetch: api.fetch });
    expect((await tracker.trackCheckout(order())).status).toBe('queued');
    // Another tab tracked the same order at the same moment, and its request was answered first.
    createOrderGuard(createStorage(), KEYS.orders).mark('ORD-7890', 'answered');
    fingerprints = FP;
    await eventually(() =>
      expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ status: 'duplicate', code: 'ORDER_ALREADY_TRACKED' })),
    );
    expect(api.requests).toHaveLength(0);
    await expectStillSends(tracker, api);
  });

  it('remembers the newest 200 order ids, oldest forgotten first, numeric ids included', () => {
    const guard = createOrderGuard(createStorage(), 'ns:orders');
    for (let i = 0; i < MAX_REMEMBERED_ORDERS + 5; i++) guard.mark(String(1000 - i), 'tracked');
    expect(guard.seen('1000')).toBe(false);
    expect(guard.seen('996')).toBe(false);
    expect(guard.seen('995')).toBe(true);
    expect(guard.seen(String(1000 - MAX_REMEMBERED_ORDERS - 4))).toBe(true);
  });

  it('treats hostile order ids as plain ids', () => {
    const guard = createOrderGuard(createStorage(), 'ns:orders');
    guard.mark('__proto__', 'tracked');
    guard.mark('constructor', 'answered');
    expect(guard.seen('__proto__')).toBe(true);
    expect(guard.answered('constructor')).toBe(true);
    expect(guard.seen('toString')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('forgets an order id 30 days after it was marked; one stored without a time counts from its first read', () => {
    let now = 1_000_000;
    const guard = createOrderGuard(createStorage(), 'ns:orders', () => now);
    guard.mark('A-1', 'answered');
    localStorage.setItem('ns:orders', JSON.stringify([...JSON.parse(localStorage.getItem('ns:orders') as string), ['OLD-1', 2]]));
    now += ORDER_MEMORY_MS;
    expect([guard.seen('A-1'), guard.answered('A-1'), guard.seen('OLD-1')]).toEqual([true, true, true]);
    guard.mark('B-1', 'tracked'); // stores OLD-1 with the time it was first read
    now += 1;
    expect([guard.seen('A-1'), guard.seen('OLD-1'), guard.seen('B-1')]).toEqual([false, true, true]);
    now += ORDER_MEMORY_MS;
    expect([guard.seen('OLD-1'), guard.seen('B-1')]).toEqual([false, false]);
  });

  it('ignores a corrupt stored record', () => {
    localStorage.setItem('ns:orders', '{"__proto__":{"polluted":1}}');
    const guard = createOrderGuard(createStorage(), 'ns:orders');
    expect(guard.seen('x')).toBe(false);
    guard.mark('x', 'tracked');
    expect(guard.seen('x')).toBe(true);
  });
});
