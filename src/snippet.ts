// The pre-load snippet (dist/alhena-cart.snippet.min.js), pasted inline above the tag or served as a file:
// `alhenaCart.trackCartEvent(…)` and the other methods work before the tag has loaded. Each call queues
// `[name, ...args]` with the resolver of the promise it returns; the tag replays the queue in order and
// resolves each promise with what the real method answered. Nothing else: every byte here is on the page.
import type { Tracker } from './types';

/** The tag's methods (src/script-tag.ts METHODS) and `init`; the type below fails to compile if one is missing. */
const STUBBED = [
  'init',
  'trackCartEvent',
  'trackCheckout',
  'addToCart',
  'updateQuantity',
  'removeFromCart',
  'reportCart',
  'syncCart',
  'getFingerprints',
  'getFingerprintFields',
  'setConsent',
  'flush',
  'shutdown',
] as const satisfies readonly (keyof Tracker | 'init')[];
type Listed<Missing extends never> = Missing;
export type AllMethodsStubbed = Listed<Exclude<keyof Tracker, (typeof STUBBED)[number]>>;

type Queue = unknown[] & Record<string, unknown>;
const page = window as unknown as { alhenaCart?: unknown };
page.alhenaCart ??= [];
const queue = page.alhenaCart as Queue;
// Not an array: the tag has run already, and its methods are the real ones.
if (Array.isArray(queue))
  for (const name of STUBBED)
    queue[name] = (...args: unknown[]) =>
      page.alhenaCart === queue
        ? new Promise((resolve) => queue.push(Object.assign([name, ...args], { resolve })))
        : // Kept from before the tag loaded (`const cart = alhenaCart`): the call goes to the tag itself.
          (page.alhenaCart as Record<string, (...a: unknown[]) => unknown>)[name](...args);
