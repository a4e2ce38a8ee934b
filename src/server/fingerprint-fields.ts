import * as v from 'valibot';
import { FINGERPRINT_FIELD_NAMES } from '../events/fingerprint-fields';
import { FingerprintField, type ValidationIssue } from '../events/input';
import type { Fingerprints } from '../types';

/** Where the fields can come from: a raw form body, URLSearchParams or FormData, a parsed body or a metadata record. */
export type FingerprintSource = string | { get(name: string): unknown } | Record<string, unknown>;

export type ReadFingerprints = { ok: true; fingerprints: Fingerprints } | { ok: false; issues: ValidationIssue[] };

/** A field's value from any source; a repeated form field (an array) gives its first value. */
function fieldOf(source: unknown, name: string): unknown {
  if (typeof source === 'string') return new URLSearchParams(source).get(name) ?? undefined;
  if (typeof source !== 'object' || source === null) return undefined;
  const value =
    typeof (source as { get?: unknown }).get === 'function'
      ? (source as { get(n: string): unknown }).get(name)
      : (source as Record<string, unknown>)[name];
  return Array.isArray(value) ? value[0] : (value ?? undefined);
}

/**
 * Reads the two fingerprints the browser handed over (`alhena_user_fingerprint`,
 * `alhena_faq_fingerprint`) back from a request or a payment provider's record, and checks them.
 * @example
 *   const read = readFingerprintFields(session.metadata); // Stripe Checkout
 *   if (read.ok) await alhena.trackCheckout(order, read.fingerprints);
 */
export function readFingerprintFields(source: FingerprintSource): ReadFingerprints {
  const issues: ValidationIssue[] = [];
  const read = (name: string) => {
    const value = fieldOf(source, name);
    if (value === undefined || value === '') {
      issues.push({ path: name, message: 'is missing: the browser handed no fingerprint over (no widget, or no consent)' });
      return '';
    }
    const parsed = v.safeParse(FingerprintField, value);
    if (!parsed.success) issues.push({ path: name, message: parsed.issues[0].message });
    return parsed.success ? parsed.output : '';
  };
  const user = read(FINGERPRINT_FIELD_NAMES.user);
  const faq = read(FINGERPRINT_FIELD_NAMES.faq);
  return issues.length ? { ok: false, issues } : { ok: true, fingerprints: { user, faq } };
}
