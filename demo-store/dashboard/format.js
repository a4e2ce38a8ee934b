// Formatting and classifying what the sandbox recorded, for the dashboard.

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** Amounts are summed across currencies by the sandbox; the demo store sells in USD. */
export const formatMoney = (/** @type {number} */ amount) => money.format(amount);

export const formatTime = (/** @type {number} */ at) => {
  const d = new Date(at);
  return `${d.toLocaleTimeString('en-GB')}.${String(d.getMilliseconds()).padStart(3, '0')}`;
};

/** @param {unknown} body @returns {string | undefined} the error code wherever the answer put it */
export function errorCodeOf(body) {
  if (typeof body === 'string') return body.split(':')[0];
  if (!body || typeof body !== 'object') return undefined;
  const b = /** @type {Record<string, unknown>} */ (body);
  const code = b.error_code ?? b.code ?? b.error ?? b.message;
  return typeof code === 'string' ? code : undefined;
}

/**
 * @typedef {'pending' | 'ok' | 'not-attributed' | 'duplicate' | 'fault' | 'failed'} AnswerKind
 * @param {{ status?: number, body?: unknown, dropped?: true } | null} answer
 * @returns {{ kind: AnswerKind, label: string }}
 */
export function classifyAnswer(answer) {
  if (!answer) return { kind: 'pending', label: 'waiting…' };
  if (answer.dropped) return { kind: 'fault', label: 'connection dropped' };
  const status = /** @type {number} */ (answer.status);
  const body = /** @type {Record<string, unknown> | string} */ (answer.body);
  if (status < 300) return { kind: 'ok', label: `${status} ${(typeof body === 'object' && body?.event_type) || 'OK'}` };
  const code = errorCodeOf(body);
  if (code === 'ACTIVE_TICKET_NOT_FOUND') return { kind: 'not-attributed', label: `${status} ${code}` };
  if (code === 'ORDER_ALREADY_EXISTS') return { kind: 'duplicate', label: `${status} ${code}` };
  if (status === 429 || status >= 500)
    return { kind: 'fault', label: `${status} ${typeof body === 'string' ? body : (code ?? '')}`.trim() };
  return { kind: 'failed', label: `${status} ${code ?? ''}`.trim() };
}

/**
 * One line saying what an event carried.
 * @param {'cart' | 'checkout'} endpoint
 * @param {any} body
 */
export function describeFields(endpoint, body) {
  if (!body || typeof body !== 'object') return 'not a JSON object';
  const price = (/** @type {unknown} */ v) => {
    try {
      return new Intl.NumberFormat('en-US', { style: 'currency', currency: body.currency }).format(/** @type {number} */ (v));
    } catch {
      return `${v} ${body.currency ?? ''}`.trim();
    }
  };
  if (endpoint === 'cart') {
    return `${body.type} · ${body.product_name} (${body.product_id}) · qty ${body.quantity} · ${price(body.value)} each`;
  }
  const lines = Array.isArray(body.line_items) ? body.line_items : [];
  const items = lines.map((/** @type {any} */ l) => `${l.product_name} ×${l.quantity}`).join(', ');
  return `order ${body.orderId ?? body.order_id ?? '(no id)'} · ${price(body.value)} · ${items}`;
}

/** `550e8400…` */
export const shortId = (/** @type {unknown} */ id) => (typeof id === 'string' ? `${id.slice(0, 8)}…` : '—');
