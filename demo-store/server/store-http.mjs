// What the stand-in stores' request handlers share: a POST's body read as the platforms read it (form fields or
// JSON), and the answers they return (a Reply: status, headers, body), which their server writes to the response.
import { parseJson, readBody } from '../../sandbox/index.mjs';
import { formFields } from './woo-store.mjs';

/** @typedef {{ status: number, headers?: Record<string, string>, body?: string }} Reply */

/**
 * A POST's body, up to `maxBytes`: `body` when it is JSON, else its form fields as `form`; neither for other methods.
 * @param {import('node:http').IncomingMessage} req @param {string} method @param {number} maxBytes
 */
export async function readPosted(req, method, maxBytes) {
  let form = null;
  /** @type {unknown} */ let body;
  if (method === 'POST') {
    const raw = (await readBody(req, maxBytes)).raw ?? '';
    const contentType = String(req.headers['content-type'] ?? '');
    if (contentType.includes('json')) body = parseJson(raw);
    else form = formFields(raw, contentType);
  }
  return { form, body };
}

/**
 * A JSON answer; `contentType`: the header the platform sends with its JSON.
 * @param {unknown} body @returns {Reply}
 */
export const jsonReply = (body, status = 200, contentType = 'application/json') => ({
  status,
  headers: { 'content-type': contentType },
  body: JSON.stringify(body),
});

/** A 302 to `location`. @param {string} location @returns {Reply} */
export const redirect = (location) => ({ status: 302, headers: { location } });
