// Request-body validation, field by field as the vendor's page (vendor-docs/http-apis.md) lists them.

/**
 * @typedef {{ ok: true, unexpectedFields: string[] }
 *   | { ok: false, code: 'MISSING_REQUIRED_FIELDS', message: string, fields: string[], unexpectedFields: string[] }} Validation
 * @typedef {{ test: (value: unknown) => boolean, expected: string }} FieldRule
 * @typedef {{ field: string, reason: string }} Problem
 */

export const CART_EVENT_TYPES = ['ITEM_ADDED', 'QUANTITY_INCREASED', 'QUANTITY_DECREASED', 'ITEM_REMOVED'];

const MAX_FIELDS_IN_MESSAGE = 12;

/** @param {unknown} value @returns {value is Record<string, unknown>} */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** @type {Record<string, FieldRule>} */
const RULE = {
  text: { test: (v) => typeof v === 'string' && v.trim() !== '', expected: 'a non-empty string' },
  anyText: { test: (v) => typeof v === 'string', expected: 'a string' },
  amount: { test: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0, expected: 'a number ≥ 0' },
  currency: { test: (v) => typeof v === 'string' && /^[A-Z]{3}$/.test(v), expected: 'an ISO 4217 code of 3 upper-case letters' },
  quantityAfter: { test: (v) => Number.isInteger(v) && /** @type {number} */ (v) >= 0, expected: 'an integer ≥ 0' },
  quantityBought: { test: (v) => Number.isInteger(v) && /** @type {number} */ (v) >= 1, expected: 'an integer ≥ 1' },
  cartType: { test: (v) => CART_EVENT_TYPES.includes(/** @type {string} */ (v)), expected: `one of ${CART_EVENT_TYPES.join(', ')}` },
  lineItems: { test: (v) => Array.isArray(v) && v.length > 0, expected: 'a non-empty array' },
};

const VISITOR_FIELDS = { company_key: RULE.text, user_fingerprint: RULE.text, user_faq_fingerprint: RULE.text };

export const CART_FIELDS = {
  required: {
    ...VISITOR_FIELDS,
    type: RULE.cartType,
    product_id: RULE.text,
    product_name: RULE.text,
    value: RULE.amount,
    currency: RULE.currency,
    quantity: RULE.quantityAfter,
  },
  optional: { source: RULE.anyText },
};

export const CHECKOUT_FIELDS = {
  required: { ...VISITOR_FIELDS, value: RULE.amount, currency: RULE.currency, line_items: RULE.lineItems },
  // The vendor's table names the order id `orderId`, its example `order_id`; both are accepted.
  optional: { orderId: RULE.text, order_id: RULE.text },
};

export const LINE_ITEM_FIELDS = {
  required: {
    product_id: RULE.text,
    product_name: RULE.text,
    quantity: RULE.quantityBought,
    value: RULE.amount,
    currency: RULE.currency,
  },
  optional: {},
};

/**
 * Checks one object against a field table, adding to `found` what is wrong or unexpected, named with `prefix`.
 * @param {Record<string, unknown>} object
 * @param {{ required: Record<string, FieldRule>, optional: Record<string, FieldRule> }} table
 * @param {string} prefix
 * @param {{ problems: Problem[], unexpected: string[] }} found
 */
function checkFields(object, table, prefix, found) {
  const { problems, unexpected } = found;
  for (const [name, rule] of Object.entries(table.required)) {
    if (!Object.hasOwn(object, name)) problems.push({ field: prefix + name, reason: 'missing' });
    else if (!rule.test(object[name])) problems.push({ field: prefix + name, reason: `must be ${rule.expected}` });
  }
  for (const [name, rule] of Object.entries(table.optional)) {
    if (Object.hasOwn(object, name) && !rule.test(object[name])) {
      problems.push({ field: prefix + name, reason: `must be ${rule.expected}` });
    }
  }
  for (const name of Object.keys(object)) {
    if (!Object.hasOwn(table.required, name) && !Object.hasOwn(table.optional, name)) unexpected.push(prefix + name);
  }
  return found;
}

/**
 * @param {Problem[]} problems
 * @param {string[]} unexpectedFields
 * @returns {Validation}
 */
function toValidation(problems, unexpectedFields) {
  if (problems.length === 0) return { ok: true, unexpectedFields };
  const shown = problems
    .slice(0, MAX_FIELDS_IN_MESSAGE)
    .map(({ field, reason }) => `${field} (${reason})`)
    .join(', ');
  const more = problems.length > MAX_FIELDS_IN_MESSAGE ? ` and ${problems.length - MAX_FIELDS_IN_MESSAGE} more` : '';
  return {
    ok: false,
    code: 'MISSING_REQUIRED_FIELDS',
    message: `Missing or invalid fields: ${shown}${more}`,
    fields: problems.map(({ field }) => field),
    unexpectedFields,
  };
}

/** @param {unknown} body @returns {Validation} */
function notAnObject(body) {
  return {
    ok: false,
    code: 'MISSING_REQUIRED_FIELDS',
    message: body === undefined ? 'The request body is not JSON (or nests too deeply)' : 'The request body must be a JSON object',
    fields: [],
    unexpectedFields: [],
  };
}

/**
 * Validates a `POST /analytics/cart_events` body.
 * @param {unknown} body the parsed JSON body (anything), `undefined` when it was not JSON
 * @returns {Validation}
 */
export function validateCartEvent(body) {
  if (!isObject(body)) return notAnObject(body);
  const { problems, unexpected } = checkFields(body, CART_FIELDS, '', { problems: [], unexpected: [] });
  return toValidation(problems, unexpected);
}

/**
 * Validates a `POST /analytics/checkout_events` body, including each line item.
 * @param {unknown} body the parsed JSON body (anything), `undefined` when it was not JSON
 * @returns {Validation}
 */
export function validateCheckoutEvent(body) {
  if (!isObject(body)) return notAnObject(body);
  const found = checkFields(body, CHECKOUT_FIELDS, '', { problems: [], unexpected: [] });
  const items = Array.isArray(body.line_items) ? body.line_items : [];
  for (const [index, item] of items.entries()) {
    if (isObject(item)) checkFields(item, LINE_ITEM_FIELDS, `line_items[${index}].`, found);
    else found.problems.push({ field: `line_items[${index}]`, reason: 'must be an object' });
  }
  const bothIds = typeof body.orderId === 'string' && typeof body.order_id === 'string';
  if (bothIds && body.orderId !== body.order_id) {
    found.problems.push({ field: 'order_id', reason: 'must equal orderId when both are sent' });
  }
  return toValidation(found.problems, found.unexpected);
}

/**
 * @param {'cart' | 'checkout'} endpoint
 * @param {unknown} body the parsed body, `undefined` when it was not JSON
 * @returns {Validation}
 */
export function validateEvent(endpoint, body) {
  return endpoint === 'cart' ? validateCartEvent(body) : validateCheckoutEvent(body);
}

/**
 * The order id a checkout body carries (`orderId` or `order_id`), or null. Call after validation.
 * @param {Record<string, unknown>} body
 * @returns {string | null}
 */
export function orderIdOf(body) {
  const id = body.orderId ?? body.order_id;
  return typeof id === 'string' ? id : null;
}
