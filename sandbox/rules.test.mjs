// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { applyEvent, createState, openTicket, restoreState, summarize, toSnapshot } from './rules.mjs';
import { cartBody, checkoutBody } from './test-helpers.mjs';

/** @type {import('./rules.mjs').RuleOptions} */
const ANY_COMPANY = { companies: '*', autoTickets: true };
/** @type {import('./rules.mjs').RuleOptions} */
const STRICT = { companies: ['acme'], autoTickets: false };

/** Applies bodies in order and returns each outcome's code (or the event type when accepted). */
function applyAll(
  /** @type {ReturnType<typeof createState>} */ state,
  /** @type {[ 'cart' | 'checkout', any ][]} */ events,
  options = ANY_COMPANY,
) {
  return events.map(([endpoint, body]) => {
    const outcome = applyEvent(state, endpoint, body, options);
    return outcome.ok ? outcome.eventType : outcome.code;
  });
}

describe('company and ticket rules', () => {
  it('refuses an unknown company with COMPANY_NOT_FOUND and accepts a known one', () => {
    const state = createState();
    openTicket(state, { company_key: 'acme', user_fingerprint: cartBody().user_fingerprint });
    expect(
      applyAll(
        state,
        [
          ['cart', cartBody({ company_key: 'globex' })],
          ['cart', cartBody()],
        ],
        STRICT,
      ),
    ).toEqual(['COMPANY_NOT_FOUND', 'CART_EVENT_RECORDED']);
  });

  it('refuses a visitor without an active ticket, on both endpoints', () => {
    const state = createState();
    expect(
      applyAll(
        state,
        [
          ['cart', cartBody()],
          ['checkout', checkoutBody()],
        ],
        STRICT,
      ),
    ).toEqual(['ACTIVE_TICKET_NOT_FOUND', 'ACTIVE_TICKET_NOT_FOUND']);
    expect(state.events).toEqual([]);
  });

  it('accepts a visitor whose user fingerprint or FAQ fingerprint has a ticket with that company', () => {
    const state = createState();
    openTicket(state, { company_key: 'acme', user_fingerprint: 'other-user', user_faq_fingerprint: 'faq-1' });
    const outcomes = applyAll(
      state,
      [
        ['cart', cartBody({ user_fingerprint: 'someone', user_faq_fingerprint: 'faq-1' })],
        ['cart', cartBody({ user_fingerprint: 'other-user', user_faq_fingerprint: 'faq-2' })],
        ['cart', cartBody({ user_fingerprint: 'someone', user_faq_fingerprint: 'faq-2' })],
      ],
      STRICT,
    );
    expect(outcomes).toEqual(['CART_EVENT_RECORDED', 'CART_EVENT_RECORDED', 'ACTIVE_TICKET_NOT_FOUND']);
  });

  it('does not let a ticket of one company serve another', () => {
    const state = createState();
    openTicket(state, { company_key: 'globex', user_fingerprint: cartBody().user_fingerprint });
    expect(applyAll(state, [['cart', cartBody()]], { companies: '*', autoTickets: false })).toEqual(['ACTIVE_TICKET_NOT_FOUND']);
  });

  it('refuses a ticket without company_key or user_fingerprint', () => {
    const state = createState();
    expect(openTicket(state, { company_key: 'acme' }).ok).toBe(false);
    expect(openTicket(state, 'acme').ok).toBe(false);
    expect(openTicket(state, { company_key: 'acme', user_fingerprint: 'u', user_faq_fingerprint: 5 }).ok).toBe(false);
    expect(state.tickets).toEqual([]);
  });
});

describe('cart line rules', () => {
  it.each(['QUANTITY_INCREASED', 'QUANTITY_DECREASED', 'ITEM_REMOVED'])(
    'refuses %s of a product never added with PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND',
    (type) => {
      expect(applyAll(createState(), [['cart', cartBody({ type, quantity: 2 })]])).toEqual(['PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND']);
    },
  );

  it('refuses changes after ITEM_REMOVED until the product is added again', () => {
    const outcomes = applyAll(createState(), [
      ['cart', cartBody({ quantity: 1 })],
      ['cart', cartBody({ type: 'QUANTITY_INCREASED', quantity: 2 })],
      ['cart', cartBody({ type: 'ITEM_REMOVED', quantity: 0 })],
      ['cart', cartBody({ type: 'QUANTITY_INCREASED', quantity: 1 })],
      ['cart', cartBody({ type: 'ITEM_ADDED', quantity: 1 })],
      ['cart', cartBody({ type: 'QUANTITY_DECREASED', quantity: 0 })],
    ]);
    expect(outcomes).toEqual([
      'CART_EVENT_RECORDED',
      'CART_EVENT_RECORDED',
      'CART_EVENT_RECORDED',
      'PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND',
      'CART_EVENT_RECORDED',
      'CART_EVENT_RECORDED',
    ]);
  });

  it('keeps carts apart per visitor, product and company', () => {
    const state = createState();
    applyAll(state, [['cart', cartBody()]]);
    const increase = { type: 'QUANTITY_INCREASED', quantity: 2 };
    expect(
      applyAll(state, [
        ['cart', cartBody({ ...increase, user_fingerprint: 'another-visitor' })],
        ['cart', cartBody({ ...increase, product_id: 'sku-2' })],
        ['cart', cartBody({ ...increase, company_key: 'globex' })],
        ['cart', cartBody(increase)],
      ]),
    ).toEqual([
      'PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND',
      'PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND',
      'PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND',
      'CART_EVENT_RECORDED',
    ]);
  });

  it('accepts ITEM_ADDED of a product already in the cart', () => {
    expect(
      applyAll(createState(), [
        ['cart', cartBody()],
        ['cart', cartBody()],
      ]),
    ).toEqual(['CART_EVENT_RECORDED', 'CART_EVENT_RECORDED']);
  });

  it('handles product ids that name object properties', () => {
    const outcomes = applyAll(createState(), [
      ['cart', cartBody({ type: 'QUANTITY_INCREASED', product_id: 'constructor', quantity: 2 })],
      ['cart', cartBody({ product_id: '__proto__' })],
      ['cart', cartBody({ type: 'QUANTITY_INCREASED', product_id: '__proto__', quantity: 2 })],
    ]);
    expect(outcomes).toEqual(['PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND', 'CART_EVENT_RECORDED', 'CART_EVENT_RECORDED']);
  });

  it('warns about quantities that contradict the event type, and still records the event', () => {
    const state = createState();
    applyAll(state, [['cart', cartBody({ quantity: 3 })]]);
    const warningsOf = (/** @type {Record<string, unknown>} */ overrides) => {
      const outcome = applyEvent(state, 'cart', cartBody(overrides), ANY_COMPANY);
      return outcome.ok ? outcome.warnings : outcome.code;
    };
    expect(warningsOf({ type: 'QUANTITY_INCREASED', quantity: 2 })).toEqual(['QUANTITY_INCREASED of "sku-1" from 3 to 2']);
    expect(warningsOf({ type: 'QUANTITY_DECREASED', quantity: 2 })).toEqual(['QUANTITY_DECREASED of "sku-1" from 2 to 2']);
    expect(warningsOf({ type: 'ITEM_REMOVED', quantity: 2 })).toEqual([
      'ITEM_REMOVED of "sku-1" with quantity 2; the quantity after removal is 0',
    ]);
    expect(warningsOf({ type: 'ITEM_ADDED', quantity: 1 })).toEqual([]);
  });
});

describe('order rules', () => {
  it('refuses a second checkout of an order id with ORDER_ALREADY_EXISTS, whichever key carries it', () => {
    const { orderId: _a, order_id: _b, ...noIds } = checkoutBody();
    const outcomes = applyAll(createState(), [
      ['checkout', { ...noIds, orderId: 'A-1' }],
      ['checkout', { ...noIds, order_id: 'A-1' }],
      ['checkout', { ...noIds, orderId: 'A-1', company_key: 'globex' }],
      ['checkout', noIds],
      ['checkout', noIds],
    ]);
    expect(outcomes).toEqual([
      'CHECKOUT_EVENT_RECORDED',
      'ORDER_ALREADY_EXISTS',
      'CHECKOUT_EVENT_RECORDED',
      'CHECKOUT_EVENT_RECORDED',
      'CHECKOUT_EVENT_RECORDED',
    ]);
  });

  it('checks the company before the ticket before the order', () => {
    const state = createState();
    openTicket(state, { company_key: 'acme', user_fingerprint: checkoutBody().user_fingerprint });
    applyAll(state, [['checkout', checkoutBody()]], STRICT);
    expect(
      applyAll(
        state,
        [
          ['checkout', checkoutBody({ company_key: 'globex' })],
          ['checkout', checkoutBody({ user_fingerprint: 'x', user_faq_fingerprint: 'y' })],
          ['checkout', checkoutBody()],
        ],
        STRICT,
      ),
    ).toEqual(['COMPANY_NOT_FOUND', 'ACTIVE_TICKET_NOT_FOUND', 'ORDER_ALREADY_EXISTS']);
  });
});

describe('revenue figures', () => {
  it('computes add-to-cart GMV from unit prices and quantity changes, carts, orders and revenue', () => {
    const state = createState();
    const visitor2 = { user_fingerprint: 'visitor-2', user_faq_fingerprint: 'faq-2' };
    applyAll(state, [
      ['cart', cartBody({ quantity: 2, value: 10 })], // +20
      ['cart', cartBody({ type: 'QUANTITY_INCREASED', quantity: 3, value: 10 })], // +10
      ['cart', cartBody({ type: 'QUANTITY_DECREASED', quantity: 1, value: 10 })], // −20
      ['cart', cartBody({ ...visitor2, product_id: 'sku-2', value: 5.5, quantity: 1 })], // +5.5
      ['cart', cartBody({ type: 'ITEM_REMOVED', quantity: 0, value: 10 })], // −10
      ['cart', cartBody({ type: 'QUANTITY_INCREASED', quantity: 9 })], // refused: changes nothing
      ['checkout', checkoutBody({ ...visitor2, value: 30.25 })],
      ['cart', cartBody({ company_key: 'globex', value: 99 })],
    ]);
    expect(summarize(state, 'acme')).toEqual({
      companyKey: 'acme',
      cartEvents: 5,
      carts: 2,
      addedValue: 35.5,
      removedValue: 30,
      addToCartGmv: 5.5,
      averageCartValue: 2.75,
      orders: 1,
      revenue: 30.25,
      currencies: ['EUR'],
    });
    expect(summarize(state)).toMatchObject({ companyKey: null, cartEvents: 6, carts: 3, addToCartGmv: 104.5, orders: 1 });
    expect(summarize(state, 'nobody')).toMatchObject({ cartEvents: 0, carts: 0, addToCartGmv: 0, averageCartValue: 0 });
  });

  it('keeps sums free of binary noise', () => {
    const state = createState();
    applyAll(state, [
      ['cart', cartBody({ value: 0.1 })],
      ['cart', cartBody({ product_id: 'sku-2', value: 0.2 })],
    ]);
    expect(summarize(state).addToCartGmv).toBe(0.3);
  });
});

describe('snapshots', () => {
  it('rebuilds the same cart lines, orders, tickets and figures from a snapshot', () => {
    const state = createState();
    openTicket(state, { company_key: 'acme', user_fingerprint: cartBody().user_fingerprint }, 1000);
    applyAll(
      state,
      [
        ['cart', cartBody({ quantity: 2 })],
        ['checkout', checkoutBody()],
      ],
      STRICT,
    );
    const restored = createState();
    restoreState(restored, JSON.parse(JSON.stringify(toSnapshot(state))));
    expect(summarize(restored)).toEqual(summarize(state));
    expect(restored.tickets).toEqual(state.tickets);
    expect(
      applyAll(
        restored,
        [
          ['cart', cartBody({ type: 'QUANTITY_INCREASED', quantity: 3 })],
          ['checkout', checkoutBody()],
        ],
        STRICT,
      ),
    ).toEqual(['CART_EVENT_RECORDED', 'ORDER_ALREADY_EXISTS']);
  });
});
