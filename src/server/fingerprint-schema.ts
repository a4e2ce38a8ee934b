// The fingerprints as a store's server hands them back (in the browser they come from the widget itself).
import * as v from 'valibot';
import { type Validated, validate } from '../events/input';
import { object } from '../lib/schema';
import type { Fingerprints } from '../types';
/**
 * One of the widget's two fingerprints (UUIDs today), as a store's server hands them back: printable
 * ASCII without spaces, at most 256 characters. In the browser they come from the widget itself.
 */
export const FingerprintField = v.pipe(
  v.string((issue) =>
    issue.input === undefined ? 'is required: the value the Alhena widget gave in the shopper’s browser' : 'must be a string',
  ),
  v.trim(),
  v.nonEmpty('must not be empty'),
  // What a missing value becomes when a pipeline writes it as text (`String(undefined)`).
  v.check(
    (text) => !/^(undefined|null)$/i.test(text),
    'is the text "undefined" or "null": the fingerprint was missing where it was written',
  ),
  v.maxLength(256, 'must be at most 256 characters'),
  v.regex(/^[!-~]*$/, 'must be the widget’s fingerprint: no spaces or other characters outside printable ASCII'),
);

/** The visitor's two fingerprints, `{ user, faq }`, as the server entry takes them. */
export const FingerprintsSchema = object(
  { user: FingerprintField, faq: FingerprintField },
  'must be an object { user, faq } holding the widget’s two fingerprints',
);

export const validateFingerprints = (input: unknown): Validated<Fingerprints> => validate(FingerprintsSchema, input);
