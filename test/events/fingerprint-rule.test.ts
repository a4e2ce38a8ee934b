// One rule for what a fingerprint may be, at both ends (fingerprintProblem): the server's reading of what the
// browser handed over applies it, and reads a plain record by its own properties only.
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintProblem } from '../../src/events/fingerprint-fields';
import { readFingerprintFields } from '../../src/server/fingerprint-fields';
import { validateFingerprints } from '../../src/server/fingerprint-schema';

const USER = '8b5e0c1e-3f7a-4a8e-9d7b-1c2d3e4f5a6b';
const FAQ = 'c0ffee00-1234-4abc-8def-0123456789ab';
const proto = Object.prototype as unknown as Record<string, unknown>;

afterEach(() => {
  delete proto.alhena_user_fingerprint;
  delete proto.alhena_faq_fingerprint;
  delete proto.getAll;
});

describe('the fingerprint rule both ends share', () => {
  it.each([
    ['', 'must not be empty'],
    ['undefined', 'is the text "undefined" or "null": the fingerprint was missing where it was written'],
    ['u'.repeat(257), 'must be at most 256 characters'],
    ['a b', 'must be the widget’s fingerprint: no spaces or other characters outside printable ASCII'],
    ['é', 'must be the widget’s fingerprint: no spaces or other characters outside printable ASCII'],
  ])('refuses %j: %s', (value, message) => {
    expect(fingerprintProblem(value)).toBe(message);
    expect(validateFingerprints({ user: value, faq: FAQ })).toEqual({ ok: false, issues: [{ path: 'user', message }] });
  });

  it('takes a widget value, trimmed, up to 256 characters', () => {
    expect(fingerprintProblem(USER)).toBeUndefined();
    expect(fingerprintProblem('u'.repeat(256))).toBeUndefined();
    expect(validateFingerprints({ user: ` ${USER} `, faq: FAQ })).toEqual({ ok: true, data: { user: USER, faq: FAQ } });
  });
});

describe('readFingerprintFields reads own properties only', () => {
  it('a polluted Object.prototype supplies no field', () => {
    proto.alhena_user_fingerprint = USER;
    proto.alhena_faq_fingerprint = FAQ;
    const read = readFingerprintFields({});
    expect(read.ok).toBe(false);
    expect(readFingerprintFields(Object.create({ alhena_user_fingerprint: USER, alhena_faq_fingerprint: FAQ })).ok).toBe(false);
  });

  // (A polluted `get` breaks every property descriptor in the process, the test runner's too; `getAll` takes its place.)
  it('a polluted Object.prototype.getAll is not called on a plain record', () => {
    proto.getAll = () => [USER];
    const read = readFingerprintFields({ alhena_user_fingerprint: USER });
    expect(read).toMatchObject({ ok: false, issues: [{ path: 'alhena_faq_fingerprint' }] });
  });

  it('still reads a record’s own fields, URLSearchParams, FormData, a Map and a form body', () => {
    const fields = { alhena_user_fingerprint: USER, alhena_faq_fingerprint: FAQ };
    const expected = { ok: true, fingerprints: { user: USER, faq: FAQ } };
    expect(readFingerprintFields(fields)).toEqual(expected);
    expect(readFingerprintFields(new URLSearchParams(fields))).toEqual(expected);
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    expect(readFingerprintFields(form)).toEqual(expected);
    expect(readFingerprintFields(new Map(Object.entries(fields)))).toEqual(expected);
    expect(readFingerprintFields(new URLSearchParams(fields).toString())).toEqual(expected);
  });
});
