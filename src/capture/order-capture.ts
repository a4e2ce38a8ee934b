import { roundMoney } from '../lib/money';
import type { CheckoutInput } from '../types';
import { ATTR, AttributeError, describeElement, readCount, readDecimal } from './attributes';
import type { CaptureHandlers } from './handlers';

/** How long to watch for a confirmation inserted after load (again after each click or submit). */
export const ORDER_WATCH_MS = 60_000;

/** The order of a `data-alhena-order` element and its `data-alhena-line-item` descendants. */
function readOrderElement(element: Element): CheckoutInput {
  const orderId = element.getAttribute(ATTR.orderId)?.trim();
  if (!orderId)
    throw new AttributeError(
      `${ATTR.orderId} on ${describeElement(element)} is required, so that a reload does not count the order twice`,
      element,
    );
  const currency = element.getAttribute(ATTR.currency)?.trim() || undefined;
  const lineItems = [...element.querySelectorAll(`[${ATTR.lineItem}]`)].map((line) => {
    const quantity = readCount(line, ATTR.quantity, 1) ?? 1;
    const price = readDecimal(line, ATTR.price);
    const total =
      readDecimal(line, ATTR.lineValue) ?? (price === undefined ? readDecimal(line, ATTR.lineValue, true) : roundMoney(price * quantity));
    return {
      productId: line.getAttribute(ATTR.productId) ?? '',
      productName: line.getAttribute(ATTR.productName) ?? '',
      quantity,
      value: total as number,
      currency: line.getAttribute(ATTR.currency)?.trim() || currency,
    };
  });
  return { orderId, value: readDecimal(element, ATTR.orderValue, true) as number, currency, lineItems };
}

/**
 * `<script type="application/json" data-alhena-order>` holding the order in the trackCheckout shape,
 * its id also accepted under the wire's name, `order_id`. The id is required, as on an order element.
 */
function readOrderJson(script: Element): unknown {
  const text = script.textContent?.trim();
  if (!text) return undefined;
  let order: (CheckoutInput & { order_id?: unknown }) | null;
  try {
    order = JSON.parse(text);
  } catch {
    throw new AttributeError(`the JSON in ${describeElement(script)} with ${ATTR.order} is not valid JSON`, script);
  }
  if (typeof order !== 'object' || order === null) return order; // trackCheckout words what is wrong
  const orderId = order.orderId ?? order.order_id;
  if (orderId === undefined || orderId === null || String(orderId).trim() === '')
    throw new AttributeError(
      `orderId in the JSON of ${describeElement(script)} is required, so that a reload does not count the order twice`,
      script,
    );
  return { ...order, orderId: orderId as string };
}

/** The order an order element or JSON script holds, as the page wrote it (the tracker's validation types it); throws an AttributeError naming what is wrong. */
export const readOrder = (element: Element): unknown => (element.tagName === 'SCRIPT' ? readOrderJson(element) : readOrderElement(element));

/**
 * Sends the order of a confirmation page, whether its element is there at load or inserted later
 * (watched with a MutationObserver for a while); the order guard keeps it to one checkout per order id.
 * Nothing is read before DOMContentLoaded: the parser may not have reached an order's line items yet.
 */
export function startOrderCapture(doc: Document, handlers: CaptureHandlers): { stop(): void; extend(): void } {
  const handled = new WeakSet<Element>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const handle = (element: Element) => {
    if (handled.has(element) || element.closest(`[${ATTR.ignore}]`)) return;
    try {
      const order = readOrder(element);
      if (!order) return; // a script whose JSON has not been written yet
      handled.add(element);
      handlers.trackCheckout(order, element);
    } catch (error) {
      handled.add(element);
      const message = error instanceof AttributeError ? error.message : String(error);
      handlers.error({ code: 'INVALID_ATTRIBUTES', message, element });
    }
  };
  const scan = (root: Element | Document) => {
    if (root instanceof Element && root.hasAttribute(ATTR.order)) handle(root);
    for (const element of root.querySelectorAll(`[${ATTR.order}]`)) handle(element);
  };

  const observer = new MutationObserver((records) => {
    if (doc.readyState === 'loading') return; // read at DOMContentLoaded, once the element is whole
    for (const record of records) {
      if (record.target instanceof Element && record.target.hasAttribute(ATTR.order)) handle(record.target);
      for (const node of record.addedNodes) if (node instanceof Element) scan(node);
    }
  });
  const watch = () => {
    observer.observe(doc, { childList: true, subtree: true });
    clearTimeout(timer);
    timer = setTimeout(() => observer.disconnect(), ORDER_WATCH_MS);
  };
  // While the page is still parsing, an order element may be there without its line items yet.
  const begin = () => {
    scan(doc);
    watch();
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', begin, { once: true });
  else begin();
  return {
    stop() {
      doc.removeEventListener('DOMContentLoaded', begin);
      clearTimeout(timer);
      observer.disconnect();
    },
    extend: watch,
  };
}
