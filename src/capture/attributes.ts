import type { CartProduct } from '../types';

/** The data attributes capture reads, by what they mean. */
export const ATTR = {
  action: 'data-alhena-action',
  ignore: 'data-alhena-ignore',
  productId: 'data-alhena-product-id',
  productName: 'data-alhena-product-name',
  price: 'data-alhena-price',
  currency: 'data-alhena-currency',
  quantity: 'data-alhena-quantity',
  quantityInput: 'data-alhena-quantity-input',
  order: 'data-alhena-order',
  orderId: 'data-alhena-order-id',
  orderValue: 'data-alhena-order-value',
  lineItem: 'data-alhena-line-item',
  lineValue: 'data-alhena-line-value',
} as const;

/** A capture that cannot be used: which attribute, on which element, and why. */
export class AttributeError {
  constructor(
    readonly message: string,
    readonly element: Element,
  ) {}
}

/** `<button id="add" class="btn">` — enough for a developer to find the element. */
export function describeElement(element: Element): string {
  const id = element.id ? ` id="${element.id}"` : '';
  const className =
    typeof element.className === 'string' && element.className.trim() ? ` class="${element.className.trim().split(/\s+/)[0]}"` : '';
  return `<${element.tagName.toLowerCase()}${id}${className}>`;
}

const fail = (element: Element, attribute: string, value: string | null, rule: string): never => {
  throw new AttributeError(`${attribute}${value === null ? '' : `="${value}"`} on ${describeElement(element)} ${rule}`, element);
};

/** A plain decimal number (`79.99`); `$1,299.00`, `abc` and negatives are refused rather than guessed. */
export function readDecimal(element: Element, attribute: string, required = false): number | undefined {
  const text = element.getAttribute(attribute);
  if (text === null || text.trim() === '') {
    return required ? fail(element, attribute, text, 'is required') : undefined;
  }
  return /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : fail(element, attribute, text, 'must be a plain decimal number such as 79.99');
}

/** A whole number of at least `min`, from an attribute or a form field's value. */
export function readCount(element: Element, attribute: string | null, min: number): number | undefined {
  const text = attribute ? element.getAttribute(attribute) : (element as HTMLInputElement).value;
  if (text === null || text === undefined || text.trim() === '') return undefined;
  return /^\d+$/.test(text.trim()) && Number(text) >= min
    ? Number(text)
    : fail(element, attribute ?? 'the value', text, `must be a whole number of at least ${min}`);
}

/**
 * `element.closest(selector)`, continuing past a shadow root to its host: a web component's button
 * finds the product card around it, inside its own shadow tree or in the page around the component.
 */
export function closestAcross(element: Element, selector: string): Element | null {
  for (let node: Element | undefined = element; node; node = (node.getRootNode() as Partial<ShadowRoot>).host) {
    const found = node.closest(selector);
    if (found) return found;
  }
  return null;
}

/** A product attribute from the control itself, else from its product context. */
const pick = (control: Element, context: Element, attribute: string) => (control.hasAttribute(attribute) ? control : context);

/** The product a control acts on: the control or its nearest ancestor with `data-alhena-product-id`. */
export function readProduct(control: Element): { product: CartProduct; context: Element } {
  const context = closestAcross(control, `[${ATTR.productId}]`);
  if (!context) fail(control, ATTR.productId, null, 'is missing: put it on the control or on its product card or cart line');
  const ctx = context as Element;
  const productId = (ctx.getAttribute(ATTR.productId) ?? '').trim();
  if (!productId) fail(ctx, ATTR.productId, '', 'must not be empty');
  const name = pick(control, ctx, ATTR.productName).getAttribute(ATTR.productName)?.trim();
  const currency = closestAcross(control, `[${ATTR.currency}]`)?.getAttribute(ATTR.currency)?.trim();
  return {
    product: {
      productId,
      productName: name || undefined,
      value: readDecimal(pick(control, ctx, ATTR.price), ATTR.price),
      currency: currency || undefined,
    },
    context: ctx,
  };
}
