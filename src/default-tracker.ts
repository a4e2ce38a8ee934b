import { createTracker, createTrackerWith } from './tracker';
import type { CartEventInput, CartLineInput, CartProduct, CheckoutInput, Consent, Options, Tracker } from './types';

let instance: Tracker | undefined;
/** Set while the default tracker was created by a module function and `init()` may still configure it. */
let adopt: ((options: Options) => boolean) | undefined;

/**
 * Starts the default tracker that the module functions use. Idempotent: a second call returns
 * the same tracker. A module function called first creates it without options and reads its
 * configuration a task later, so `init(options)` in the same task still configures it; a later
 * `init(options)` is ignored with a warning.
 */
export function init(options?: Options): Tracker {
  if (!instance) {
    instance = createTracker(options);
    return instance;
  }
  if (options && adopt) {
    if (!adopt(options))
      console.warn('[alhena-cart] init: the default tracker had already started without these options; call init() first');
    adopt = undefined;
  }
  return instance;
}

const tracker = (): Tracker =>
  (instance ??= createTrackerWith(
    {},
    {
      adoptLater: (add) => {
        adopt = add;
      },
    },
  ));

export const trackCartEvent = (event: CartEventInput) => tracker().trackCartEvent(event);
export const trackCheckout = (order: CheckoutInput) => tracker().trackCheckout(order);
export const addToCart = (product: CartProduct, quantity?: number) => tracker().addToCart(product, quantity);
export const updateQuantity = (product: CartProduct, quantity: number) => tracker().updateQuantity(product, quantity);
export const removeFromCart = (product: CartProduct) => tracker().removeFromCart(product);
export const syncCart = (items: CartLineInput[]) => tracker().syncCart(items);
export const getFingerprints = () => tracker().getFingerprints();
export const getFingerprintFields = () => tracker().getFingerprintFields();
export const setConsent = (consent: Consent) => tracker().setConsent(consent);
export const flush = () => tracker().flush();
export const shutdown = () => instance?.shutdown();
