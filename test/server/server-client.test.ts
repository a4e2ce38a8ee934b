// The server entry against a real local HTTP server: the API sandbox (sandbox/), not a mocked fetch.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index.mjs';
import { createServerClient, readFingerprintFields, type ServerClientOptions } from '../../src/server';
import { REMEMBERED_ORDER_CHARS } from '../../src/server/server-client';
import { CART, CART_BODY, FP } from './local-server';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
const ORDER = {
  orderId: 'ORD-1',
  value: 159.98,
  currency: 'USD',
  lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 2, value: 159.98 }],
};

let api: Sandbox;
beforeEach(async () => {
  api = await startSandbox({ port: 0 });
});
afterEach(async () => {
  await api.close();
});

const client = (options: Partial<ServerClientOptions> = {}) => createServerClient({ companyKey: 'acme', apiBaseUrl: api.url, ...options });
const statuses = () => api.requests().map((r) => (r.answer && 'status' in r.answer ? r.answer.status : 'dropped'));

describe('createServerClient', () => {
  it('sends the exact wire bodies, with the fingerprints it is given, and answers recorded', async () => {
    const alhena = client();
    expect(await alhena.trackCartEvent(CART, FP)).toMatchObject({ status: 'recorded', attempts: 1 });
    expect(await alhena.trackCheckout(ORDER, FP)).toMatchObject({ status: 'recorded', attempts: 1 });
    expect(api.requests().map((r) => [r.path, r.body])).toStrictEqual([
      ['/analytics/cart_events', CART_BODY],
      [
        '/analytics/checkout_events',
        {
          company_key: 'acme',
          user_fingerprint: FP.user,
          user_faq_fingerprint: FP.faq,
          value: 159.98,
          currency: 'USD',
          orderId: 'ORD-1',
          order_id: 'ORD-1',
          line_items: [{ product_id: 'SKU-1', product_name: 'Shoe', quantity: 2, value: 159.98, currency: 'USD' }],
        },
      ],
    ]);
    expect(api.requests().map((r) => r.contentType)).toEqual(['application/json', 'application/json']);
  });

  it('retries three 503s and records the event once', async () => {
    api.addFaults({ kind: 'status', status: 503, count: 3 });
    expect(await client().trackCartEvent(CART, FP)).toMatchObject({ status: 'recorded', attempts: 4 });
    expect(statuses()).toEqual([503, 503, 503, 200]);
    const at = api.requests().map((r) => r.at);
    // Backoff: at least half of 1 s, 2 s, 4 s.
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(450);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(950);
    expect(at[3] - at[2]).toBeGreaterThanOrEqual(1_950);
  });

  // The browser's queue takes a 408 as final (the contract); one server call tries it again within its bound.
  it('retries a 408, and answers failed, not rejected, when the retries run out on it', async () => {
    api.addFaults({ kind: 'status', status: 408, count: 3 });
    const alhena = client({ retry: 1 });
    expect(await alhena.trackCartEvent(CART, FP)).toMatchObject({ status: 'failed', code: 'HTTP_408', attempts: 2 });
    expect(await alhena.trackCartEvent(CART, FP)).toMatchObject({ status: 'recorded', attempts: 2 });
    expect(statuses()).toEqual([408, 408, 408, 200]);
  });

  it('retries every 5xx, also one ky would not by default (501)', async () => {
    api.addFaults({ kind: 'status', status: 501, count: 1 });
    expect(await client().trackCartEvent(CART, FP)).toMatchObject({ status: 'recorded', attempts: 2 });
    expect(statuses()).toEqual([501, 200]);
  });

  it('waits as long as a 429’s Retry-After says: 2 s', async () => {
    api.addFaults({ kind: 'status', status: 429, retryAfter: '2', count: 1 });
    expect(await client().trackCartEvent(CART, FP)).toMatchObject({ status: 'recorded', attempts: 2 });
    const [limited, retried] = api.requests();
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(1_950);
    // Not the backoff's own longer waits, nor the bound: the 2 s it was told (a loaded machine adds a little).
    expect(retried.at - limited.at).toBeLessThan(4_000);
  });

  it.each([
    ['COMPANY_NOT_FOUND', 'rejected'],
    ['MISSING_REQUIRED_FIELDS', 'rejected'],
    ['ACTIVE_TICKET_NOT_FOUND', 'not_attributed'],
    ['ORDER_ALREADY_EXISTS', 'duplicate'],
  ])('takes the 4xx answer %s as final: one request, answered %s', async (code, status) => {
    api.addFaults({ kind: 'code', code, count: 1 });
    expect(await client().trackCheckout(ORDER, FP)).toMatchObject({ status, code, attempts: 1 });
    expect(api.requests()).toHaveLength(1);
  });

  it('answers failed, with the last status, when the retries run out; the job queue may report it again', async () => {
    api.addFaults({ kind: 'status', status: 503, count: 2 });
    const alhena = client({ retry: 1 });
    expect(await alhena.trackCheckout(ORDER, FP)).toMatchObject({ status: 'failed', code: 'HTTP_503', attempts: 2 });
    // The order was not reported: the same client sends it when asked again.
    expect(await alhena.trackCheckout(ORDER, FP)).toMatchObject({ status: 'recorded', attempts: 1 });
    expect(statuses()).toEqual([503, 503, 200]);
  });

  it('does not start a wait that would end past the call’s bound: a long Retry-After answers failed at once', async () => {
    api.addFaults({ kind: 'status', status: 429, retryAfter: '120', count: 1 });
    const started = Date.now();
    expect(await client().trackCartEvent(CART, FP)).toMatchObject({ status: 'failed', code: 'HTTP_429', attempts: 1 });
    // At once, not after the 30 s bound nor the 120 s it was told.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('gives up on a server that never answers within the bound on the whole call', async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const started = Date.now();
      const result = await createServerClient({
        companyKey: 'acme',
        apiBaseUrl: url,
        timeout: 300,
        retry: { limit: 10, totalTimeout: 1_500 },
      }).trackCartEvent(CART, FP);
      const elapsed = Date.now() - started;
      expect(result).toMatchObject({ status: 'failed', code: 'TIMEOUT' });
      // Attempts of 300 ms and the waits between them, until the next one could not end within 1.5 s.
      expect(result.attempts).toBeGreaterThanOrEqual(2);
      expect(elapsed).toBeGreaterThanOrEqual(600);
      expect(elapsed).toBeLessThanOrEqual(1_600);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('keeps each attempt within what is left of the bound, even when one attempt may take longer', async () => {
    api.addFaults({ kind: 'delay', ms: 60_000, count: 1 });
    const started = Date.now();
    const result = await client({ timeout: 10_000, retry: { totalTimeout: 1_000 } }).trackCartEvent(CART, FP);
    expect(result).toMatchObject({ status: 'failed', code: 'TIMEOUT', attempts: 1 });
    // Well under the attempt's own 10 s: the bound ended it (a loaded machine may add a second or two).
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('keeps to the bound after a retry that followed an HTTP error’s Retry-After', async () => {
    api.addFaults([
      { kind: 'status', status: 503, retryAfter: '1', count: 1 },
      { kind: 'delay', ms: 60_000, count: 1 },
    ]);
    const started = Date.now();
    const result = await client({ timeout: 5_000, retry: { totalTimeout: 2_500 } }).trackCartEvent(CART, FP);
    expect(result).toMatchObject({ status: 'failed', code: 'TIMEOUT', attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_400);
    // Under the 1 s + 5 s the second attempt alone would take: the bound ended it.
    expect(Date.now() - started).toBeLessThan(5_500);
  });

  it('leaves an unreadable Retry-After to the backoff, rather than wait out the bound', async () => {
    api.addFaults({ kind: 'status', status: 429, retryAfter: 'soon', count: 1 });
    const started = Date.now();
    expect(await client().trackCartEvent(CART, FP)).toMatchObject({ status: 'recorded', attempts: 2 });
    // The backoff's 0.5–1 s, far from the 30 s bound it would otherwise have waited out.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reports an order again after the API rejected it (data since fixed), and never twice what the API has', async () => {
    api.addFaults({ kind: 'code', code: 'MISSING_REQUIRED_FIELDS', count: 1 });
    const alhena = client();
    expect(await alhena.trackCheckout(ORDER, FP)).toMatchObject({ status: 'rejected', code: 'MISSING_REQUIRED_FIELDS' });
    expect(await alhena.trackCheckout(ORDER, FP)).toMatchObject({ status: 'recorded', attempts: 1 });
    expect(await alhena.trackCheckout(ORDER, FP)).toMatchObject({ status: 'duplicate', attempts: 0 });
    expect(statuses()).toEqual([400, 200]);
  });

  it('gives reports of one order made while the first is under way that first report’s fate, without requests of their own', async () => {
    api.addFaults({ kind: 'status', status: 503, count: 2 });
    const alhena = client({ retry: 1 });
    const results = await Promise.all([alhena.trackCheckout(ORDER, FP), alhena.trackCheckout(ORDER, FP), alhena.trackCheckout(ORDER, FP)]);
    expect(results.map((r) => [r.status, r.code, r.attempts])).toEqual([
      ['failed', 'HTTP_503', 2],
      ['failed', 'HTTP_503', 0],
      ['failed', 'HTTP_503', 0],
    ]);
    expect(statuses()).toEqual([503, 503]);
  });

  it('sends nothing for invalid input or invalid fingerprints, naming each bad field', async () => {
    const alhena = client();
    expect(await alhena.trackCartEvent({ ...CART, value: -1 }, FP)).toMatchObject({
      status: 'invalid',
      code: 'INVALID_INPUT',
      attempts: 0,
      issues: [{ path: 'value', message: 'must be 0 or more' }],
    });
    const badFingerprints = await alhena.trackCheckout(ORDER, { user: '', faq: 'has spaces in it' });
    expect(badFingerprints).toMatchObject({ status: 'invalid', attempts: 0 });
    expect(badFingerprints.issues?.map((issue) => issue.path)).toEqual(['fingerprints.user', 'fingerprints.faq']);
    expect(await alhena.trackCartEvent(CART, undefined as never)).toMatchObject({
      status: 'invalid',
      issues: [{ path: 'fingerprints', message: expect.stringContaining('{ user, faq }') }],
    });
    expect(api.requests()).toHaveLength(0);
    // The same client still sends a valid event.
    expect(await alhena.trackCartEvent(CART, FP)).toMatchObject({ status: 'recorded' });
    expect(api.requests()).toHaveLength(1);
  });

  it('remembers order ids up to about a million characters in all, forgetting the oldest first', async () => {
    let requests = 0;
    const fetch = async () => {
      requests++;
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const alhena = createServerClient({ companyKey: 'acme', apiBaseUrl: 'https://api.example', fetch });
    const id = (i: number) => `${String(i).padStart(6, '0')}${'o'.repeat(250)}`; // 256 characters
    const ids = Math.ceil(REMEMBERED_ORDER_CHARS / 256) + 10;
    for (let i = 0; i < ids; i++) await alhena.trackCheckout({ ...ORDER, orderId: id(i) }, FP);
    expect(requests).toBe(ids);
    // The newest are still known: no request. The oldest were forgotten: a request again.
    expect(await alhena.trackCheckout({ ...ORDER, orderId: id(ids - 1) }, FP)).toMatchObject({ status: 'duplicate', attempts: 0 });
    expect(await alhena.trackCheckout({ ...ORDER, orderId: id(0) }, FP)).toMatchObject({ status: 'recorded', attempts: 1 });
    expect(requests).toBe(ids + 1);
  });

  it('answers an order id it already reported duplicate, without a request, also while the first report is under way', async () => {
    api.addFaults({ kind: 'delay', ms: 300, count: 1 });
    const alhena = client();
    const [first, concurrent] = await Promise.all([alhena.trackCheckout(ORDER, FP), alhena.trackCheckout(ORDER, FP)]);
    expect(first).toMatchObject({ status: 'recorded', attempts: 1 });
    expect(concurrent).toMatchObject({ status: 'duplicate', code: 'ORDER_ALREADY_TRACKED', attempts: 0 });
    expect(await alhena.trackCheckout(ORDER, FP)).toMatchObject({ status: 'duplicate', attempts: 0 });
    expect(await alhena.trackCheckout({ ...ORDER, orderId: 'ORD-2' }, FP)).toMatchObject({ status: 'recorded' });
    expect(api.requests().map((r) => (r.body as { orderId: string }).orderId)).toEqual(['ORD-1', 'ORD-2']);
  });

  it('throws at creation on invalid options, naming each one', () => {
    expect(() => createServerClient({ companyKey: '' })).toThrow(/companyKey must not be empty/);
    expect(() => createServerClient({ companyKey: 'acme', region: 'asia' as 'us', apiBaseUrl: 'ftp://x' })).toThrow(
      /region must be "us" or "eu".*apiBaseUrl must be an absolute http\(s\) URL/,
    );
    expect(() => createServerClient({ companyKey: 'acme', retry: -1 })).toThrow(/retry/);
    expect(() => createServerClient({ companyKey: 'acme', apiBaseURL: 'https://proxy.example' } as never)).toThrow(
      /apiBaseURL is not an option \(did you mean apiBaseUrl\?\)/,
    );
    expect(() => createServerClient({ companyKey: 'acme', retry: { limt: 2 } } as never)).toThrow(/retry\.limt is not an option/);
    expect(() => createServerClient({ companyKey: 'acme', timeout: 3e9 })).toThrow(/timeout must be at most 2147483647/);
  });
});

describe('readFingerprintFields', () => {
  const fields = { alhena_user_fingerprint: FP.user, alhena_faq_fingerprint: FP.faq };

  it.each([
    ['a raw form body', new URLSearchParams(fields).toString()],
    ['URLSearchParams', new URLSearchParams(fields)],
    ['FormData', toFormData(fields)],
    ['a parsed body', { ...fields, email: 'ada@example.com' }],
    ['Stripe metadata', { order_id: 'ORD-1', ...fields }],
    ['a body with repeated fields', { alhena_user_fingerprint: [FP.user, 'x'], alhena_faq_fingerprint: [FP.faq] }],
  ])('reads the fingerprints from %s', (_, source) => {
    expect(readFingerprintFields(source as never)).toEqual({ ok: true, fingerprints: FP });
  });

  it('takes a repeated field’s first value that is not empty, and reads a JSON body left unparsed', () => {
    expect(readFingerprintFields(`alhena_user_fingerprint=&alhena_user_fingerprint=${FP.user}&alhena_faq_fingerprint=${FP.faq}`)).toEqual({
      ok: true,
      fingerprints: FP,
    });
    expect(readFingerprintFields(JSON.stringify(fields))).toEqual({ ok: true, fingerprints: FP });
  });

  it('refuses "undefined" written as text, a number, and a source that throws, naming the field', () => {
    const read = readFingerprintFields({ alhena_user_fingerprint: 'undefined', alhena_faq_fingerprint: 42 });
    expect(read).toEqual({
      ok: false,
      issues: [
        { path: 'alhena_user_fingerprint', message: expect.stringContaining('"undefined"') },
        { path: 'alhena_faq_fingerprint', message: 'must be a string' },
      ],
    });
    // A class instance answers through its `get` (a plain record is read by its own properties only).
    const throwing = new (class {
      get() {
        throw new Error('closed');
      }
    })();
    expect(readFingerprintFields(throwing)).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('closed') }, {}] });
  });

  it('names each missing or malformed field', () => {
    expect(readFingerprintFields({ alhena_faq_fingerprint: 'two words' })).toEqual({
      ok: false,
      issues: [
        { path: 'alhena_user_fingerprint', message: expect.stringContaining('is missing') },
        { path: 'alhena_faq_fingerprint', message: expect.stringContaining('no spaces') },
      ],
    });
  });
});

function toFormData(record: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(record)) form.append(name, value);
  return form;
}
