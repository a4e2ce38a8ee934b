/** The events data-attribute capture listens to (capture/dom-capture.ts). */
const INPUT_EVENTS = ['click', 'submit', 'change'] as const;

/**
 * Runs `start` once: in a task of its own just after this one, or, while the page is still being
 * parsed, once it has been (its next script may still configure the SDK: `alhenaCart.init()`, and
 * the parser may yield to a task in between); at once if the visitor clicks, submits or changes
 * something first. Those listeners are on `window` in the capture phase, so they run before
 * capture's own listeners on `document`, which are therefore in place for that same event.
 */
export function startSoon(start: () => void): void {
  const doc = document;
  const run = () => {
    clearTimeout(timer);
    doc.removeEventListener('DOMContentLoaded', run);
    for (const type of INPUT_EVENTS) window.removeEventListener(type, run, true);
    start();
  };
  const parsing = doc.readyState === 'loading';
  const timer = parsing ? undefined : setTimeout(run, 0);
  if (parsing) doc.addEventListener('DOMContentLoaded', run);
  for (const type of INPUT_EVENTS) window.addEventListener(type, run, true);
}
