import * as v from 'valibot';
import { FINGERPRINT_FIELD_NAMES } from '../events/fingerprint-fields';
import type { ValidationIssue } from '../events/input';
import type { Fingerprints } from '../types';
import { FingerprintField } from './fingerprint-schema';

/** Where the fields can come from: a raw form body, URLSearchParams or FormData, a parsed body or a metadata record. */
export type FingerprintSource = string | { get(name: string): unknown } | Record<string, unknown>;

export type ReadFingerprints = { ok: true; fingerprints: Fingerprints } | { ok: false; issues: ValidationIssue[] };

/** Every value a source holds under `name`: repeated form fields, a parsed body's array, a record's one value. */
function valuesOf(source: unknown, name: string): unknown[] {
  if (typeof source === 'string') {
    const text = source.trim();
    if (text.startsWith('{')) {
      try {
        return valuesOf(JSON.parse(text), name); // a JSON body left unparsed
      } catch {
        // A form body after all.
      }
    }
    return new URLSearchParams(text).getAll(name);
  }
  if (typeof source !== 'object' || source === null) return [];
  // A plain record (a parsed body, a payment provider's metadata) is read by its own properties only: a polluted
  // Object.prototype supplies neither a field nor a `get`. Class instances (URLSearchParams, FormData, Map,
  // Headers) answer through their methods.
  const prototype = Object.getPrototypeOf(source);
  const plain = prototype === Object.prototype || prototype === null;
  const methods = plain ? undefined : (source as { getAll?: unknown; get?: unknown });
  const getAll = methods?.getAll;
  const get = methods?.get;
  if (typeof getAll === 'function') return getAll.call(source, name);
  const value =
    typeof get === 'function'
      ? get.call(source, name)
      : Object.getOwnPropertyDescriptor(source, name) // own properties only (in ES2021, as the server build is)
        ? (source as Record<string, unknown>)[name]
        : undefined;
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** The field's first value that is not empty (a form may carry an empty copy of it first). */
function fieldOf(source: unknown, name: string): unknown {
  return valuesOf(source, name).find((value) => value !== '' && value !== undefined && value !== null);
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
    let value: unknown;
    try {
      value = fieldOf(source, name);
    } catch (error) {
      issues.push({ path: name, message: `could not be read from the source: ${String(error)}` });
      return '';
    }
    if (value === undefined) {
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
