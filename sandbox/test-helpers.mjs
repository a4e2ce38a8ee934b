// Shared by the sandbox's tests: request bodies as the SDK sends them, and a sandbox per test.
import { afterEach } from 'vitest';
import { startSandbox } from './server.mjs';

export const CART_PATH = '/analytics/cart_events';
export const CHECKOUT_PATH = '/analytics/checkout_events';

/** @param {Record<string, unknown>} [overrides] */
export function cartBody(overrides = {}) {
  return {
    company_key: 'acme',
    user_fingerprint: '550e8400-e29b-41d4-a716-446655440000',
    user_faq_fingerprint: '660e8400-e29b-41d4-a716-446655441111',
    type: 'ITEM_ADDED',
    product_id: 'sku-1',
    product_name: 'Mug',
    value: 10,
    currency: 'EUR',
    quantity: 1,
    source: 'CUSTOM',
    ...overrides,
  };
}

/** @param {Record<string, unknown>} [overrides] */
export function checkoutBody(overrides = {}) {
  return {
    company_key: 'acme',
    user_fingerprint: '550e8400-e29b-41d4-a716-446655440000',
    user_faq_fingerprint: '660e8400-e29b-41d4-a716-446655441111',
    value: 25,
    currency: 'EUR',
    orderId: 'A-1',
    order_id: 'A-1',
    line_items: [{ product_id: 'sku-1', product_name: 'Mug', quantity: 2, value: 20, currency: 'EUR' }],
    ...overrides,
  };
}

/**
 * Starts sandboxes that are closed after the test.
 * @returns {(options?: import('./server.mjs').SandboxOptions) => ReturnType<typeof startSandbox>}
 */
export function useSandboxes() {
  /** @type {Awaited<ReturnType<typeof startSandbox>>[]} */ const started = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((sandbox) => sandbox.close()));
  });
  return async (options) => {
    const sandbox = await startSandbox(options);
    started.push(sandbox);
    return sandbox;
  };
}

/**
 * POSTs a body (an object is sent as JSON, a string as is) and reads the answer.
 * @param {{ url: string }} sandbox
 * @param {string} path
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export async function post(sandbox, path, body, headers = { 'content-type': 'application/json' }) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(sandbox.url + path, { method: 'POST', headers, body: payload });
  return readAnswer(response);
}

/**
 * @param {{ url: string }} sandbox
 * @param {string} path
 * @param {RequestInit} [init]
 */
export async function call(sandbox, path, init) {
  return readAnswer(await fetch(sandbox.url + path, init));
}

/** @param {Response} response */
async function readAnswer(response) {
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.startsWith('application/json');
  return { status: response.status, headers: response.headers, text, body: isJson ? JSON.parse(text) : text };
}
