import { createTracker } from './tracker';
import type { CartEventInput, CartLineInput, CartProduct, CheckoutInput, Consent, Options, Tracker } from './types';

let instance: Tracker | undefined;

/**
 * Starts the default tracker that the module functions use. Idempotent: a second call returns
 * the same tracker. Calling a module function first starts it with no options (the Alhena
 * widget's `document.gleenConfig` supplies the company key).
 */
export function init(options?: Options): Tracker {
  instance ??= createTracker(options);
  return instance;
}

export const trackCartEvent = (event: CartEventInput) => init().trackCartEvent(event);
export const trackCheckout = (order: CheckoutInput) => init().trackCheckout(order);
export const addToCart = (product: CartProduct, quantity?: number) => init().addToCart(product, quantity);
export const updateQuantity = (product: CartProduct, quantity: number) => init().updateQuantity(product, quantity);
export const removeFromCart = (product: CartProduct) => init().removeFromCart(product);
export const syncCart = (items: CartLineInput[]) => init().syncCart(items);
export const getFingerprints = () => init().getFingerprints();
export const setConsent = (consent: Consent) => init().setConsent(consent);
export const flush = () => init().flush();
export const shutdown = () => instance?.shutdown();
