// "Check this page": every data-alhena-* attribute that capture would refuse or find incomplete, by
// element, and the orders the confirmation reader finds. Capture's own readers and schemas decide.

import { ATTR, AttributeError, closestAcross, describeElement, readProduct } from '../capture/attributes';
import { ACTIONS } from '../capture/dom-capture';
import { handoffRefusal } from '../capture/fingerprint-forms';
import { readOrder } from '../capture/order-capture';
import { formatIssues, validateCartEvent, validateCheckout } from '../events/input';

export interface Finding {
  element: Element;
  /** The element as capture names it: `<button id="add" class="btn">`. */
  where: string;
  message: string;
  /** `problem`: capture refuses it or cannot send it; `found`: what the order confirmation reader found. */
  level: 'problem' | 'found';
}

const KNOWN = new Set<string>([...Object.values(ATTR), 'data-alhena-fingerprints']);
const issuesText = (issues: { path: string; message: string }[]) => formatIssues(issues);

export function checkPage(doc: Document, currency: string | undefined, handoffOrigins: readonly string[] = []): Finding[] {
  const findings: Finding[] = [];
  const add = (element: Element, message: string, level: Finding['level'] = 'problem') =>
    findings.push({ element, where: describeElement(element), message, level });

  for (const element of doc.querySelectorAll('*')) {
    for (const { name } of element.attributes) {
      if (name.startsWith('data-alhena-') && !KNOWN.has(name)) add(element, `${name} is not an attribute the SDK reads (a typo?)`);
    }
  }
  for (const control of doc.querySelectorAll(`[${ATTR.action}]`)) {
    if (closestAcross(control, `[${ATTR.ignore}]`)) continue;
    const action = control.getAttribute(ATTR.action) ?? '';
    if (!ACTIONS.includes(action)) {
      add(control, `${ATTR.action}="${action}" is not one of ${ACTIONS.join(', ')}`);
      continue;
    }
    try {
      const { product } = readProduct(control);
      if (action !== 'add-to-cart') continue; // the others count from the cart record
      const checked = validateCartEvent({ type: 'ITEM_ADDED', ...product, quantity: 1 }, currency);
      if (!checked.ok) add(control, `incomplete: an add to cart would be invalid: ${issuesText(checked.issues)}`);
    } catch (error) {
      add(control, error instanceof AttributeError ? error.message : String(error));
    }
  }
  for (const element of doc.querySelectorAll(`[${ATTR.order}]`)) {
    try {
      const order = readOrder(element);
      if (!order) continue;
      const checked = validateCheckout(order, currency);
      if (checked.ok)
        add(
          element,
          `order ${checked.data.orderId}: ${checked.data.value} ${checked.data.currency}, ${checked.data.lineItems.length} line item(s)`,
          'found',
        );
      else add(element, `order confirmation would be invalid: ${issuesText(checked.issues)}`);
    } catch (error) {
      add(element, error instanceof AttributeError ? error.message : String(error));
    }
  }
  // Fingerprint forms: each way it can be submitted (the form's own, each button's override) that gets nothing.
  for (const form of doc.querySelectorAll<HTMLFormElement>('form[data-alhena-fingerprints]')) {
    const submitters = [null, ...form.querySelectorAll('[formaction], [formmethod]')];
    for (const submitter of submitters) {
      const refusal = handoffRefusal(form, submitter, handoffOrigins);
      if (refusal) add(submitter ?? form, `fingerprint form not filled when submitted${submitter ? ' with this button' : ''}: ${refusal}`);
    }
  }
  if (!doc.querySelector(`[${ATTR.order}]`))
    findings.push({ element: doc.documentElement, where: 'this page', message: 'no order confirmation', level: 'found' });
  return findings;
}
