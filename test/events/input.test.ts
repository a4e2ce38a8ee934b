import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CartEventInputSchema, cleanCartEvent, validateCartEvent, validateCheckout } from '../../src/events/input';
import { cartEvent, order } from '../helpers';

const issuesOf = (result: ReturnType<typeof validateCartEvent> | ReturnType<typeof validateCheckout>) => (result.ok ? [] : result.issues);

describe('cart event validation', () => {
  it('accepts a documented event and coerces numeric ids to strings', () => {
    const result = validateCartEvent(cartEvent({ productId: 123, productName: '  Shoe  ' }));
    expect(result).toEqual({
      ok: true,
      data: { type: 'ITEM_ADDED', productId: '123', productName: 'Shoe', value: 79.99, currency: 'USD', quantity: 1 },
    });
  });

  it.each([
    ['productId', { productId: '' }, 'must be a non-empty string'],
    ['productId', { productId: '   ' }, 'must be a non-empty string'],
    ['productId', { productId: undefined }, 'is required'],
    ['productId', { productId: { id: 1 } }, 'must be a non-empty string'],
    ['productName', { productName: null }, 'must be a non-empty string'],
    ['type', { type: 'ADDED' }, 'must be one of ITEM_ADDED, QUANTITY_INCREASED, QUANTITY_DECREASED, ITEM_REMOVED'],
    ['value', { value: '79.99' }, 'must be a number'],
    ['value', { value: Number.NaN }, 'must be a number'],
    ['value', { value: Number.POSITIVE_INFINITY }, 'must be a finite number'],
    ['value', { value: -1 }, 'must be 0 or more'],
    ['quantity', { quantity: 1.5 }, 'must be a whole number'],
    ['quantity', { quantity: -2 }, 'must be 0 or more'],
    // Length limits (contract § 11).
    ['productId', { productId: 'p'.repeat(257) }, 'must be at most 256 characters'],
    ['productName', { productName: 'n'.repeat(513) }, 'must be at most 512 characters'],
    ['quantity', { quantity: 0 }, 'must be at least 1 (only ITEM_REMOVED may bring a product to 0)'],
    ['quantity', { type: 'QUANTITY_DECREASED', quantity: 0 }, 'must be at least 1 (only ITEM_REMOVED may bring a product to 0)'],
    ['currency', { currency: 'usd dollars' }, 'must be an ISO 4217 code such as "USD"'],
    ['currency', { currency: 'ABC' }, 'must be an ISO 4217 code such as "USD"'],
    ['currency', { currency: 12 }, 'must be an ISO 4217 code such as "USD"'],
    ['currency', { currency: undefined }, 'is required: pass it or set the `currency` option'],
  ])('rejects a bad %s (%j) with a message', (path, overrides, message) => {
    expect(issuesOf(validateCartEvent(cartEvent(overrides)))).toEqual([{ path, message }]);
  });

  it('says a field left out is required, in an event and in an order line', () => {
    const { productId: _, productName: __, ...rest } = cartEvent();
    expect(issuesOf(validateCartEvent(rest))).toEqual([
      { path: 'productId', message: 'is required' },
      { path: 'productName', message: 'is required' },
    ]);
    const { productName: ___, ...line } = order().lineItems[0];
    expect(issuesOf(validateCheckout(order({ lineItems: [line] })))).toEqual([
      { path: 'lineItems[0].productName', message: 'is required' },
    ]);
    expect(issuesOf(validateCheckout(order({ lineItems: [undefined] })))).toEqual([{ path: 'lineItems[0]', message: 'must be an object' }]);
  });

  it('lets ITEM_REMOVED bring the quantity to 0', () => {
    expect(validateCartEvent(cartEvent({ type: 'ITEM_REMOVED', quantity: 0 })).ok).toBe(true);
  });

  it('falls back to the configured currency and upper-cases it', () => {
    const result = validateCartEvent(cartEvent({ currency: undefined }), 'EUR');
    expect(result.ok && result.data.currency).toBe('EUR');
    expect((validateCartEvent(cartEvent({ currency: 'eur' })) as { data: { currency: string } }).data.currency).toBe('EUR');
  });

  it('lists every bad field at once', () => {
    expect(issuesOf(validateCartEvent({ type: 'ITEM_ADDED', value: 'x', quantity: 1, currency: 'USD' })).map((i) => i.path)).toEqual([
      'productId',
      'productName',
      'value',
    ]);
  });

  it('names the input itself when it is not an object', () => {
    expect(issuesOf(validateCartEvent('ITEM_ADDED'))).toEqual([{ path: 'input', message: 'must be an object' }]);
    expect(issuesOf(validateCartEvent(null))).toEqual([{ path: 'input', message: 'must be an object' }]);
  });
});

describe('the fast path for the usual cart event', () => {
  it('takes a clean event as it is', () => {
    expect(cleanCartEvent({ ...cartEvent(), extra: 1 })).toEqual(cartEvent());
    expect(cleanCartEvent(cartEvent({ currency: undefined }), 'EUR')).toEqual(cartEvent({ currency: 'EUR' }));
  });

  it('accepts only what the schema accepts, with the same result', () => {
    // Mostly well-formed events (so the fast path is taken often), each field sometimes anything at all.
    const field = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<unknown>) =>
      fc.oneof({ arbitrary: usual, weight: 4 }, { arbitrary: odd, weight: 1 });
    const id = field(fc.constantFrom('SKU-1', 'Shoe', ' SKU-1 ', '', 7), fc.oneof(fc.string(), fc.double(), fc.anything()));
    const input = fc.record(
      {
        type: field(fc.constantFrom('ITEM_ADDED', 'QUANTITY_INCREASED', 'QUANTITY_DECREASED', 'ITEM_REMOVED'), fc.anything()),
        productId: id,
        productName: id,
        value: field(
          fc.constantFrom(0, -0, 79.99, 1e21),
          fc.oneof(fc.constantFrom(-1, Number.NaN, Number.POSITIVE_INFINITY), fc.double(), fc.anything()),
        ),
        currency: field(fc.constantFrom('USD', 'EUR', 'usd', ' EUR ', 'ABC', 'XXX', 'US'), fc.oneof(fc.string(), fc.anything())),
        quantity: field(fc.constantFrom(0, 1, 2, -0), fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.anything())),
      },
      { requiredKeys: ['type', 'productId', 'productName', 'value', 'quantity'] },
    );
    let taken = 0;
    fc.assert(
      fc.property(input, fc.constantFrom(undefined, 'USD', 'eur'), (event, fallback) => {
        const fast = cleanCartEvent(event, fallback);
        if (fast === undefined) return;
        taken++;
        const schema = v.safeParse(CartEventInputSchema, { ...event, currency: event.currency ?? fallback });
        expect(schema.success).toBe(true);
        expect(schema.output).toEqual(fast);
      }),
      { numRuns: 3000 },
    );
    expect(taken).toBeGreaterThan(10); // the fast path was exercised, not only bypassed
  }, 30_000);
});

describe('length limits', () => {
  it('takes ids up to 256 characters and names up to 512, counted as String.length counts (UTF-16 units)', () => {
    expect(validateCartEvent(cartEvent({ productId: 'p'.repeat(256), productName: 'n'.repeat(512) })).ok).toBe(true);
    expect(cleanCartEvent(cartEvent({ productId: 'p'.repeat(256), productName: 'n'.repeat(512) }))).toBeDefined();
    // 256 emoji are 512 code units.
    expect(issuesOf(validateCartEvent(cartEvent({ productId: '😀'.repeat(129) })))).toEqual([
      { path: 'productId', message: 'must be at most 256 characters' },
    ]);
  });

  it('refuses an order of more than 200 line items, and an order id over 256 characters, naming the field', () => {
    const line = { productId: 'p', productName: 'P', quantity: 1, value: 1 };
    expect(validateCheckout(order({ lineItems: Array(200).fill(line) })).ok).toBe(true);
    expect(issuesOf(validateCheckout(order({ lineItems: Array(201).fill(line) })))).toEqual([
      { path: 'lineItems', message: 'must have at most 200 line items' },
    ]);
    expect(issuesOf(validateCheckout(order({ orderId: 'o'.repeat(257) })))).toEqual([
      { path: 'orderId', message: 'must be at most 256 characters' },
    ]);
    expect(issuesOf(validateCheckout(order({ lineItems: [{ ...line, productName: 'n'.repeat(513) }] })))).toEqual([
      { path: 'lineItems[0].productName', message: 'must be at most 512 characters' },
    ]);
  });
});

describe('checkout validation', () => {
  it('accepts a documented order; line items inherit the order currency', () => {
    const result = validateCheckout(order({ orderId: 7890 }));
    expect(result.ok && result.data).toEqual({
      orderId: '7890',
      value: 199.97,
      currency: 'USD',
      lineItems: [
        { productId: '123', productName: 'Product 1', quantity: 2, value: 159.98, currency: 'USD' },
        { productId: '456', productName: 'Product 2', quantity: 1, value: 39.99, currency: 'USD' },
      ],
    });
  });

  it.each([undefined, null])('accepts an order whose order id is %s as an order without one', (orderId) => {
    const result = validateCheckout(order({ orderId }));
    expect(result.ok).toBe(true);
    expect(result.ok && result.data.orderId).toBeUndefined();
  });

  it.each([
    ['lineItems', { lineItems: [] }, 'must have at least one line item'],
    ['lineItems', { lineItems: undefined }, 'is required'],
    ['lineItems[1].quantity', { lineItems: [order().lineItems[0], { ...order().lineItems[1], quantity: 0 }] }, 'must be at least 1'],
    ['lineItems[0].productId', { lineItems: [{ ...order().lineItems[0], productId: '' }] }, 'must be a non-empty string'],
    ['lineItems[0].value', { lineItems: [{ ...order().lineItems[0], value: -3 }] }, 'must be 0 or more'],
    ['lineItems[0]', { lineItems: ['SKU-1'] }, 'must be an object'],
    ['orderId', { orderId: '' }, 'must be a non-empty string'],
    ['value', { value: undefined }, 'is required'],
    ['currency', { currency: 'EURO' }, 'must be an ISO 4217 code such as "USD"'],
  ])('rejects a bad %s with a message', (path, overrides, message) => {
    expect(issuesOf(validateCheckout(order(overrides)))).toContainEqual({ path, message });
  });

  it('requires a currency when the order, its lines and the configuration give none', () => {
    const { currency: _, ...withoutCurrency } = order();
    expect(issuesOf(validateCheckout(withoutCurrency)).map((i) => i.path)).toEqual(['currency', 'lineItems[0].currency']);
    expect(validateCheckout(withoutCurrency, 'USD').ok).toBe(true);
  });
});
