// The API's business rules over an in-memory state. Call only with bodies that passed validate.mjs.
import { orderIdOf } from './validate.mjs';

export { listEvents, summarize } from './summary.mjs';

/**
 * @typedef {Record<string, any>} Body a validated request body
 * @typedef {{ company_key: string, user_fingerprint: string, user_faq_fingerprint: string | null, opened_at: number }} Ticket
 * @typedef {{ at: number, endpoint: 'cart' | 'checkout', body: Body, unitsChanged?: number }} RecordedEvent
 *   `unitsChanged` (cart events only) is derived when recorded: see README, "Revenue figures".
 * @typedef {{ events: RecordedEvent[], tickets: Ticket[], lines: Map<string, number>, orders: Set<string> }} State
 *   `lines` (quantity per company + visitor + product) and `orders` are indexes rebuilt from `events`.
 * @typedef {{ companies: '*' | string[], autoTickets: boolean }} RuleOptions
 * @typedef {{ ok: true, eventType: 'CART_EVENT_RECORDED' | 'CHECKOUT_EVENT_RECORDED', warnings: string[] }
 *   | { ok: false, code: string, message: string }} Outcome
 * @typedef {{ version: 1, events: { at: number, endpoint: 'cart' | 'checkout', body: Body }[], tickets: Ticket[] }} Snapshot
 */

const MAX_QUOTED_CHARS = 80;

/** @returns {State} */
export function createState() {
  return { events: [], tickets: [], lines: new Map(), orders: new Set() };
}

/** Empties the state in place, so references to it stay valid. @param {State} state */
export function clearState(state) {
  state.events.length = 0;
  state.tickets.length = 0;
  state.lines.clear();
  state.orders.clear();
}

// JSON keys instead of nested objects: ids such as "__proto__" come from the network.
const lineKey = (/** @type {Body} */ body) => JSON.stringify([body.company_key, body.user_fingerprint, body.product_id]);
const orderKey = (/** @type {string} */ company, /** @type {string} */ orderId) => JSON.stringify([company, orderId]);
const quote = (/** @type {string} */ text) => JSON.stringify(text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text);

/**
 * @param {State} state
 * @param {Body} body
 */
function hasActiveTicket(state, body) {
  return state.tickets.some(
    (ticket) =>
      ticket.company_key === body.company_key &&
      (ticket.user_fingerprint === body.user_fingerprint || ticket.user_faq_fingerprint === body.user_faq_fingerprint),
  );
}

/**
 * The first rule the event breaks, or null.
 * @param {State} state
 * @param {'cart' | 'checkout'} endpoint
 * @param {Body} body
 * @param {RuleOptions} options
 * @returns {{ code: string, message: string } | null}
 */
export function findRefusal(state, endpoint, body, options) {
  if (options.companies !== '*' && !options.companies.includes(body.company_key)) {
    return { code: 'COMPANY_NOT_FOUND', message: `Company ${quote(body.company_key)} not found` };
  }
  if (!options.autoTickets && !hasActiveTicket(state, body)) {
    return { code: 'ACTIVE_TICKET_NOT_FOUND', message: 'No active ticket for either of the visitor fingerprints' };
  }
  if (endpoint === 'cart' && body.type !== 'ITEM_ADDED' && !state.lines.has(lineKey(body))) {
    return {
      code: 'PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND',
      message: `No ITEM_ADDED event for product ${quote(body.product_id)} since it was last removed from this cart`,
    };
  }
  const orderId = endpoint === 'checkout' ? orderIdOf(body) : null;
  if (orderId !== null && state.orders.has(orderKey(body.company_key, orderId))) {
    return { code: 'ORDER_ALREADY_EXISTS', message: `Order ${quote(orderId)} already exists` };
  }
  return null;
}

/**
 * Units the event put into (+) or took out of (−) the cart line, and what looks inconsistent about it.
 * @param {Body} body
 * @param {number} before the line's quantity before the event (0 when not in the cart)
 */
function cartChange(body, before) {
  /** @type {string[]} */ const warnings = [];
  const after = body.quantity;
  const product = quote(body.product_id);
  if (body.type === 'ITEM_ADDED') {
    if (after === 0) warnings.push(`ITEM_ADDED of ${product} with quantity 0`);
    return { unitsChanged: after, warnings };
  }
  if (body.type === 'ITEM_REMOVED') {
    if (after !== 0) warnings.push(`ITEM_REMOVED of ${product} with quantity ${after}; the quantity after removal is 0`);
    return { unitsChanged: -before, warnings };
  }
  if (body.type === 'QUANTITY_INCREASED' && after <= before) {
    warnings.push(`QUANTITY_INCREASED of ${product} from ${before} to ${after}`);
  }
  if (body.type === 'QUANTITY_DECREASED' && after >= before) {
    warnings.push(`QUANTITY_DECREASED of ${product} from ${before} to ${after}`);
  }
  return { unitsChanged: after - before, warnings };
}

/**
 * Records an accepted event and updates the indexes; returns the warnings about it.
 * @param {State} state
 * @param {'cart' | 'checkout'} endpoint
 * @param {Body} body
 * @param {number} at
 * @returns {string[]}
 */
function recordEvent(state, endpoint, body, at) {
  if (endpoint === 'checkout') {
    const orderId = orderIdOf(body);
    if (orderId !== null) state.orders.add(orderKey(body.company_key, orderId));
    state.events.push({ at, endpoint, body });
    return [];
  }
  const key = lineKey(body);
  const { unitsChanged, warnings } = cartChange(body, state.lines.get(key) ?? 0);
  if (body.type === 'ITEM_REMOVED') state.lines.delete(key);
  else state.lines.set(key, body.quantity);
  state.events.push({ at, endpoint, body, unitsChanged });
  return warnings;
}

/**
 * Applies the rules to a validated event; only an accepted event changes the state.
 * @param {State} state
 * @param {'cart' | 'checkout'} endpoint
 * @param {Body} body
 * @param {RuleOptions} options
 * @param {number} [at] when the event arrived (ms since epoch)
 * @returns {Outcome}
 */
export function applyEvent(state, endpoint, body, options, at = Date.now()) {
  const refusal = findRefusal(state, endpoint, body, options);
  if (refusal) return { ok: false, ...refusal };
  const warnings = recordEvent(state, endpoint, body, at);
  const eventType = endpoint === 'cart' ? 'CART_EVENT_RECORDED' : 'CHECKOUT_EVENT_RECORDED';
  return { ok: true, eventType, warnings };
}

/**
 * Opens (or refreshes) the active ticket of a visitor.
 * @param {State} state
 * @param {unknown} input `{ company_key, user_fingerprint, user_faq_fingerprint? }`
 * @param {number} [at]
 * @returns {{ ok: true, ticket: Ticket } | { ok: false, message: string }}
 */
export function openTicket(state, input, at = Date.now()) {
  const {
    company_key,
    user_fingerprint,
    user_faq_fingerprint = null,
  } = /** @type {Record<string, unknown>} */ (typeof input === 'object' && input !== null ? input : {});
  const isText = (/** @type {unknown} */ value) => typeof value === 'string' && value !== '';
  if (!isText(company_key) || !isText(user_fingerprint) || !(user_faq_fingerprint === null || isText(user_faq_fingerprint))) {
    return { ok: false, message: 'A ticket needs company_key and user_fingerprint (non-empty strings), user_faq_fingerprint optional' };
  }
  const ticket = /** @type {Ticket} */ ({ company_key, user_fingerprint, user_faq_fingerprint, opened_at: at });
  const index = state.tickets.findIndex((t) => t.company_key === company_key && t.user_fingerprint === user_fingerprint);
  if (index === -1) state.tickets.push(ticket);
  else state.tickets[index] = ticket;
  return { ok: true, ticket };
}

/** @param {State} state @returns {Snapshot} */
export function toSnapshot(state) {
  return {
    version: 1,
    events: state.events.map(({ at, endpoint, body }) => ({ at, endpoint, body })),
    tickets: state.tickets,
  };
}

/**
 * Rebuilds a state from a snapshot by replaying its events (which were accepted once already).
 * @param {State} state emptied and refilled in place
 * @param {Snapshot} snapshot
 */
export function restoreState(state, snapshot) {
  clearState(state);
  for (const ticket of snapshot.tickets) openTicket(state, ticket, ticket.opened_at);
  for (const event of snapshot.events) recordEvent(state, event.endpoint, event.body, event.at);
}
