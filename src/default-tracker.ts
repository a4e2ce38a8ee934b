import { inspect } from './inspector/inspect-hook';
import { openIfAsked, turnInspectorOff } from './inspector/inspection-asked';
import { createLogger } from './lib/logger';
import { startSoon } from './lib/start-soon';
import type { TrackerPlugin } from './tracker/plugin';
import type { AdoptedTracker } from './tracker/setup';
import { buildTracker } from './tracker/tracker';
import type { CartEventInput, CartLineInput, CartProduct, CheckoutInput, Consent, Options, ReportedCartLine, Tracker } from './types';

const logger = /* @__PURE__ */ createLogger();

/**
 * Capture for the main entry, when `autoTrack` or `dataLayer` is on or the page has a fingerprint form: a
 * dynamic import, so that a bundler puts it in a chunk of its own that an app without them never loads.
 * `@alhena/cart-events/capture` includes it from the start instead.
 */
const loadCapture = () => import('./capture/capture-plugin').then((module) => module.capture);
let instance: AdoptedTracker | undefined;
/** Whether `init()` may still configure the default tracker (a module function created it without options). */
let adoptable = false;

/**
 * Starts the default tracker that the module functions use, with `plugins` (the capture entry's `init`
 * passes capture). Idempotent: a second call returns the same tracker. A module function called first
 * creates it without options and reads its configuration a task later, so `init(options)` in the same
 * task still configures it; a later `init(options)` is ignored with a warning.
 */
export function initWith(options: Options | undefined, plugins: TrackerPlugin[]): Tracker {
  if (options?.inspector === false) turnInspectorOff();
  if (!instance) {
    instance = buildTracker(options, { plugins, schedule: startSoon, loadCapture });
    inspectSoonIfAsked();
    return instance;
  }
  if ((options || plugins.length) && adoptable) {
    if (!instance.adopt(options ?? {}, plugins))
      logger.warn('init: the default tracker had already started without these options; call init() first');
  }
  adoptable = false;
  return instance;
}

/** `?alhena-inspect`, or the inspector left open in this tab: opened a task after the default tracker is made. */
const inspectSoonIfAsked = () => {
  if (typeof window !== 'undefined') setTimeout(() => openIfAsked(inspect), 0);
};

/** Starts the default tracker that the module functions use. See the README's API. */
export const init = (options?: Options): Tracker => initWith(options, []);

/** React runs a child's effects before its parent's: `syncCart` may come just before `init`. */
const tracker = (): Tracker => {
  if (!instance) {
    instance = buildTracker({}, { schedule: startSoon, adoptable: true, loadCapture });
    adoptable = true;
    inspectSoonIfAsked();
  }
  return instance;
};

export const trackCartEvent = (event: CartEventInput) => tracker().trackCartEvent(event);
export const trackCheckout = (order: CheckoutInput) => tracker().trackCheckout(order);
export const addToCart = (product: CartProduct, quantity?: number) => tracker().addToCart(product, quantity);
export const updateQuantity = (product: CartProduct, quantity: number) => tracker().updateQuantity(product, quantity);
export const removeFromCart = (product: CartProduct) => tracker().removeFromCart(product);
export const reportCart = (items: ReportedCartLine[]) => tracker().reportCart(items);
export const syncCart = (items: CartLineInput[]) => tracker().syncCart(items);
export const getFingerprints = () => tracker().getFingerprints();
export const getFingerprintFields = () => tracker().getFingerprintFields();
export const setConsent = (consent: Consent) => tracker().setConsent(consent);
export const flush = () => tracker().flush();
export const shutdown = () => instance?.shutdown();

/** An independent tracker with its own options. Most pages use `init` and the module functions instead. */
export const createTracker = (options?: Options): Tracker => buildTracker(options, { schedule: startSoon, loadCapture });
