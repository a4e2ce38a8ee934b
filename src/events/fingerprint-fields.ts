import type { Fingerprints } from '../types';

/** The names the browser hands the fingerprints over under, in a form or an object, and the server reads back. */
export const FINGERPRINT_FIELD_NAMES = {
  user: 'alhena_user_fingerprint',
  faq: 'alhena_faq_fingerprint',
} as const;

/** The two fingerprints as named fields: a form's hidden inputs, payment-provider metadata, a store's own API call. */
export interface FingerprintFields {
  alhena_user_fingerprint: string;
  alhena_faq_fingerprint: string;
}

export const toFingerprintFields = ({ user, faq }: Fingerprints): FingerprintFields => ({
  [FINGERPRINT_FIELD_NAMES.user]: user,
  [FINGERPRINT_FIELD_NAMES.faq]: faq,
});
