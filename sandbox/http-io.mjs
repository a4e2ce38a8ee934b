// Reading request bodies and writing answers, with the CORS headers every answer carries.

/**
 * @typedef {import('node:http').IncomingMessage} Request
 * @typedef {import('node:http').ServerResponse} Response
 * @typedef {import('./answers.mjs').Answer} Answer
 */

/**
 * CORS headers for any answer. Without `allowCredentials`, Chromium refuses `navigator.sendBeacon`
 * with a JSON body (toolchain.md), as it would against an API that does not allow credentials.
 * @param {Request} req
 * @param {boolean} allowCredentials
 * @returns {Record<string, string>}
 */
export function corsHeaders(req, allowCredentials) {
  const origin = req.headers.origin;
  /** @type {Record<string, string>} */
  const headers = {
    'access-control-allow-origin': origin && /^[\x21-\x7e]+$/.test(origin) ? origin : '*',
    vary: 'Origin',
    'access-control-allow-methods': 'POST, GET, DELETE, OPTIONS',
    'access-control-allow-headers': 'content-type',
    'access-control-expose-headers': 'Retry-After',
    'access-control-max-age': '600',
  };
  if (allowCredentials) headers['access-control-allow-credentials'] = 'true';
  // Chromium's Private Network Access preflight, for pages on a public origin calling the local sandbox.
  if (req.headers['access-control-request-private-network'] === 'true') {
    headers['access-control-allow-private-network'] = 'true';
  }
  return headers;
}

/**
 * Reads the whole body as UTF-8 text; stops keeping bytes past `limitBytes`.
 * @param {Request} req
 * @param {number} limitBytes
 * @returns {Promise<{ raw: string | null, tooLarge: boolean }>}
 */
export function readBody(req, limitBytes) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */ const chunks = [];
    let size = 0;
    const onData = (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size <= limitBytes) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      resolve({ raw: null, tooLarge: true });
    };
    req.on('data', onData);
    req.on('end', () => resolve({ raw: Buffer.concat(chunks).toString('utf8'), tooLarge: false }));
    req.on('error', reject);
  });
}

// Deeper bodies are treated as not JSON: recording, cloning and serving them would overflow the stack.
const MAX_JSON_DEPTH = 64;

/** @param {unknown} root */
function isTooDeep(root) {
  /** @type {[unknown, number][]} */ const pending = [[root, 1]];
  while (pending.length > 0) {
    const [value, depth] = /** @type {[unknown, number]} */ (pending.pop());
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_JSON_DEPTH) return true;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Parses JSON; `undefined` when the text is not JSON or nests deeper than MAX_JSON_DEPTH.
 * @param {string} text
 * @returns {unknown}
 */
export function parseJson(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isTooDeep(value) ? undefined : value;
}

/**
 * Sends an answer (JSON for an object body, text for a string) unless the socket is gone.
 * @param {Response} res
 * @param {Answer} answer
 * @param {Record<string, string>} baseHeaders
 */
export function sendAnswer(res, answer, baseHeaders) {
  if (res.headersSent || res.destroyed) return;
  const isText = typeof answer.body === 'string';
  const payload = isText ? answer.body : JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...baseHeaders,
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    'content-length': String(Buffer.byteLength(/** @type {string} */ (payload))),
    ...answer.headers,
  });
  res.end(payload);
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} baseHeaders
 */
export function sendJson(res, status, body, baseHeaders) {
  sendAnswer(res, { status, body: /** @type {Record<string, unknown>} */ (body) }, baseHeaders);
}
