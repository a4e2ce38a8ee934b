import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CartDiffEvent, diffCart, linesById } from '../../src/cart/cart-diff';
import type { CartLine } from '../../src/cart/cart-record';
import { cartBody, expectStillSends, fakeApi, KEYS, makeTracker, order, statuses } from '../helpers';

const line = (id: string, quantity: number, value = 10): CartLine => ({
  productId: id,
  quantity,
  productName: `Product ${id}`,
  value,
  currency: 'EUR',
});

/** Applies events to a cart as the API's dashboard would: each sets the product's quantity. */
function apply(before: readonly CartLine[], events: CartDiffEvent[]): Map<string, number> {
  const quantities = new Map([...linesById(before)].map(([id, l]) => [id, l.quantity]));
  for (const event of events) {
    if (event.type === 'ITEM_REMOVED') quantities.delete(event.productId);
    else quantities.set(event.productId, event.quantity);
  }
  return quantities;
}
const quantitiesOf = (lines: readonly CartLine[]) => new Map([...linesById(lines)].map(([id, l]) => [id, l.quantity]));

const cartArb = fc.array(
  fc.record({ id: fc.constantFrom('A', 'B', 'C', 'D', 'E', '__proto__'), q: fc.integer({ min: 0, max: 5 }), p: fc.constantFrom(1, 2.5) }),
  { maxLength: 8 },
);
const toLines = (cart: { id: string; q: number; p: number }[]) => cart.map((c) => line(c.id, c.q, c.p));

describe('diffCart (pure)', () => {
  it('for any two carts, applying the emitted events to the first gives the second', () => {
    fc.assert(
      fc.property(cartArb, cartArb, (a, b) => {
        const before = toLines(a);
        const after = toLines(b);
        expect(apply(before, diffCart(before, after))).toEqual(quantitiesOf(after));
      }),
    );
  });

  it('emits nothing for the same cart, and the order of its lines does not matter', () => {
    fc.assert(
      fc.property(cartArb, cartArb, (a, b) => {
        const before = toLines(a);
        const after = toLines(b);
        expect(diffCart(after, after)).toEqual([]);
        const shuffled = [...after].reverse();
        const sorted = (events: CartDiffEvent[]) => [...events].sort((x, y) => x.productId.localeCompare(y.productId));
        expect(sorted(diffCart(before, shuffled))).toEqual(sorted(diffCart(before, after)));
        expect(diffCart(shuffled, after)).toEqual([]);
      }),
    );
  });

  it('emits at most one event per product, each a real change', () => {
    fc.assert(
      fc.property(cartArb, cartArb, (a, b) => {
        const events = diffCart(toLines(a), toLines(b));
        expect(new Set(events.map((e) => e.productId)).size).toBe(events.length);
        for (const e of events) expect(e.type === 'ITEM_REMOVED' ? e.quantity === 0 : e.quantity > 0).toBe(true);
      }),
    );
  });

  it('orders the events by the new cart’s lines, then the removals by the old record’s', () => {
    const before = [line('A', 1), line('B', 2), line('C', 1), line('D', 3)];
    const after = [line('E', 1), line('B', 1), line('A', 4)];
    expect(diffCart(before, after).map((e) => [e.type, e.productId, e.quantity])).toEqual([
      ['ITEM_ADDED', 'E', 1],
      ['QUANTITY_DECREASED', 'B', 1],
      ['QUANTITY_INCREASED', 'A', 4],
      ['ITEM_REMOVED', 'C', 0],
      ['ITEM_REMOVED', 'D', 0],
    ]);
  });

  it('adds up two lines of one product, and a line at 0 is no line', () => {
    expect(diffCart([line('A', 1)], [line('A', 1), line('A', 2), line('B', 0)])).toEqual([
      { type: 'QUANTITY_INCREASED', productId: 'A', productName: 'Product A', value: 10, currency: 'EUR', quantity: 3 },
    ]);
  });
});

const mug = { productId: 'MUG', productName: 'Mug', value: 12, quantity: 1, currency: 'EUR' };
const tea = { productId: 'TEA', productName: 'Tea', value: 4.5, quantity: 2, currency: 'EUR' };
const body = (type: string, item: typeof mug, quantity: number) =>
  cartBody({ type, product_id: item.productId, product_name: item.productName, value: item.value, currency: 'EUR', quantity });

describe('reportCart', () => {
  it('with no record yet, records the cart and sends nothing; then sends only what changed', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    expect(await tracker.reportCart([mug])).toEqual([]);
    const results = await tracker.reportCart([{ ...mug, quantity: 3 }, tea]);
    expect(statuses(results)).toEqual(['recorded', 'recorded']);
    expect(api.bodies()).toEqual([body('QUANTITY_INCREASED', mug, 3), body('ITEM_ADDED', tea, 2)]);
    expect(await tracker.reportCart([tea, { ...mug, quantity: 3 }])).toEqual([]);
    await tracker.reportCart([{ ...tea, quantity: 0 }]);
    // Removals in the order of the record, which the third report left as [tea, mug].
    expect(api.bodies().slice(2)).toEqual([body('ITEM_REMOVED', tea, 0), body('ITEM_REMOVED', mug, 0)]);
  });

  it('after a checkout, the next cart’s lines are adds, and the bought lines were never removed', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    await tracker.reportCart([mug]);
    await tracker.trackCheckout(order());
    await tracker.reportCart([]);
    await tracker.reportCart([tea]);
    expect(api.bodies().map((b) => b.type ?? 'CHECKOUT')).toEqual(['CHECKOUT', 'ITEM_ADDED']);
  });

  it('names each invalid line by index and field, and still compares the valid ones', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    await tracker.reportCart([mug, tea]);
    const results = await tracker.reportCart([
      { ...mug, value: 'abc' },
      { productName: 'No id', value: 1, quantity: 1, currency: 'EUR' },
      { ...tea, quantity: 5 },
    ] as never);
    expect(results[0]).toMatchObject({ status: 'invalid', code: 'INVALID_INPUT' });
    expect(results[0].issues?.map((i) => i.path)).toEqual(['[0].value', '[1].productId']);
    expect(statuses(results.slice(1))).toEqual(['recorded']);
    // The mug's line was invalid and a line had no id: no removal is guessed.
    expect(api.bodies()).toEqual([body('QUANTITY_INCREASED', tea, 5)]);
  });

  it('refuses what is not a list, sending nothing', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    const results = await tracker.reportCart({ items: [mug] } as never);
    expect(results).toMatchObject([{ status: 'invalid', issues: [{ path: 'items', message: 'must be a list of cart lines' }] }]);
    await expectStillSends(tracker, api);
  });

  it('fills a missing currency from the option, and keeps the record for the next page', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ currency: 'EUR' }, { fetch: api.fetch });
    await tracker.reportCart([{ productId: 'MUG', productName: 'Mug', value: 12, quantity: 1 }]);
    await tracker.flush();
    expect(JSON.parse(localStorage.getItem(KEYS.cart) as string)).toEqual([{ id: 'MUG', q: 1, n: 'Mug', p: 12, c: 'EUR' }]);
    tracker.shutdown();
    const next = makeTracker({ currency: 'EUR' }, { fetch: api.fetch });
    await next.reportCart([{ productId: 'MUG', productName: 'Mug', value: 12, quantity: 2 }]);
    expect(api.bodies()).toEqual([body('QUANTITY_INCREASED', mug, 2)]);
  });
});
