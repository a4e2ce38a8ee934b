// What the emulated API answers: success bodies, error bodies in each supported shape, fault answers.
import { STATUS_CODES } from 'node:http';

/**
 * @typedef {'error_code' | 'code' | 'error' | 'message' | 'text'} ErrorShape
 * @typedef {{ status: number, body: Record<string, unknown> | string, headers?: Record<string, string> }} Answer
 *   `body` is sent as JSON when it is an object, as text/plain when it is a string.
 */

/** The vendor's error codes and the HTTP status the sandbox gives each; any other code answers 400. */
export const ERROR_STATUS = {
  MISSING_REQUIRED_FIELDS: 400,
  PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND: 400,
  PREVIOUS_QUANTITY_INCREASED_EVENT_NOT_FOUND: 400,
  COMPANY_NOT_FOUND: 404,
  ACTIVE_TICKET_NOT_FOUND: 404,
  ORDER_ALREADY_EXISTS: 409,
};

/** @type {ErrorShape[]} */
export const ERROR_SHAPES = ['error_code', 'code', 'error', 'message', 'text'];

/**
 * @param {'CART_EVENT_RECORDED' | 'CHECKOUT_EVENT_RECORDED'} eventType
 * @returns {Answer}
 */
export function successAnswer(eventType) {
  return { status: 200, body: { status: 'success', event_type: eventType } };
}

/**
 * An error answer with the code under the key `shape` names (`'text'`: a plain-text body).
 * @param {string} code
 * @param {string} message
 * @param {ErrorShape} shape
 * @param {number} [status]
 * @returns {Answer}
 */
export function errorAnswer(code, message, shape, status) {
  const httpStatus = status ?? ERROR_STATUS[/** @type {keyof typeof ERROR_STATUS} */ (code)] ?? 400;
  if (shape === 'text') return { status: httpStatus, body: `${code}: ${message}` };
  if (shape === 'message') return { status: httpStatus, body: { status: 'error', message: code } };
  return { status: httpStatus, body: { status: 'error', [shape]: code, message } };
}

/** @param {string} text */
function parseJsonObject(text) {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}

/**
 * The answer of a `status` fault: no rule applied; the given body (sent as JSON when it is JSON),
 * else the reason phrase as text.
 * @param {{ status: number, retryAfter?: string, body?: string }} fault
 * @returns {Answer}
 */
export function statusFaultAnswer(fault) {
  const headers = fault.retryAfter === undefined ? undefined : { 'retry-after': fault.retryAfter };
  const body = fault.body === undefined ? (STATUS_CODES[fault.status] ?? 'Error') : (parseJsonObject(fault.body) ?? fault.body);
  return { status: fault.status, body, headers };
}

/**
 * @param {number} limitBytes
 * @returns {Answer}
 */
export function tooLargeAnswer(limitBytes) {
  return {
    status: 413,
    body: { status: 'error', message: `The request body exceeds ${limitBytes} bytes` },
    headers: { connection: 'close' },
  };
}
