export {
  addToCart,
  flush,
  getFingerprints,
  init,
  removeFromCart,
  setConsent,
  shutdown,
  syncCart,
  trackCartEvent,
  trackCheckout,
  updateQuantity,
} from './default-tracker';
export { createTracker } from './tracker';
export type {
  AlhenaCartError,
  CartEventInput,
  CartLineInput,
  CartProduct,
  CheckoutInput,
  Consent,
  Fingerprints,
  Options,
  Region,
  Tracker,
  TrackResult,
  TrackStatus,
  ValidationIssue,
} from './types';
