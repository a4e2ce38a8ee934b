// The server entry with hostile and random input, as test/fuzz.test.ts does the browser's: no call rejects,
// and whatever is sent is a valid wire body, by the SDK's schemas and by the sandbox's own validator.
import fc from 'fast-check';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index.mjs';
import { validateEvent } from '../../sandbox/validate.mjs';
import { CartWireSchema, CheckoutWireSchema } from '../../src/events/wire';
import { createServerClient, readFingerprintFields, type ServerTrackResult } from '../../src/server';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
const FP = { user: '550e8400-e29b-41d4-a716-446655440000', faq: '660e8400-e29b-41d4-a716-446655441111' };
const CART = { type: 'ITEM_ADDED', productId: 'SKU-1', productName: 'Shoe', value: 79.99, currency: 'USD', quantity: 1 } as const;
const ORDER = {
  orderId: 'ORD-1',
  value: 79.99,
  currency: 'USD',
  lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 79.99 }],
};
const STATUSES = ['recorded', 'duplicate', 'not_attributed', 'rejected', 'invalid', 'failed'];

/** An object that throws as soon as it is read: a getter on every field the SDK reads. */
function throwingGetters(): object {
  const target = {};
  for (const key of [
    'type',
    'productId',
    'productName',
    'value',
    'currency',
    'quantity',
    'orderId',
    'lineItems',
    'user',
    'faq',
    'signal',
    'totalTimeout',
  ]) {
    Object.defineProperty(target, key, {
      enumerable: true,
      get() {
        throw new Error(`${key} cannot be read`);
      },
    });
  }
  return target;
}
/** A Proxy that throws on every trap. */
function throwingProxy(): object {
  const trap = () => {
    throw new Error('no');
  };
  return new Proxy(
    {},
    {
      get: trap,
      has: trap,
      ownKeys: trap,
      getOwnPropertyDescriptor: trap,
      getPrototypeOf: trap,
      set: trap,
      defineProperty: trap,
      deleteProperty: trap,
      isExtensible: trap,
      preventExtensions: trap,
      setPrototypeOf: trap,
      apply: trap,
      construct: trap,
    },
  );
}
function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}
/**
 * A hostile value, made only as the call is made: fast-check itself reads what it generates (to clone it,
 * to print it), and would trip on the Proxy first.
 */
class Hostile {
  constructor(readonly make: () => object) {}
  toString() {
    return `Hostile(${this.make.name})`;
  }
}
const hostile = fc.constantFrom(new Hostile(throwingGetters), new Hostile(throwingProxy), new Hostile(revokedProxy));
/** The generated value with its Hostile markers made, wherever a generated record or array holds them. */
function materialize(value: unknown): unknown {
  if (value instanceof Hostile) return value.make();
  if (Array.isArray(value)) {
    const items = value.map(materialize);
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    const entries = Object.entries(record).map(([key, item]) => [key, materialize(item)] as const);
    return entries.some(([key, item]) => item !== record[key]) ? Object.fromEntries(entries) : value;
  }
  return value;
}

const interesting = fc.oneof(
  fc.anything(),
  fc.constantFrom('', ' ', '0', '-1', 'NaN', '__proto__', 'constructor', '79.99', 'USD', 'usd', 'ITEM_ADDED', 'SKU-1', 'Shoe'),
  fc.double(),
  fc.integer(),
  fc.constant(Object.create(null)),
  fc.constant(JSON.parse('{"__proto__":{"polluted":1}}')),
  hostile,
);
/** Mostly the right shape, any field possibly wrong or hostile: so that some calls pass validation and are sent. */
const field = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 15, arbitrary: good }, { weight: 1, arbitrary: interesting });
const lineItem = fc.record(
  {
    productId: field(fc.constantFrom('SKU-1', 'SKU-2', 77)),
    productName: field(fc.constantFrom('Shoe', 'Sock')),
    quantity: field(fc.integer({ min: 1, max: 5 })),
    value: field(fc.double({ min: 0, max: 1e6, noNaN: true })),
    currency: field(fc.constantFrom('USD', 'EUR')),
  },
  { requiredKeys: [] },
);
const cartEvent = fc.oneof(
  { weight: 1, arbitrary: interesting },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        type: field(fc.constantFrom('ITEM_ADDED', 'QUANTITY_INCREASED', 'QUANTITY_DECREASED', 'ITEM_REMOVED')),
        productId: field(fc.constantFrom('SKU-1', 'SKU-2', 42)),
        productName: field(fc.constantFrom('Shoe', 'Sock')),
        value: field(fc.double({ min: 0, max: 1e6, noNaN: true })),
        currency: field(fc.constantFrom('USD', 'EUR')),
        quantity: field(fc.integer({ min: 0, max: 5 })),
      },
      { requiredKeys: [] },
    ),
  },
);
const order = fc.oneof(
  { weight: 1, arbitrary: interesting },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        orderId: field(fc.oneof(fc.uuid(), fc.constant(null))),
        value: field(fc.double({ min: 0, max: 1e6, noNaN: true })),
        currency: field(fc.constantFrom('USD', 'EUR')),
        lineItems: field(fc.array(fc.oneof({ weight: 15, arbitrary: lineItem }, { weight: 1, arbitrary: interesting }), { maxLength: 3 })),
      },
      { requiredKeys: [] },
    ),
  },
);
const fingerprints = fc.oneof(
  { weight: 6, arbitrary: fc.constant(FP) },
  { weight: 1, arbitrary: fc.record({ user: field(fc.constant(FP.user)), faq: field(fc.constant(FP.faq)) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: interesting },
);
const callOptions = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.record({ totalTimeout: field(fc.integer({ min: 1_000, max: 5_000 })) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: interesting },
);

let api: Sandbox;
beforeEach(async () => {
  api = await startSandbox({ port: 0 });
});
afterEach(async () => {
  await api.close();
});

/** Every request that left the SDK is a valid wire body, by the SDK's own schemas and by the sandbox's validator. */
function expectOnlyValidBodies() {
  for (const request of api.requests()) {
    const checkout = request.path.endsWith('checkout_events');
    expect(v.safeParse(checkout ? CheckoutWireSchema : CartWireSchema, request.body).issues).toBeUndefined();
    expect(validateEvent(checkout ? 'checkout' : 'cart', request.body)).toMatchObject({ ok: true, unexpectedFields: [] });
  }
}

describe('the server entry with hostile input', () => {
  it.each([
    ['the event', () => throwingGetters(), () => FP, () => undefined],
    ['the event', () => throwingProxy(), () => FP, () => undefined],
    ['the fingerprints', () => CART, () => throwingGetters(), () => undefined],
    ['the fingerprints', () => CART, () => throwingProxy(), () => undefined],
    ['the call options', () => CART, () => FP, () => throwingGetters()],
    ['the call options', () => CART, () => FP, () => throwingProxy()],
    ['a line item of the order', () => ({ ...ORDER, lineItems: [throwingGetters()] }), () => FP, () => undefined],
    ['the order', () => throwingProxy(), () => FP, () => undefined],
    ['the order', () => revokedProxy(), () => FP, () => undefined],
  ])('resolves invalid or failed / INTERNAL_ERROR, sending nothing, for a throwing getter or Proxy in %s', async (_, input, fp, call) => {
    const alhena = createServerClient({ companyKey: 'acme', apiBaseUrl: api.url });
    const results = [await alhena.trackCartEvent(input() as never, fp() as never, call() as never)];
    results.push(await alhena.trackCheckout(input() as never, fp() as never, call() as never));
    for (const result of results) {
      expect(result.status === 'invalid' || (result.status === 'failed' && result.code === 'INTERNAL_ERROR')).toBe(true);
      expect(result.attempts).toBe(0);
    }
    expect(api.requests()).toHaveLength(0);
    // Not a dead client: a valid call afterwards is sent.
    expect(await alhena.trackCheckout(ORDER, FP)).toMatchObject({ status: 'recorded', attempts: 1 });
    expect(api.requests()).toHaveLength(1);
  });

  it('never rejects for random input to any method, and sends only valid bodies', async () => {
    const alhena = createServerClient({ companyKey: 'acme', apiBaseUrl: api.url, currency: 'USD', retry: false });
    const results: ServerTrackResult[] = [];
    await fc.assert(
      fc.asyncProperty(fc.boolean(), cartEvent, order, fingerprints, callOptions, async (cart, event, checkout, fp, call) => {
        // A rejection here fails the property: no server call may reject.
        const [input, fingerprintsGiven, options] = [materialize(cart ? event : checkout), materialize(fp), materialize(call)];
        const result = cart
          ? await alhena.trackCartEvent(input as never, fingerprintsGiven as never, options as never)
          : await alhena.trackCheckout(input as never, fingerprintsGiven as never, options as never);
        expect(STATUSES).toContain(result.status);
        results.push(result);
        // Random input to the other public function of the entry: it answers, never throws.
        expect(readFingerprintFields(materialize(event) as never)).toHaveProperty('ok');
      }),
      { numRuns: 400 },
    );
    expectOnlyValidBodies();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Something good was sent, so that this cannot pass on a client that sends nothing (about 50 in 400 runs).
    expect(api.requests().length).toBeGreaterThan(15);
    expect(results.some((r) => r.status === 'recorded')).toBe(true);
    // Not a dead client: after all that, a valid order is still sent.
    const sent = api.requests().length;
    expect(await alhena.trackCheckout({ ...ORDER, orderId: 'AFTER-FUZZ' }, FP)).toMatchObject({ status: 'recorded', attempts: 1 });
    expect(
      api
        .requests()
        .slice(sent)
        .map((r) => (r.body as { order_id: string }).order_id),
    ).toEqual(['AFTER-FUZZ']);
  });
});
