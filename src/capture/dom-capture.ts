import { A, AttributeError, readCount, readProduct } from './attributes';
import type { CaptureHandlers } from './handlers';

const ACTIONS = ['add-to-cart', 'remove-from-cart', 'increase-quantity', 'decrease-quantity', 'set-quantity'];

/** The element carrying the action for an event's target, unless it sits inside `data-alhena-ignore`. */
function actionOf(target: EventTarget | null): Element | undefined {
  const control = (target as Element | null)?.closest?.(`[${A.action}]`);
  return control && !control.closest(`[${A.ignore}]`) ? control : undefined;
}

/**
 * Data-attribute capture, delegated from the document (capture phase, so that it runs before the
 * page's own handlers re-render a line or stop the event), for elements rendered at any time.
 */
export function startDomCapture(doc: Document, h: CaptureHandlers, onInteraction: () => void): () => void {
  const act = (control: Element, action: string, run: () => unknown) => {
    try {
      if (!ACTIONS.includes(action)) throw new AttributeError(`${A.action}="${action}" is not one of ${ACTIONS.join(', ')}`, control);
      if (h.claim('dom')) run();
    } catch (error) {
      h.error(
        error instanceof AttributeError
          ? { code: 'INVALID_ATTRIBUTES', message: error.message, element: error.element }
          : { code: 'INTERNAL_ERROR', message: String(error), element: control },
      );
    }
  };

  const addToCart = (control: Element) => {
    const { product, context } = readProduct(control);
    const input = context.querySelector(`[${A.quantityInput}]`) ?? control.querySelector(`[${A.quantityInput}]`);
    const quantity = readCount(control, A.quantity, 1) ?? (input ? readCount(input, null, 1) : undefined) ?? 1;
    h.addToCart(product, quantity);
  };

  /** A cart line's current quantity as the page shows it: the store's truth, over the SDK's record. */
  const shownOf = (context: Element) => readCount(context, A.quantity, 0);

  const step = (control: Element, delta: number) => {
    const { product, context } = readProduct(control);
    // Read before the store re-renders the line (capture phase).
    const shown = shownOf(context);
    const current = shown ?? h.quantityOf(product.productId as string);
    h.updateQuantity(product, Math.max(0, current + delta), shown);
  };

  const onClick = (event: Event) => {
    onInteraction();
    const control = actionOf(event.target);
    if (!control) return;
    const action = control.getAttribute(A.action) ?? '';
    // Forms are captured on submit only, so a submit button does not count the same add twice.
    if (control.tagName === 'FORM' || action === 'set-quantity') return;
    if ((control as HTMLButtonElement).form?.hasAttribute(A.action) && (control as HTMLButtonElement).type === 'submit') return;
    act(control, action, () => {
      if (action === 'add-to-cart') addToCart(control);
      else if (action === 'remove-from-cart') {
        const { product, context } = readProduct(control);
        h.removeFromCart(product, shownOf(context));
      } else step(control, action === 'increase-quantity' ? 1 : -1);
    });
  };

  const onSubmit = (event: Event) => {
    onInteraction();
    const form = actionOf(event.target);
    if (form?.tagName !== 'FORM') return;
    const action = form.getAttribute(A.action) ?? '';
    act(form, action, () => {
      if (action !== 'add-to-cart')
        throw new AttributeError(`${A.action}="${action}" on a form: only add-to-cart is captured on submit`, form);
      addToCart(form);
    });
  };

  const onChange = (event: Event) => {
    const control = actionOf(event.target);
    if (control?.getAttribute(A.action) !== 'set-quantity') return;
    act(control, 'set-quantity', () => {
      const quantity = readCount(control, null, 0);
      if (quantity === undefined) throw new AttributeError(`a set-quantity control needs a value`, control);
      const { product, context } = readProduct(control);
      h.updateQuantity(product, quantity, shownOf(context));
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
