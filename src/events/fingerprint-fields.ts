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

/**
 * What a fingerprint may be, one rule for both ends (the browser reading the widget, the server reading what
 * the browser handed over): once trimmed, non-empty printable ASCII without spaces, at most 256 characters,
 * and not the text a missing value becomes (`"undefined"`, `"null"`). Answers what is wrong, or undefined.
 */
export function fingerprintProblem(trimmed: string): string | undefined {
  if (!trimmed) return 'must not be empty';
  if (/^(undefined|null)$/i.test(trimmed)) return 'is the text "undefined" or "null": the fingerprint was missing where it was written';
  if (trimmed.length > 256) return 'must be at most 256 characters';
  if (!/^[!-~]*$/.test(trimmed)) return 'must be the widget’s fingerprint: no spaces or other characters outside printable ASCII';
  return undefined;
}
