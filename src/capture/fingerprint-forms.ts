import { FINGERPRINT_FIELD_NAMES } from '../events/fingerprint-fields';
import { HANDOFF_WAIT_MS, type HandoffSource, originOf } from '../fingerprints/fingerprints';
import type { Fingerprints } from '../types';

const FORM_ATTRIBUTE = 'data-alhena-fingerprints';
/** Marks the submission this module starts itself once it has waited, so that it is let through. */
const resubmitted = new WeakSet<HTMLFormElement>();

/** Sets (or, without fingerprints, empties) the form's two hidden inputs; creates them with DOM calls if needed. */
function fill(form: HTMLFormElement, fingerprints: Fingerprints | null) {
  for (const [key, name] of Object.entries(FINGERPRINT_FIELD_NAMES) as [keyof Fingerprints, string][]) {
    let input = [...form.querySelectorAll('input')].find((element) => element.name === name);
    if (!input && !fingerprints) continue;
    if (!input) {
      input = form.ownerDocument.createElement('input');
      input.type = 'hidden';
      input.name = name;
      form.append(input);
    }
    input.value = fingerprints ? fingerprints[key] : '';
  }
}

const METHODS = ['get', 'post', 'dialog'];
/** A method attribute's value as the browser takes it, or undefined for none or an unknown one. */
const methodOf = (element: Element | null | undefined, attribute: string) => {
  const value = element?.getAttribute(attribute)?.trim().toLowerCase();
  return value && METHODS.includes(value) ? value : undefined;
};

/**
 * Why `form`, submitted with `submitter`, may not be given the fingerprints, or undefined when it may
 * (contract § 11): its effective method must be POST, and its effective action (the submitter's `formaction`,
 * else the form's `action`, resolved as the browser resolves them) the page's own origin, or an origin the
 * form's attribute value or the `handoffOrigins` option lists. Attributes are read, not the `action` and
 * `method` properties, which a field named "action" would shadow.
 */
export function handoffRefusal(form: HTMLFormElement, submitter: Element | null, origins: readonly string[]): string | undefined {
  const method = methodOf(submitter, 'formmethod') ?? methodOf(form, 'method') ?? 'get';
  if (method !== 'post') return `it submits with ${method.toUpperCase()}; fingerprints go only into a form that POSTs`;
  const doc = form.ownerDocument;
  const raw = submitter?.hasAttribute('formaction') ? submitter.getAttribute('formaction') : form.getAttribute('action');
  // An empty or missing action submits to the document's own address.
  const target = originOf(raw?.trim() ? new URL(raw.trim(), doc.baseURI).href : doc.URL);
  if (target && target === originOf(doc.URL)) return undefined;
  const listed = [...(form.getAttribute(FORM_ATTRIBUTE) ?? '').split(/\s+/).map(originOf), ...origins];
  if (target && listed.includes(target)) return undefined;
  return `it posts to ${target ?? 'an address that is not http(s)'}, not this page's origin${
    target ? `: list it in ${FORM_ATTRIBUTE}="${target}" or the handoffOrigins option if it is yours` : ''
  }`;
}

/** What the shopper's submission was made with: its submit button, and the button's name, value and form overrides. */
interface Submission {
  submitter: HTMLElement | null;
  field?: [string, string];
  overrides: [string, string][];
}

/** Form attributes a submit button may override (`formaction` and the like), by the form's own attribute. */
const OVERRIDES = [
  ['formaction', 'action'],
  ['formmethod', 'method'],
  ['formenctype', 'enctype'],
  ['formtarget', 'target'],
  ['formnovalidate', 'novalidate'],
] as const;

function recordSubmission(submitter: HTMLElement | null): Submission {
  const button = submitter as HTMLButtonElement | null;
  return {
    submitter,
    field: button?.name && !button.disabled ? [button.name, button.value] : undefined,
    overrides: OVERRIDES.flatMap(([own, of]) =>
      submitter?.hasAttribute(own) ? [[of, submitter.getAttribute(own) ?? ''] as [string, string]] : [],
    ),
  };
}

/**
 * Runs `submit` with the button's part of the submission standing in for the button (gone, moved or
 * disabled meanwhile: a spinner in its place): its name and value as a hidden input, its overrides on
 * the form, all undone afterwards.
 */
function withStandIn(form: HTMLFormElement, { field, overrides }: Submission, submit: () => void) {
  const input = field && form.ownerDocument.createElement('input');
  if (input && field) {
    input.type = 'hidden';
    [input.name, input.value] = field;
    form.append(input);
  }
  const before = overrides.map(([name]) => [name, form.getAttribute(name)] as const);
  for (const [name, value] of overrides) form.setAttribute(name, value);
  try {
    submit();
  } finally {
    input?.remove();
    for (const [name, value] of before) value === null ? form.removeAttribute(name) : form.setAttribute(name, value);
  }
}

/** The submission again, as the shopper made it: the same button, the page's own handlers and validation. */
function submitAgain(form: HTMLFormElement, submission: Submission) {
  const button = submission.submitter as HTMLButtonElement | null;
  resubmitted.add(form);
  try {
    if (typeof form.requestSubmit !== 'function') {
      // Safari before 16: a submit event the page's handlers see, then the browser's own submission unless one cancelled it.
      return withStandIn(
        form,
        submission,
        () => form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })) && form.submit(),
      );
    }
    if (button?.isConnected && button.form === form && !button.disabled) return form.requestSubmit(button);
    withStandIn(form, submission, () => form.requestSubmit());
  } catch {
    try {
      form.submit(); // whatever the page did to the form, the checkout goes ahead
    } catch {
      // A form that can be submitted no way at all (gone from the page): nothing more to do.
    }
  } finally {
    resubmitted.delete(form);
  }
}

/**
 * Hands the visitor's fingerprints to the store's server through its own forms: a
 * `<form data-alhena-fingerprints>` that POSTs to the page's origin (or one listed: `handoffRefusal`) gets
 * hidden inputs `alhena_user_fingerprint` and `alhena_faq_fingerprint`, filled as it is submitted. When the widget has not produced them yet, the
 * submission waits up to HANDOFF_WAIT_MS and then goes ahead with or without them: a checkout is never
 * held up for longer. Listens on `window` in the capture phase, ahead of the page's own handlers.
 */
export function startFingerprintForms(win: Window, source: HandoffSource): () => void {
  const onSubmit = (event: Event) => {
    const form = event.target as HTMLFormElement | null;
    try {
      if (form?.nodeName !== 'FORM' || !form.hasAttribute(FORM_ATTRIBUTE) || resubmitted.delete(form)) return;
      const refusal = handoffRefusal(form, (event as SubmitEvent).submitter ?? null, source.origins());
      if (refusal) {
        fill(form, null); // what an earlier submission to this origin filled in goes too
        return source.refused(form, refusal);
      }
      const fingerprints = source.allowed() ? source.read() : null;
      fill(form, fingerprints);
      // Without consent there is nothing to wait for: the form goes ahead without them.
      if (fingerprints || !source.allowed()) return;
    } catch {
      return; // A form this module cannot handle goes ahead as it is.
    }
    // Not there yet: this submission stops here, unseen by the page's handlers, and is made again shortly,
    // whatever happens meanwhile.
    const submission = recordSubmission((event as SubmitEvent).submitter ?? null);
    event.preventDefault();
    event.stopImmediatePropagation();
    void source
      .wait(HANDOFF_WAIT_MS)
      .catch(() => null)
      .then((later) => {
        try {
          fill(form, later);
        } finally {
          if (form.isConnected) submitAgain(form, submission);
        }
      });
  };
  win.addEventListener('submit', onSubmit, true);
  return () => win.removeEventListener('submit', onSubmit, true);
}
