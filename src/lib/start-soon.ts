/**
 * Runs `start` once: in a task of its own just after this one, or, while the page is still being
 * parsed, once it has been (its next script may still configure the SDK: `alhenaCart.init()`, and
 * the parser may yield to a task in between); at once if the visitor does one of `events` first
 * (a click, say, that capture must see). Those listeners are on `window` in the capture phase, so they
 * run before the listeners that start adds on `document`, which are therefore in place for that same event.
 */
export function startSoon(start: () => void, events: readonly string[] = []): void {
  const doc = document;
  const run = () => {
    clearTimeout(timer);
    doc.removeEventListener('DOMContentLoaded', run);
    for (const type of events) window.removeEventListener(type, run, true);
    start();
  };
  const parsing = doc.readyState === 'loading';
  const timer = parsing ? undefined : setTimeout(run, 0);
  if (parsing) doc.addEventListener('DOMContentLoaded', run);
  for (const type of events) window.addEventListener(type, run, true);
}
