// The server entry, `@alhena/cart-events/server`: reports events from the store's own server with the
// fingerprints the shopper's browser handed over. No DOM, no storage: Node 20+ or any runtime with fetch.
export { FINGERPRINT_FIELD_NAMES, type FingerprintFields } from './events/fingerprint-fields';
export type { ValidationIssue } from './events/input';
export { type FingerprintSource, type ReadFingerprints, readFingerprintFields } from './server/fingerprint-fields';
export {
  createServerClient,
  type ServerClient,
  type ServerTrackResult,
  type ServerTrackStatus,
} from './server/server-client';
export type { AbortSignalLike, FetchLike, ServerCallOptions, ServerClientOptions } from './server/server-options';
export type { CartEventInput, CheckoutInput, Fingerprints, Region } from './types';
