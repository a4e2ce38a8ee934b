import { FINGERPRINT_FIELD_NAMES } from '../events/fingerprint-fields';
import type { Fingerprints } from '../types';

/** How long a form's submission waits for fingerprints the widget has not produced yet. */
export const HANDOFF_WAIT_MS = 1_000;

export interface HandoffSource {
  /** Whether the visitor's consent allows handing the fingerprints over (not while pending or denied). */
  allowed(): boolean;
  /** The fingerprints now, or null (none yet). */
  read(): Fingerprints | null;
  /** The fingerprints once they exist, or null after `ms` (or without consent). */
  wait(ms: number): Promise<Fingerprints | null>;
}

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

/** The submission again, as the shopper made it: the same submit button, the page's own handlers and validation. */
function submitAgain(form: HTMLFormElement, submitter: HTMLElement | null) {
  resubmitted.add(form);
  if (typeof form.requestSubmit === 'function') form.requestSubmit(submitter as HTMLButtonElement | null);
  else if (submitter)
    submitter.click(); // Safari before 16
  else form.submit();
}

/**
 * Hands the visitor's fingerprints to the store's server through its own forms: a
 * `<form data-alhena-fingerprints>` gets hidden inputs `alhena_user_fingerprint` and
 * `alhena_faq_fingerprint`, filled as it is submitted. When the widget has not produced them yet, the
 * submission waits up to HANDOFF_WAIT_MS and then goes ahead with or without them: a checkout is never
 * held up for longer. Listens on `window` in the capture phase, ahead of the page's own handlers.
 */
export function startFingerprintForms(win: Window, source: HandoffSource): () => void {
  const onSubmit = (event: Event) => {
    const form = event.target as HTMLFormElement | null;
    try {
      if (form?.nodeName !== 'FORM' || !form.hasAttribute(FORM_ATTRIBUTE) || resubmitted.delete(form)) return;
      const fingerprints = source.allowed() ? source.read() : null;
      fill(form, fingerprints);
      // Without consent there is nothing to wait for: the form goes ahead without them.
      if (fingerprints || !source.allowed()) return;
    } catch {
      return; // A form this module cannot handle goes ahead as it is.
    }
    // Not there yet: this submission stops here, unseen by the page's handlers, and is made again shortly,
    // whatever happens meanwhile.
    const submitter = (event as SubmitEvent).submitter ?? null;
    event.preventDefault();
    event.stopImmediatePropagation();
    void source
      .wait(HANDOFF_WAIT_MS)
      .catch(() => null)
      .then((later) => {
        try {
          fill(form, later);
        } finally {
          if (form.isConnected) submitAgain(form, submitter);
        }
      });
  };
  win.addEventListener('submit', onSubmit, true);
  return () => win.removeEventListener('submit', onSubmit, true);
}
