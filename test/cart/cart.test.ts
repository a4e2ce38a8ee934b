import { describe, expect, it, vi } from 'vitest';
import { CART_RECORD_TTL_MS, cartEventType, createCartRecord } from '../../src/cart/cart-record';
import { createStorage } from '../../src/lib/storage';
import { cartBody, eventually, expectSentEvents, fakeApi, makeTracker, order } from '../helpers';

const shoe = { productId: 'SKU-1', productName: 'Black Running Shoes', value: 79.99, currency: 'USD' };

describe('cart record transitions', () => {
  it.each([
    [0, 1, 'ITEM_ADDED'],
    [1, 3, 'QUANTITY_INCREASED'],
    [3, 2, 'QUANTITY_DECREASED'],
    [2, 0, 'ITEM_REMOVED'],
    [0, 0, undefined],
    [4, 4, undefined],
  ])('%i → %i is %s', (current, next, type) => {
    expect(cartEventType(current, next)).toBe(type);
  });

  it('discards tampered lines and survives corrupt storage', () => {
    const storage = createStorage();
    localStorage.setItem('ns:cart', JSON.stringify([{ id: 'A', q: 2 }, { id: 'B', q: -1 }, { id: '__proto__', q: 1 }, 'junk']));
    const record = createCartRecord(storage, 'ns:cart');
    expect(record.get('A')).toEqual({ productId: 'A', quantity: 2 });
    expect(record.get('B')).toBeUndefined();
    expect(record.get('__proto__')).toEqual({ productId: '__proto__', quantity: 1 });
    expect(({} as Record<string, unknown>).q).toBeUndefined();
    localStorage.setItem('ns:cart', '{oops');
    expect(record.get('A')).toBeUndefined();
  });

  it('writes the changes of one task once, and reads what another tab wrote since', async () => {
    const storage = createStorage();
    const record = createCartRecord(storage, 'ns:cart');
    const writes = vi.spyOn(storage, 'set');
    for (let i = 0; i < 50; i++) record.set({ productId: `P-${i}`, quantity: i + 1 });
    record.set({ productId: 'P-0', quantity: 0 });
    expect(record.get('P-49')).toEqual({ productId: 'P-49', quantity: 50 });
    expect(writes).not.toHaveBeenCalled();
    await Promise.resolve();
    // One write of the lines (and one of the time of this change, for the record's expiry).
    expect(writes.mock.calls.map(([key]) => key)).toEqual(['ns:cart', 'ns:cart:at']);
    expect(JSON.parse(localStorage.getItem('ns:cart') as string)).toHaveLength(49);
    localStorage.setItem('ns:cart', JSON.stringify([{ id: 'P-7', q: 3 }]));
    expect(record.get('P-7')).toEqual({ productId: 'P-7', quantity: 3 });
    expect(record.get('P-8')).toBeUndefined();
  });
});

describe('the cart record’s expiry', () => {
  it('is gone 24 hours after its last change (lines, total and keys); a change within them keeps it', async () => {
    let now = 5_000_000;
    const storage = createStorage();
    const record = () => createCartRecord(storage, 'ns:cart', () => now);
    const first = record();
    first.set({ productId: 'P-1', quantity: 2, productName: 'Mug', value: 9, currency: 'EUR' });
    first.setTotal({ value: 18, currency: 'EUR' });
    await Promise.resolve();
    now += CART_RECORD_TTL_MS;
    expect(record().known()).toBe(true);
    expect(record().lines()).toHaveLength(1);
    now += 1;
    const later = record();
    expect(later.total()).toBeUndefined();
    expect(later.known()).toBe(false);
    expect(later.lines()).toEqual([]);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('ns:cart'))).toEqual([]);
  });

  it('gives a record stored before its time was kept a day from its first read', () => {
    let now = 1_000;
    localStorage.setItem('ns:cart', JSON.stringify([{ id: 'P-7', q: 3 }]));
    const record = () => createCartRecord(createStorage(), 'ns:cart', () => now);
    expect(record().get('P-7')).toEqual({ productId: 'P-7', quantity: 3 });
    now += CART_RECORD_TTL_MS + 1;
    expect(record().known()).toBe(false);
  });
});

describe('cart helpers', () => {
  it('derive the type and the quantity after the change: add, add more, decrease, remove', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    await tracker.addToCart(shoe);
    await tracker.addToCart(shoe, 2);
    await tracker.updateQuantity(shoe, 2);
    await tracker.removeFromCart(shoe);
    expect(api.bodies()).toEqual([
      cartBody({ type: 'ITEM_ADDED', quantity: 1 }),
      cartBody({ type: 'QUANTITY_INCREASED', quantity: 3 }),
      cartBody({ type: 'QUANTITY_DECREASED', quantity: 2 }),
      cartBody({ type: 'ITEM_REMOVED', quantity: 0 }),
    ]);
  });

  it('remembers name, price and currency, so later calls may pass only the id', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    await tracker.addToCart(shoe);
    await tracker.updateQuantity({ productId: 'SKU-1' }, 4);
    await tracker.removeFromCart({ productId: 'SKU-1' });
    expect(api.bodies().slice(1)).toEqual([
      cartBody({ type: 'QUANTITY_INCREASED', quantity: 4 }),
      cartBody({ type: 'ITEM_REMOVED', quantity: 0 }),
    ]);
  });

  it('count from what trackCartEvent reported too', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    await tracker.trackCartEvent({ ...shoe, type: 'ITEM_ADDED', quantity: 2 });
    await tracker.addToCart({ productId: 'SKU-1' });
    await tracker.trackCartEvent({ ...shoe, type: 'ITEM_REMOVED', quantity: 0 });
    await tracker.addToCart(shoe);
    await tracker.trackCartEvent({ ...shoe, type: 'QUANTITY_INCREASED', quantity: 5 });
    await tracker.updateQuantity({ productId: 'SKU-1' }, 4);
    expect(api.bodies()).toEqual([
      cartBody({ type: 'ITEM_ADDED', quantity: 2 }),
      cartBody({ type: 'QUANTITY_INCREASED', quantity: 3 }),
      cartBody({ type: 'ITEM_REMOVED', quantity: 0 }),
      cartBody({ type: 'ITEM_ADDED', quantity: 1 }),
      cartBody({ type: 'QUANTITY_INCREASED', quantity: 5 }),
      cartBody({ type: 'QUANTITY_DECREASED', quantity: 4 }),
    ]);
  });

  it('keeps the record across page loads', async () => {
    const api = fakeApi();
    await makeTracker({}, { fetch: api.fetch }).addToCart(shoe, 2);
    const nextPage = makeTracker({}, { fetch: api.fetch });
    await nextPage.addToCart({ productId: 'SKU-1' });
    expectSentEvents(api.requests, [
      ['ITEM_ADDED', 'SKU-1', 2],
      ['QUANTITY_INCREASED', 'SKU-1', 3],
    ]);
  });

  it('sends QUANTITY_INCREASED for a product the store’s cart showed (syncCart) but the SDK never tracked', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    tracker.syncCart([
      { ...shoe, quantity: 2 },
      { productId: 'SKU-9', quantity: 0 },
    ]);
    await tracker.flush();
    expect(api.requests).toHaveLength(0);
    await tracker.addToCart({ productId: 'SKU-1' });
    await tracker.addToCart({ productId: 'SKU-9', productName: 'Socks', value: 5, currency: 'USD' });
    expectSentEvents(api.requests, [
      ['QUANTITY_INCREASED', 'SKU-1', 3],
      ['ITEM_ADDED', 'SKU-9', 1],
    ]);
  });

  it('syncCart replaces the record entirely', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    await tracker.addToCart(shoe, 5);
    tracker.syncCart([]);
    await tracker.addToCart(shoe);
    expect(api.requests.map((r) => [r.body.type, r.body.quantity])).toEqual([
      ['ITEM_ADDED', 5],
      ['ITEM_ADDED', 1],
    ]);
  });

  it('a recorded checkout empties the record', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    await tracker.addToCart(shoe, 2);
    await tracker.trackCheckout(order());
    await tracker.addToCart(shoe);
    expect(api.requests.at(-1)?.body).toEqual(cartBody({ type: 'ITEM_ADDED', quantity: 1 }));
  });

  it('removing a product the record does not know still reports ITEM_REMOVED', async () => {
    const api = fakeApi();
    await makeTracker({}, { fetch: api.fetch }).removeFromCart(shoe);
    expect(api.bodies()).toEqual([cartBody({ type: 'ITEM_REMOVED', quantity: 0 })]);
  });

  it('sends nothing when the quantity does not change', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    await tracker.addToCart(shoe, 2);
    expect(await tracker.updateQuantity(shoe, 2)).toMatchObject({ status: 'dropped', code: 'NO_CHANGE' });
    expect(api.requests).toHaveLength(1);
    // A change that follows is sent, counted from the record the dropped call left as it was.
    expect(await tracker.updateQuantity(shoe, 3)).toMatchObject({ status: 'recorded' });
    expectSentEvents(api.requests, [
      ['ITEM_ADDED', 'SKU-1', 2],
      ['QUANTITY_INCREASED', 'SKU-1', 3],
    ]);
  });

  it.each([
    ['addToCart', (t: ReturnType<typeof makeTracker>) => t.addToCart(shoe, 0), 'quantity', 'must be a whole number of at least 1'],
    ['addToCart', (t: ReturnType<typeof makeTracker>) => t.addToCart(shoe, 1.5), 'quantity', 'must be a whole number of at least 1'],
    [
      'updateQuantity',
      (t: ReturnType<typeof makeTracker>) => t.updateQuantity(shoe, -1),
      'quantity',
      'must be a whole number of at least 0',
    ],
    ['addToCart', (t: ReturnType<typeof makeTracker>) => t.addToCart({ productId: 'NEW' }), 'productName', 'is required'],
    ['addToCart', (t: ReturnType<typeof makeTracker>) => t.addToCart({ ...shoe, value: -3 }), 'value', 'must be 0 or more'],
  ])('%s with bad input resolves invalid, sends nothing and leaves the record alone (%s)', async (_, call, path, message) => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    const result = await call(tracker);
    expect(result.status).toBe('invalid');
    expect(result.issues).toContainEqual({ path, message });
    await tracker.addToCart(shoe);
    expectSentEvents(api.requests, [['ITEM_ADDED', 'SKU-1', 1]]);
  });

  it('syncCart with bad lines changes nothing and says which line is wrong', async () => {
    const onError = vi.fn();
    const api = fakeApi();
    const tracker = makeTracker({ onError }, { fetch: api.fetch });
    await tracker.addToCart(shoe);
    tracker.syncCart([
      { productId: 'A', quantity: 1 },
      { productId: '', quantity: -1 },
    ] as never);
    await eventually(() => expect(onError).toHaveBeenCalled());
    expect(onError.mock.calls[0][0]).toMatchObject({ code: 'INVALID_INPUT' });
    expect(onError.mock.calls[0][0].message).toContain('items[1].productId must be a non-empty string');
    await tracker.addToCart(shoe);
    expect(api.requests.at(-1)?.body).toMatchObject({ type: 'QUANTITY_INCREASED', quantity: 2 });
  });
});
