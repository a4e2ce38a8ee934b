/** The events data-attribute capture listens to (capture/dom-capture.ts). */
const INPUT_EVENTS = ['click', 'submit', 'change'] as const;

/**
 * Runs `start` once: in a task of its own just after this one, or at once if the visitor clicks,
 * submits or changes something first. The listeners are on `window` in the capture phase, so they run
 * before capture's own listeners on `document`, which are therefore in place for that same event.
 */
export function startSoon(start: () => void): void {
  const run = () => {
    clearTimeout(timer);
    for (const type of INPUT_EVENTS) window.removeEventListener(type, run, true);
    start();
  };
  const timer = setTimeout(run, 0);
  for (const type of INPUT_EVENTS) window.addEventListener(type, run, true);
}
