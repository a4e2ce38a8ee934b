import { addition, type CartChange, idOf, quantityChange, quantityOf, removal, syncedLines } from '../cart/cart-changes';
import { diffCart, linesById } from '../cart/cart-diff';
import type { CartLine, CartTotal } from '../cart/cart-record';
import {
  formatIssues,
  type Validated,
  type ValidationIssue,
  validateCartEvent,
  validateCheckout,
  validateReportLine,
} from '../events/input';
import { type EventBody, toCartBody, toCheckoutBody } from '../events/wire';
import { randomId } from '../lib/ids';
import { toJson } from '../lib/json';
import type { Logger } from '../lib/logger';
import type { EventOrigin } from '../observe';
import type { CartProduct, TrackResult } from '../types';
import type { Outcomes } from './outcomes';
import type { Session } from './session';

/** What each public method does once the tracker runs: validate, work out the body, queue it. */
/** Where a call comes from when nothing else says: the page's own code. */
const CALL: EventOrigin = { source: 'call' };

/**
 * What each public method does once the tracker runs: validate, work out the body, queue it. Each takes the
 * origin of its event (a call, a data attribute, an order element, the dataLayer, a platform) last.
 */
export function createCalls(session: Session, deps: { outcomes: Outcomes; logger: Logger }) {
  const { config, cart, orders } = session;

  /**
   * Queues a checked event, through the `beforeSend` option: the hook gets a copy, and what it returns is checked
   * like a call's input; `null` drops the event. A hook that throws or returns anything but an object or `null`
   * (nothing, a list, a promise) leaves the event as it was, and the error is reported. It runs after the store's
   * own event has been checked and recorded: the cart record and the order guard follow the store's event, and
   * an event the store got wrong is `invalid` before any hook sees it.
   */
  const enqueue = <T extends object>(
    kind: 'cart' | 'checkout',
    event: T,
    check: (input: unknown, currency?: string) => Validated<T>,
    toBody: (event: T) => EventBody,
    origin: EventOrigin,
  ): Promise<TrackResult> => {
    if (session.consent() === 'denied') return deps.outcomes.dropped('CONSENT_DENIED');
    let changed: unknown = event;
    try {
      if (config.beforeSend) changed = config.beforeSend(JSON.parse(toJson(event)), kind);
      if (changed !== null && (typeof changed !== 'object' || Array.isArray(changed) || 'then' in changed))
        throw new TypeError(
          `it returned ${Array.isArray(changed) ? 'a list' : typeof changed === 'object' ? 'a promise' : typeof changed}`,
        );
    } catch (error) {
      const message = `beforeSend failed (${error instanceof Error ? error.message : typeof error}); the event is sent as it was`;
      deps.outcomes.error({ code: 'BEFORE_SEND_FAILED', message });
      changed = event;
    }
    if (changed === null) return deps.outcomes.dropped('BEFORE_SEND');
    const checked = changed === event ? { ok: true as const, data: event } : check(changed, config.currency);
    if (!checked.ok) return deps.outcomes.invalid('beforeSend', checked.issues, changed, origin);
    return session.deliver().add(toBody(checked.data), origin);
  };

  const trackCart = (event: unknown, origin = CALL): Promise<TrackResult> => {
    const checked = validateCartEvent(event, config.currency);
    if (!checked.ok) return deps.outcomes.invalid('trackCartEvent', checked.issues, event, origin);
    const { productId, productName, value, currency, quantity } = checked.data;
    // The cart helpers count from this record, whichever way the page reported the change.
    cart.set({ productId, quantity, productName, value, currency });
    return enqueue('cart', checked.data, validateCartEvent, (data) => toCartBody(data, config.companyKey, config.source), origin);
  };

  const trackCheckout = (order: unknown, origin = CALL): Promise<TrackResult> => {
    if (config.ordersFrom === 'server') {
      cart.clear();
      deps.logger.debug('trackCheckout: orders are reported by the store’s server (ordersFrom "server"); nothing sent');
      return deps.outcomes.dropped('ORDERS_FROM_SERVER');
    }
    const checked = validateCheckout(order, config.currency);
    if (!checked.ok) return deps.outcomes.invalid('trackCheckout', checked.issues, order, origin);
    const { orderId } = checked.data;
    if (orderId && session.consent() !== 'denied') {
      if (orders.seen(orderId)) {
        deps.logger.debug(`order ${orderId} was already tracked in this browser; not sent again`);
        return deps.outcomes.decided({ status: 'duplicate', eventId: randomId(), code: 'ORDER_ALREADY_TRACKED' });
      }
      orders.mark(orderId, 'tracked');
    }
    cart.clear();
    return enqueue('checkout', checked.data, validateCheckout, (data) => toCheckoutBody(data, config.companyKey), origin);
  };

  /** A cart helper's change: tracked, refused with its issues, or nothing to send. */
  const apply = (method: string, change: CartChange, input: unknown, origin = CALL) =>
    'event' in change
      ? trackCart(change.event, origin)
      : 'issues' in change
        ? deps.outcomes.invalid(method, change.issues, input, origin)
        : deps.outcomes.dropped('NO_CHANGE');

  /**
   * `reportCart`: the store's whole cart as it is now, compared with the record (cart/cart-diff.ts), one
   * event per changed line; then the record is that cart. With no record yet, it is recorded and nothing is
   * sent. An invalid line keeps what the record had for its product, and one without a readable id keeps
   * every recorded line the valid ones do not name: a removal is never guessed.
   */
  const reportCart = (items: unknown, total?: CartTotal, origin = CALL): Promise<TrackResult[]> => {
    if (!Array.isArray(items))
      return deps.outcomes
        .invalid('reportCart', [{ path: 'items', message: 'must be a list of cart lines' }], items, origin)
        .then((r) => [r]);
    const valid: CartLine[] = [];
    const issues: ValidationIssue[] = [];
    const invalidIds = new Set<string>();
    let unreadable = false;
    items.forEach((item, index) => {
      const checked = validateReportLine(item, index, config.currency);
      if (checked.ok) {
        valid.push(checked.data);
      } else {
        issues.push(...checked.issues);
        const id = idOf(item);
        if (id) invalidIds.add(id);
        else unreadable = true;
      }
    });
    const before = cart.lines();
    const named = linesById(valid);
    const kept = before.filter((line) => !named.has(line.productId) && (unreadable || invalidIds.has(line.productId)));
    const after = [...linesById([...valid, ...kept]).values()];
    const results: Promise<TrackResult>[] = issues.length ? [deps.outcomes.invalid('reportCart', issues, items, origin)] : [];
    if (cart.known()) results.push(...diffCart(before, after).map((event) => trackCart(event, origin)));
    else deps.logger.debug('reportCart: no record of this visitor’s cart yet; recorded, nothing sent');
    cart.replace(after);
    if (total) cart.setTotal(total);
    return Promise.all(results);
  };

  return {
    trackCart,
    reportCart,
    trackCheckout,
    addToCart: (product: CartProduct, quantity?: number, origin?: EventOrigin) =>
      apply('addToCart', addition(cart, product, quantity), product, origin),
    updateQuantity: (product: CartProduct, quantity: number, shown?: number, origin?: EventOrigin) =>
      apply('updateQuantity', quantityChange(cart, product, quantity, shown), product, origin),
    removeFromCart: (product: CartProduct, shown?: number, origin?: EventOrigin) =>
      apply('removeFromCart', removal(cart, product, shown), product, origin),
    syncCart(items: unknown) {
      const synced = syncedLines(items);
      if ('lines' in synced) return cart.replace(synced.lines);
      deps.outcomes.error({ code: 'INVALID_INPUT', message: `syncCart: cart unchanged: ${formatIssues(synced.issues, 'items')}` });
    },
    quantityOf: (productId: string) => quantityOf(cart, productId),
    cartLines: () => cart.lines(),
    orderTracked: (orderId: string) => orders.seen(orderId),
    cartTotal: () => cart.total(),
    oneTabAtATime: session.oneTabAtATime,
    remember: session.remember,
  };
}

export type Calls = ReturnType<typeof createCalls>;
