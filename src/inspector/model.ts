// What the inspector knows, built from the SDK's observations (src/observe.ts) alone. Pure: no DOM.
import type { EventOrigin, Observation, QueueView, WireBody } from '../observe';
import type { ValidationIssue } from '../types';

export type TrackerView = Extract<Observation, { kind: 'tracker' }>;

/** One event as the panel lists it. */
export interface EventRow {
  eventId: string;
  /** When the inspector heard of it (ms since the epoch). */
  at: number;
  /** The cart event's type, or `CHECKOUT`. */
  kind: string;
  /** The product (name and id) or the order id. */
  subject: string;
  quantity?: number;
  value?: number;
  currency?: string;
  origin: EventOrigin;
  /** `queued`, `sending`, then the final status. */
  status: string;
  code?: string;
  issues?: ValidationIssue[];
  attempts: number;
}

export interface InspectorModel {
  tracker?: TrackerView;
  /** The store's platform, once recognised: its code owns the cart. */
  platform?: string;
  queue?: QueueView;
  /** Oldest first; at most `MAX_ROWS`. */
  events: EventRow[];
}

export const MAX_ROWS = 200;

const field = (input: unknown, ...names: string[]): unknown => {
  if (typeof input !== 'object' || input === null) return undefined;
  for (const name of names) if (name in input) return (input as Record<string, unknown>)[name];
  return undefined;
};
const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
const number = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** What a row shows of a wire body, or of a refused call's input. */
function summarize(body: WireBody | undefined, method: string | undefined, input: unknown) {
  const source: unknown = body ?? input;
  const lines = field(source, 'line_items', 'lineItems');
  const isOrder = Array.isArray(lines) || method === 'trackCheckout';
  const id = text(field(source, 'orderId', 'order_id', 'product_id', 'productId'));
  const name = text(field(source, 'product_name', 'productName'));
  return {
    kind: isOrder ? 'CHECKOUT' : text(field(source, 'type')) || (method ?? 'cart event'),
    subject: isOrder ? (id ? `order ${id}` : 'order without id') : [name, id && `(${id})`].filter(Boolean).join(' ') || '—',
    quantity: isOrder ? (Array.isArray(lines) ? lines.length : undefined) : number(field(source, 'quantity')),
    value: number(field(source, 'value')),
    currency: text(field(source, 'currency')) || undefined,
  };
}

/** Applies one observation; answers the row it added or changed, if any. */
export function applyObservation(model: InspectorModel, observation: Observation, now = Date.now()): EventRow | undefined {
  const rowOf = (eventId: string) => model.events.find((row) => row.eventId === eventId);
  switch (observation.kind) {
    case 'tracker':
      model.tracker = observation;
      if (observation.queue) model.queue = observation.queue;
      return undefined;
    case 'queue': {
      const { kind: _, ...queue } = observation;
      model.queue = queue;
      return undefined;
    }
    case 'event': {
      const row: EventRow = {
        eventId: observation.eventId,
        at: now,
        ...summarize(observation.body, observation.method, observation.input),
        origin: observation.origin,
        status: observation.body ? 'queued' : 'invalid',
        attempts: 0,
      };
      model.events.push(row);
      if (model.events.length > MAX_ROWS) model.events.shift();
      return row;
    }
    case 'platform':
      model.platform = observation.name;
      return undefined;
    case 'cart-read': {
      // A row of its own: what the platform's cart read found, before the events the comparison sent.
      const { platform, items, results } = observation;
      const sent = results.filter((result) => result.status !== 'invalid').length;
      const row: EventRow = {
        eventId: `cart-read-${now}-${model.events.length}`,
        at: now,
        kind: 'CART READ',
        subject: `${platform}: ${items.length} line${items.length === 1 ? '' : 's'}`,
        quantity: items.length,
        origin: { source: 'platform' },
        status: sent ? `${sent} change${sent === 1 ? '' : 's'} sent` : 'no change',
        code: results.some((result) => result.status === 'invalid') ? 'INVALID_INPUT' : undefined,
        attempts: 0,
      };
      model.events.push(row);
      if (model.events.length > MAX_ROWS) model.events.shift();
      return row;
    }
    case 'sending': {
      const row = rowOf(observation.eventId);
      if (!row) return undefined;
      row.status = 'sending';
      row.attempts = observation.attempt;
      return row;
    }
    case 'result': {
      const { eventId, status, code, issues } = observation.result;
      if (status === 'queued') return undefined; // a caller's early answer: the event is still on its way
      let row = rowOf(eventId);
      if (!row) {
        // Decided without an event of its own (an order already tracked in this browser, no change).
        row = { eventId, at: now, kind: '—', subject: '—', origin: { source: 'call' }, status, attempts: 0 };
        model.events.push(row);
      }
      row.status = status;
      row.code = code;
      if (issues) row.issues = issues;
      return row;
    }
  }
}
