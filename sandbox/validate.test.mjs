// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { cartBody, checkoutBody } from './test-helpers.mjs';
import { validateCartEvent, validateCheckoutEvent, validateEvent } from './validate.mjs';

/** @param {import('./validate.mjs').Validation} validation */
const failedFields = (validation) => (validation.ok ? [] : validation.fields);

const omit = (/** @type {Record<string, unknown>} */ body, /** @type {string} */ name) => {
  const { [name]: _omitted, ...rest } = body;
  return rest;
};

describe('cart event validation', () => {
  it('accepts the vendor page example, source included', () => {
    expect(validateCartEvent(cartBody({ source: 'SHOPIFY' }))).toEqual({ ok: true, unexpectedFields: [] });
  });

  it('accepts a body without source', () => {
    expect(validateCartEvent(omit(cartBody(), 'source')).ok).toBe(true);
  });

  it.each([
    'company_key',
    'user_fingerprint',
    'user_faq_fingerprint',
    'type',
    'product_id',
    'product_name',
    'value',
    'currency',
    'quantity',
  ])('refuses a body without %s and names it', (name) => {
    const validation = validateCartEvent(omit(cartBody(), name));
    expect(validation).toMatchObject({ ok: false, code: 'MISSING_REQUIRED_FIELDS', fields: [name] });
    expect(validation.ok || validation.message).toContain(`${name} (missing)`);
  });

  it.each([
    ['company_key', ''],
    ['user_fingerprint', '   '],
    ['user_faq_fingerprint', null],
    ['product_id', 123],
    ['product_name', ''],
    ['type', 'ITEM_UPDATED'],
    ['type', 'item_added'],
    ['value', -0.01],
    ['value', '100'],
    ['value', null],
    ['currency', 'usd'],
    ['currency', 'EURO'],
    ['currency', 'US'],
    ['quantity', 1.5],
    ['quantity', -1],
    ['quantity', '2'],
    ['source', 5],
  ])('refuses %s = %j', (name, value) => {
    expect(failedFields(validateCartEvent(cartBody({ [name]: value })))).toEqual([name]);
  });

  it('accepts the boundary values value 0 and quantity 0', () => {
    expect(validateCartEvent(cartBody({ value: 0, quantity: 0, type: 'ITEM_REMOVED' })).ok).toBe(true);
  });

  it.each(['ITEM_ADDED', 'QUANTITY_INCREASED', 'QUANTITY_DECREASED', 'ITEM_REMOVED'])('accepts type %s', (type) => {
    expect(validateCartEvent(cartBody({ type })).ok).toBe(true);
  });

  it('lists unexpected fields without failing', () => {
    expect(validateCartEvent(cartBody({ productId: 'x', event_id: 'e' }))).toEqual({
      ok: true,
      unexpectedFields: ['productId', 'event_id'],
    });
  });

  it('names every bad field in one message', () => {
    const validation = validateCartEvent({ company_key: 'acme', value: 'x' });
    expect(failedFields(validation)).toEqual([
      'user_fingerprint',
      'user_faq_fingerprint',
      'type',
      'product_id',
      'product_name',
      'value',
      'currency',
      'quantity',
    ]);
    expect(validation.ok || validation.message).toMatch(
      /^Missing or invalid fields: user_fingerprint \(missing\), .*value \(must be a number ≥ 0\)/,
    );
  });
});

describe('checkout event validation', () => {
  it('accepts the vendor page example with order_id, with orderId, with both and with neither', () => {
    const withoutIds = omit(omit(checkoutBody(), 'orderId'), 'order_id');
    expect(validateCheckoutEvent(checkoutBody())).toEqual({ ok: true, unexpectedFields: [] });
    expect(validateCheckoutEvent({ ...withoutIds, order_id: 'ORD-7890' }).ok).toBe(true);
    expect(validateCheckoutEvent({ ...withoutIds, orderId: 'ORD-7890' }).ok).toBe(true);
    expect(validateCheckoutEvent(withoutIds).ok).toBe(true);
  });

  it.each(['company_key', 'user_fingerprint', 'user_faq_fingerprint', 'value', 'currency', 'line_items'])(
    'refuses a body without %s',
    (name) => {
      expect(failedFields(validateCheckoutEvent(omit(checkoutBody(), name)))).toEqual([name]);
    },
  );

  it.each([
    ['line_items', []],
    ['line_items', {}],
    ['value', -1],
    ['currency', 'eur'],
    ['orderId', 123],
    ['orderId', ''],
    ['order_id', null],
  ])('refuses %s = %j', (name, value) => {
    const body = checkoutBody({ [name]: value });
    const fields = failedFields(validateCheckoutEvent(body));
    expect(fields[0]).toBe(name);
  });

  it('refuses orderId and order_id that differ', () => {
    expect(failedFields(validateCheckoutEvent(checkoutBody({ orderId: 'A-1', order_id: 'A-2' })))).toEqual(['order_id']);
  });

  it.each([
    ['product_id', ''],
    ['product_name', 7],
    ['quantity', 0],
    ['quantity', 1.5],
    ['value', -5],
    ['currency', 'Eur'],
  ])('refuses a line item with %s = %j', (name, value) => {
    const item = { ...checkoutBody().line_items[0], [name]: value };
    const body = checkoutBody({ line_items: [checkoutBody().line_items[0], item] });
    expect(failedFields(validateCheckoutEvent(body))).toEqual([`line_items[1].${name}`]);
  });

  it('refuses a line item that is not an object, and one missing fields', () => {
    const validation = validateCheckoutEvent(checkoutBody({ line_items: ['sku-1', { product_id: 'sku-2' }] }));
    expect(failedFields(validation)).toEqual([
      'line_items[0]',
      'line_items[1].product_name',
      'line_items[1].quantity',
      'line_items[1].value',
      'line_items[1].currency',
    ]);
  });

  it('lists unexpected fields of the order and of its line items, camelCase ones included', () => {
    const item = { ...checkoutBody().line_items[0], productId: 'sku-1' };
    const validation = validateCheckoutEvent(checkoutBody({ lineItems: [], line_items: [item] }));
    expect(validation).toEqual({ ok: true, unexpectedFields: ['lineItems', 'line_items[0].productId'] });
  });
});

describe('bodies that are not an object', () => {
  it.each([null, [], 'text', 42, true])('refuses %j as MISSING_REQUIRED_FIELDS', (body) => {
    expect(validateEvent('cart', body)).toEqual({
      ok: false,
      code: 'MISSING_REQUIRED_FIELDS',
      message: 'The request body must be a JSON object',
      fields: [],
      unexpectedFields: [],
    });
  });

  it('says when the body was not JSON at all', () => {
    expect(validateEvent('checkout', undefined)).toMatchObject({
      ok: false,
      message: 'The request body is not JSON (or nests too deeply)',
    });
  });

  it('keeps the message short when many fields are wrong', () => {
    const items = Array.from({ length: 50 }, () => ({}));
    const validation = validateCheckoutEvent(checkoutBody({ line_items: items }));
    expect(failedFields(validation)).toHaveLength(250);
    expect(validation.ok || validation.message).toMatch(/ and 238 more$/);
  });
});
