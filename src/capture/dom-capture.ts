import { ATTR, AttributeError, closestAcross, readCount, readProduct } from './attributes';
import type { CaptureHandlers } from './handlers';

export const ACTIONS = ['add-to-cart', 'remove-from-cart', 'increase-quantity', 'decrease-quantity', 'set-quantity'];

/**
 * The element carrying the action for an event, unless it sits inside `data-alhena-ignore`. The event's
 * first target is where it began, also inside an open shadow root (`event.target` would be its host).
 */
function actionOf(event: Event): Element | undefined {
  const origin = (event.composedPath?.()[0] ?? event.target) as Element | null;
  const control = typeof origin?.closest === 'function' ? closestAcross(origin, `[${ATTR.action}]`) : null;
  return control && !closestAcross(control, `[${ATTR.ignore}]`) ? control : undefined;
}

/**
 * Data-attribute capture, delegated from the document (capture phase, so that it runs before the
 * page's own handlers re-render a line or stop the event), for elements rendered at any time.
 */
export function startDomCapture(doc: Document, handlers: CaptureHandlers, onInteraction: () => void): () => void {
  const act = (control: Element, action: string, run: () => unknown) => {
    try {
      if (!ACTIONS.includes(action)) throw new AttributeError(`${ATTR.action}="${action}" is not one of ${ACTIONS.join(', ')}`, control);
      if (handlers.claim('dom')) run();
    } catch (error) {
      handlers.error(
        error instanceof AttributeError
          ? { code: 'INVALID_ATTRIBUTES', message: error.message, element: error.element }
          : { code: 'INTERNAL_ERROR', message: String(error), element: control },
      );
    }
  };

  const addToCart = (control: Element) => {
    const { product, context } = readProduct(control);
    const input = context.querySelector(`[${ATTR.quantityInput}]`) ?? control.querySelector(`[${ATTR.quantityInput}]`);
    const quantity = readCount(control, ATTR.quantity, 1) ?? (input ? readCount(input, null, 1) : undefined) ?? 1;
    handlers.addToCart(product, quantity, control);
  };

  /** Per product: the quantity its cart line showed (if any) at this page's last change of it, and the change's result. */
  const lastChange = new Map<string, { shown: number | undefined; after: number }>();

  /**
   * A change to a cart line. Its current quantity is the one the line shows (`data-alhena-quantity`,
   * read before the store re-renders it): the store's truth, over the SDK's record. Except when the
   * line still shows what it showed at this page's last change of it (or still shows none) and the
   * record holds that change: the store has not re-rendered yet (a double click), so the record is right.
   */
  const changeLine = (control: Element, target: (current: number) => number) => {
    const { product, context } = readProduct(control);
    const id = product.productId as string;
    const markup = readCount(context, ATTR.quantity, 0);
    const last = lastChange.get(id);
    const shown = last && last.shown === markup && handlers.quantityOf(id) === last.after ? last.after : markup;
    const quantity = target(shown ?? handlers.quantityOf(id));
    lastChange.set(id, { shown: markup, after: quantity });
    return { product, quantity, shown };
  };

  const step = (control: Element, delta: number) => {
    const { product, quantity, shown } = changeLine(control, (current) => Math.max(0, current + delta));
    handlers.updateQuantity(product, quantity, shown, control);
  };

  const onClick = (event: Event) => {
    onInteraction();
    const control = actionOf(event);
    if (!control) return;
    const action = control.getAttribute(ATTR.action) ?? '';
    // Forms are captured on submit only, so a submit button does not count the same add twice.
    if (control.tagName === 'FORM' || action === 'set-quantity') return;
    if ((control as HTMLButtonElement).form?.hasAttribute(ATTR.action) && (control as HTMLButtonElement).type === 'submit') return;
    act(control, action, () => {
      if (action === 'add-to-cart') addToCart(control);
      else if (action === 'remove-from-cart') {
        const { product, shown } = changeLine(control, () => 0);
        handlers.removeFromCart(product, shown, control);
      } else step(control, action === 'increase-quantity' ? 1 : -1);
    });
  };

  const onSubmit = (event: Event) => {
    onInteraction();
    const form = actionOf(event);
    if (form?.tagName !== 'FORM') return;
    const action = form.getAttribute(ATTR.action) ?? '';
    act(form, action, () => {
      if (action !== 'add-to-cart')
        throw new AttributeError(`${ATTR.action}="${action}" on a form: only add-to-cart is captured on submit`, form);
      addToCart(form);
    });
  };

  const onChange = (event: Event) => {
    const control = actionOf(event);
    if (control?.getAttribute(ATTR.action) !== 'set-quantity') return;
    act(control, 'set-quantity', () => {
      const quantity = readCount(control, null, 0);
      if (quantity === undefined) throw new AttributeError(`a set-quantity control needs a value`, control);
      const line = changeLine(control, () => quantity);
      handlers.updateQuantity(line.product, quantity, line.shown, control);
    });
  };

  const listeners: [string, (event: Event) => void][] = [
    ['click', onClick],
    ['submit', onSubmit],
    ['change', onChange],
  ];
  for (const [type, listener] of listeners) doc.addEventListener(type, listener, true);
  return () => {
    for (const [type, listener] of listeners) doc.removeEventListener(type, listener, true);
  };
}
