export { flush, getFingerprints, init, setConsent, shutdown, trackCartEvent, trackCheckout } from './default-tracker';
export { createTracker } from './tracker';
export type {
  AlhenaCartError,
  CartEventInput,
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
