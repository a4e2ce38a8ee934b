import { roundMoney } from '../lib/money';
import type { TrackResult } from '../types';
import type { PlatformSession } from './platform-plugin';

export type CartTotal = { value: number; currency: string };
/** A platform's cart as one read found it: `reportCart` lines and the total its data states. */
export type CartRead = { items: unknown[]; total?: CartTotal };

/** What a platform's code works with: the reconciliation and orders, marked as the platform's, its reads, the debug log. */
export interface PlatformHost {
  /** The platform's cart as just read, as `reportCart` lines, and its total: compared with the record, the changes sent. */
  reportCart(items: unknown[], total?: CartTotal): Promise<TrackResult[]>;
  trackCheckout(order: unknown): Promise<TrackResult>;
  orderTracked(orderId: string): boolean;
  /** The record's lines: the last cart read (what an order page's line items come from). */
  cartLines: PlatformSession['calls']['cartLines'];
  /** The total the last cart read stated. */
  cartTotal(): CartTotal | undefined;
  /** JSON from the page's own origin with the shopper's cookies (through the SDK's ky). */
  readJson(url: string): Promise<unknown>;
  /** A small fact about this store kept across pages (the currency last read), stored as consent allows. */
  remember: PlatformSession['calls']['remember'];
  debug(message: string, detail?: unknown): void;
  /**
   * Runs `read` (a cart read and its comparison, until the record is written) as the only one across this
   * store's tabs: two tabs reading one change at once would both compare it with the old record, and both send it.
   */
  oneTabAtATime(read: () => Promise<void>): Promise<void>;
}

/**
 * The host a platform's code is given, built in the platform's own file rather than in the tag: each
 * cart read is in the debug log and told to observers (the inspector) with what its comparison sent.
 */
export function createHost({ name, calls, readJson, logger, emit }: PlatformSession): PlatformHost {
  const origin = { source: 'platform' } as const;
  return {
    reportCart: (items, total) =>
      calls.reportCart(items, total, origin).then((results) => {
        logger.debug(`${name}: cart read, ${items.length} line(s), ${results.length} event(s) from the comparison`, items);
        emit(() => ({ kind: 'cart-read', platform: name, items, results }));
        return results;
      }),
    trackCheckout: (order) => calls.trackCheckout(order, origin),
    orderTracked: calls.orderTracked,
    cartLines: calls.cartLines,
    cartTotal: calls.cartTotal,
    readJson,
    remember: calls.remember,
    debug: (message, detail) => logger.debug(`${name}: ${message}`, detail ?? ''),
    oneTabAtATime: calls.oneTabAtATime,
  };
}

/** Signals closer together than this are one burst: one read. */
const BURST_MS = 100;

/** What `followCart` gives back: tell it a signal (a platform event, a cart request finishing), or stop it. */
export interface CartFollower {
  signal(name: string): void;
  stop(): void;
}

/**
 * Follows a platform's cart: handles the page's order first (`order`, if this is an order page), then reads the
 * cart as the page loads and after each signal; one read in flight at a time (one across tabs), a burst of
 * signals one read, a signal during a read one more read after it. `read` answers the cart, or undefined for
 * "nothing to compare" (not a cart, or a cart the platform is emptying for an order). A read that fails reports nothing.
 */
export function followCart(host: PlatformHost, read: () => Promise<CartRead | undefined>, order?: () => Promise<void>): CartFollower {
  let reading = true; // until the page's order has been handled, every read waits: the first read is the one after it
  let again = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const compare = async () => {
    const cart = await read();
    if (stopped || !cart) return;
    // Compared and recorded at once; the record is written a microtask later, still as the only tab reading.
    // The events' answers are not waited for here.
    void host.reportCart(cart.items, cart.total);
    await Promise.resolve();
  };
  const readNow = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        await host.oneTabAtATime(compare);
      } while (again && !stopped);
    } catch (error) {
      host.debug(`cart read failed: ${String(error)}`);
    } finally {
      reading = false;
    }
  };

  (order ? host.oneTabAtATime(order) : Promise.resolve())
    .catch((error) => host.debug(`order: ${String(error)}`))
    .then(() => {
      reading = false;
      again = false;
      if (!stopped) return readNow();
    });
  return {
    signal(name) {
      host.debug(`signal: ${name}`);
      clearTimeout(timer);
      timer = setTimeout(readNow, BURST_MS);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/**
 * The order an order page shows, once per order id, from the last cart read (its lines, and its total unless the
 * platform's order data states one). Sends nothing when there was no cart read before it.
 */
export async function reportOrderFromCart(host: PlatformHost, orderId: string, total?: CartTotal): Promise<void> {
  if (host.orderTracked(orderId)) return host.debug(`order ${orderId} already tracked in this browser`);
  const lines = host.cartLines();
  if (!lines.length) return host.debug(`order ${orderId}: no cart read before it, so no line items: not sent`);
  const stated = total ?? host.cartTotal();
  await host.trackCheckout({
    orderId,
    value: stated?.value ?? lines.reduce((sum, line) => sum + Number(line.value) * line.quantity, 0),
    currency: stated?.currency ?? lines[0].currency,
    lineItems: lines.map(({ productId, productName, value, quantity, currency }) => ({
      productId,
      productName,
      quantity,
      value: roundMoney(Number(value) * quantity),
      currency,
    })),
  });
}

/** Runs `install`, swallowing what a hostile page throws (a frozen property, a refused observer): the other signals remain. */
export function guarded(install: () => void): void {
  try {
    install();
  } catch {
    // Nothing: the signal this would have given is missing, the others stay.
  }
}

/**
 * Calls `signal` whenever a request whose URL matches `pattern` finishes (Resource Timing: fetch, XHR and
 * forms alike, with no wrapper around the page's own `fetch`). Returns the function that stops it.
 */
export function watchRequests(pattern: RegExp, signal: (name: string) => void): () => void {
  let stop = () => {};
  guarded(() => {
    const requests = new PerformanceObserver((list) => {
      if (list.getEntries().some((entry) => pattern.test(entry.name))) signal('cart request');
    });
    requests.observe({ type: 'resource' });
    stop = () => requests.disconnect();
  });
  return stop;
}

/**
 * Hears a jQuery event triggered on `document` (or below it) without the page's jQuery: `jQuery.event.trigger`
 * calls each element's `on<name>` property on its way up. Chained with what was there; undone by the returned
 * function. Not for names with a `:` (Magento's `ajax:addToCart`), which jQuery never looks up that way.
 */
export function onJQueryEvent(name: string, heard: () => void): () => void {
  const doc = document as unknown as Record<string, unknown>;
  const property = `on${name}`;
  let stop = () => {};
  guarded(() => {
    const before = doc[property];
    const handler = function (this: unknown, ...args: unknown[]) {
      heard();
      return typeof before === 'function' ? before.apply(this, args) : undefined;
    };
    doc[property] = handler;
    stop = () => {
      if (doc[property] === handler) doc[property] = before;
    };
  });
  return stop;
}
