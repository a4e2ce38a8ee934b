import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { validateEvent } from '../sandbox/validate.mjs';
import { CartWireSchema, CheckoutWireSchema } from '../src/events/wire';
import type { TrackResult } from '../src/types';
import { cartEvent, fakeApi, makeTracker, type SentRequest, started } from './helpers';

const STATUSES = ['recorded', 'duplicate', 'not_attributed', 'rejected', 'queued', 'dropped', 'invalid'];

/**
 * Every request that left the SDK is a valid wire body: by the SDK's own schemas, and by the API sandbox's
 * validator, written apart from the SDK field by field from the vendor's page (sandbox/validate.mjs).
 */
function expectOnlyValidBodies(requests: SentRequest[]) {
  for (const request of requests) {
    const checkout = request.path.endsWith('checkout_events');
    expect(v.safeParse(checkout ? CheckoutWireSchema : CartWireSchema, request.body).issues).toBeUndefined();
    expect(validateEvent(checkout ? 'checkout' : 'cart', request.body)).toMatchObject({ ok: true, unexpectedFields: [] });
  }
}

const interesting = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e3',
    'NaN',
    'Infinity',
    '__proto__',
    'constructor',
    '$1,299.00',
    '79.99',
    'USD',
    'usd',
    'ITEM_ADDED',
  ),
  fc.double(),
  fc.integer(),
  fc.constant(Object.create(null)),
  fc.constant(JSON.parse('{"__proto__":{"polluted":1}}')),
);
const looseProduct = fc.record(
  { productId: interesting, productName: interesting, value: interesting, currency: interesting, quantity: interesting, type: interesting },
  { requiredKeys: [] },
);

describe('random input never breaks the page or sends anything invalid', () => {
  it('every public function, called with random values', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ currency: 'USD' }, { fetch: api.fetch });
    const calls: ((input: unknown, extra: unknown) => unknown)[] = [
      (input) => tracker.trackCartEvent(input as never),
      (input) => tracker.trackCheckout(input as never),
      (input, extra) => tracker.trackCheckout({ orderId: extra, value: 1, lineItems: [input] } as never),
      (input, extra) => tracker.addToCart(input as never, extra as never),
      (input, extra) => tracker.updateQuantity(input as never, extra as never),
      (input) => tracker.removeFromCart(input as never),
      (input) => tracker.syncCart(input as never),
      (input) => tracker.setConsent(input === 'denied' ? 'pending' : (input as never)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat(calls.length - 1), fc.oneof(interesting, looseProduct), interesting, async (which, input, extra) => {
        // A throw here fails the property: no call may throw into the page.
        const returned = calls[which](input, extra);
        if (returned instanceof Promise) {
          const result = (await returned) as TrackResult;
          expect(STATUSES).toContain(result.status);
        }
      }),
      { numRuns: 300 },
    );
    tracker.setConsent('granted');
    await tracker.flush();
    expectOnlyValidBodies(api.requests);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Not a dead tracker: after all that, a valid event still goes out, as it should.
    const sent = api.requests.length;
    expect(await tracker.trackCartEvent(cartEvent({ productId: 'AFTER-FUZZ' }))).toMatchObject({ status: 'recorded' });
    expect(api.requests.slice(sent).map((r) => r.body.product_id)).toEqual(['AFTER-FUZZ']);
  });

  it('random attribute soup in the DOM, clicked, changed and submitted', async () => {
    const api = fakeApi();
    const onError = vi.fn();
    const pageErrors: unknown[] = [];
    window.addEventListener('error', (event) => pageErrors.push(event));
    const tracker = makeTracker({ autoTrack: true, dataLayer: true, onError }, { fetch: api.fetch });
    await started();
    const attribute = fc.constantFrom(
      'data-alhena-action',
      'data-alhena-product-id',
      'data-alhena-product-name',
      'data-alhena-price',
      'data-alhena-currency',
      'data-alhena-quantity',
      'data-alhena-quantity-input',
      'data-alhena-order',
      'data-alhena-order-id',
      'data-alhena-order-value',
      'data-alhena-line-item',
      'data-alhena-line-value',
      'data-alhena-ignore',
    );
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'add-to-cart',
        'remove-from-cart',
        'increase-quantity',
        'decrease-quantity',
        'set-quantity',
        '1',
        '2',
        '-2',
        'abc',
        '79.99',
        '$1,299.00',
        'USD',
        'EUR',
        '',
      ),
    );
    const element = fc.record({
      tag: fc.constantFrom('div', 'button', 'a', 'form', 'input', 'select', 'section', 'script'),
      attributes: fc.array(fc.tuple(attribute, value), { maxLength: 6 }),
      children: fc.nat(3),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(element, { minLength: 1, maxLength: 12 }),
        fc.array(fc.anything(), { maxLength: 3 }),
        async (elements, pushes) => {
          document.body.replaceChildren();
          const created: Element[] = [];
          for (const spec of elements) {
            const el = document.createElement(spec.tag);
            if (spec.tag === 'script') el.setAttribute('type', 'application/json');
            for (const [name, val] of spec.attributes) el.setAttribute(name, val);
            const parent = created[spec.children % (created.length || 1)] ?? document.body;
            (spec.children === 0 ? document.body : parent).append(el);
            created.push(el);
          }
          for (const el of created) {
            (el as HTMLElement).click?.();
            el.dispatchEvent(new Event('change', { bubbles: true }));
            el.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
          }
          for (const entry of pushes) (window as unknown as { dataLayer: unknown[] }).dataLayer.push(entry);
          await tracker.flush();
        },
      ),
      { numRuns: 150 },
    );
    expect(pageErrors).toEqual([]);
    expectOnlyValidBodies(api.requests);
    // Not dead capture: a well-formed button still sends its add to cart.
    document.body.innerHTML = `<div data-alhena-product-id="AFTER-FUZZ" data-alhena-product-name="Shoe" data-alhena-price="10" data-alhena-currency="USD">
      <button id="ok" data-alhena-action="add-to-cart">Add</button></div>`;
    const sent = api.requests.length;
    (document.getElementById('ok') as HTMLButtonElement).click();
    await tracker.flush();
    expect(api.requests.slice(sent).map((r) => [r.body.type, r.body.product_id])).toEqual([['ITEM_ADDED', 'AFTER-FUZZ']]);
  });
});
