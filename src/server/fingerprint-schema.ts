// The fingerprints as a store's server hands them back (in the browser they come from the widget itself).
import * as v from 'valibot';
import { fingerprintProblem } from '../events/fingerprint-fields';
import { type Validated, validate } from '../events/input';
import { object } from '../lib/schema';
import type { Fingerprints } from '../types';
/** One of the widget's two fingerprints (UUIDs today), as a store's server hands them back, by the rule both ends share. */
export const FingerprintField = v.pipe(
  v.string((issue) =>
    issue.input === undefined ? 'is required: the value the Alhena widget gave in the shopper’s browser' : 'must be a string',
  ),
  v.trim(),
  v.rawCheck(({ dataset, addIssue }) => {
    const problem = dataset.typed ? fingerprintProblem(dataset.value) : undefined;
    if (problem) addIssue({ message: problem });
  }),
);

/** The visitor's two fingerprints, `{ user, faq }`, as the server entry takes them. */
export const FingerprintsSchema = object(
  { user: FingerprintField, faq: FingerprintField },
  'must be an object { user, faq } holding the widget’s two fingerprints',
);

export const validateFingerprints = (input: unknown): Validated<Fingerprints> => validate(FingerprintsSchema, input);
