// One server call's life against real local HTTP servers: its bound, its signal, its turn behind
// maxConcurrent, and the connections it leaves behind.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServerClient, type ServerClientOptions } from '../../src/server';
import { answerAfter, CART, CART_BODY, FP, type LocalServer, startLocalServer, trickle } from './local-server';

const ORDER = {
  orderId: 'ORD-1',
  value: 79.99,
  currency: 'USD',
  lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 79.99 }],
};
/** Longer than any test runs: a call that waits for it fails by the test's own timeout. */
const LONG_MS = 120_000;

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function serve(answer: Parameters<typeof startLocalServer>[0]) {
  const server = await startLocalServer(answer);
  servers.push(server);
  return server;
}
const clientOf = (server: LocalServer, options: Partial<ServerClientOptions> = {}) =>
  createServerClient({ companyKey: 'acme', apiBaseUrl: server.url, ...options });
/**
 * Node's fetch, keeping every response it returns, as a tracing wrapper might: an answer left unread is then
 * closed by the SDK or never, not by the garbage collector (Node's fetch cancels an unreachable body).
 */
function keepingResponses() {
  const held: unknown[] = [];
  const fetch = async (input: never, init?: never) => {
    const response = await globalThis.fetch(input, init);
    held.push(response);
    return response;
  };
  return { fetch, held };
}
/** Resolves once `server` has received `count` requests. */
const received = (server: LocalServer, count: number) => vi.waitFor(() => expect(server.bodies).toHaveLength(count), { timeout: 5_000 });

describe('an answer whose body stalls', () => {
  // The status line came: the API has the event. The body is read until the bound, then cancelled: only a
  // cancelled read closes the connection (an abandoned `text()` left all 50 sockets open, buffering).
  it('closes every connection at the bound, keeping each call’s status', async () => {
    const api = await serve((response) => trickle(response));
    const alhena = clientOf(api, { timeout: 500, retry: { totalTimeout: 5_000 }, fetch: keepingResponses().fetch });
    const results = await Promise.all(Array.from({ length: 8 }, () => alhena.trackCartEvent(CART, FP)));
    expect(results.map((r) => [r.status, r.attempts])).toEqual(Array(8).fill(['recorded', 1]));
    expect(api.bodies).toEqual(Array(8).fill(CART_BODY));
    await vi.waitFor(() => expect(api.openRequestSockets()).toBe(0), { timeout: 2_000 });
    await vi.waitFor(() => expect(api.openSockets()).toBe(0), { timeout: 8_000 });
  });

  it('closes the connection of an answer it retries, whose body it never reads', async () => {
    const api = await serve((response, count) => (count === 1 ? trickle(response, 503) : answerAfter(0)(response)));
    const traced = keepingResponses();
    const result = await clientOf(api, { fetch: traced.fetch }).trackCartEvent(CART, FP);
    expect(result).toMatchObject({ status: 'recorded', attempts: 2 });
    expect(traced.held).toHaveLength(2);
    expect(api.bodies).toEqual([CART_BODY, CART_BODY]);
    // The 503's connection closes; the 200's may stay in the pool for the next request.
    await vi.waitFor(() => expect(api.openRequestSockets()).toBeLessThanOrEqual(1), { timeout: 2_000 });
  });

  it('closes the connection when the caller aborts while the body arrives', async () => {
    const api = await serve((response) => trickle(response));
    const controller = new AbortController();
    const alhena = clientOf(api, { timeout: LONG_MS, retry: { totalTimeout: LONG_MS }, fetch: keepingResponses().fetch });
    const pending = alhena.trackCartEvent(CART, FP, {
      signal: controller.signal,
    });
    await received(api, 1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a few bytes in
    controller.abort();
    expect(await pending).toMatchObject({ status: 'failed', code: 'ABORTED', attempts: 1 });
    await vi.waitFor(() => expect(api.openRequestSockets()).toBe(0), { timeout: 2_000 });
  });
});

describe('a call’s own bound: totalTimeout', () => {
  it('replaces the client’s bound with a shorter one', async () => {
    const api = await serve(() => {}); // never answers
    const alhena = clientOf(api, { timeout: LONG_MS, retry: { totalTimeout: LONG_MS } });
    expect(await alhena.trackCartEvent(CART, FP, { totalTimeout: 300 })).toMatchObject({ status: 'failed', code: 'TIMEOUT', attempts: 1 });
    expect(api.bodies).toEqual([CART_BODY]);
  });

  it('replaces the client’s bound with a longer one', async () => {
    const api = await serve(answerAfter(600));
    const alhena = clientOf(api, { retry: { limit: 0, totalTimeout: 200 } });
    expect(await alhena.trackCartEvent(CART, FP, { totalTimeout: 10_000 })).toMatchObject({ status: 'recorded', attempts: 1 });
    expect(await alhena.trackCartEvent(CART, FP)).toMatchObject({ status: 'failed', code: 'TIMEOUT', attempts: 1 });
    expect(api.bodies).toEqual([CART_BODY, CART_BODY]);
  });

  it('counts the time spent waiting for a turn: a call whose bound ends in the queue is never sent', async () => {
    const api = await serve(answerAfter(1_500));
    const alhena = clientOf(api, { maxConcurrent: 1 });
    const first = alhena.trackCartEvent(CART, FP);
    const queued = alhena.trackCartEvent({ ...CART, productId: 'SKU-2' }, FP, { totalTimeout: 300 });
    expect(await queued).toMatchObject({ status: 'failed', code: 'TIMEOUT', attempts: 0 });
    expect(await first).toMatchObject({ status: 'recorded', attempts: 1 });
    expect(api.bodies).toEqual([CART_BODY]);
  });

  it('answers invalid, sending nothing, for call options that are not { signal?, totalTimeout? }', async () => {
    const api = await serve(answerAfter(0));
    const alhena = clientOf(api);
    const results = await Promise.all([
      alhena.trackCartEvent(CART, FP, { totalTimeout: 0 }),
      alhena.trackCheckout(ORDER, FP, { signal: 'stop' as never, totalTimout: 5_000 } as never),
      alhena.trackCartEvent(CART, FP, 42 as never),
    ]);
    expect(results.map((r) => [r.status, r.attempts, r.issues?.map((issue) => issue.path)])).toEqual([
      ['invalid', 0, ['options.totalTimeout']],
      ['invalid', 0, ['options.signal', 'options.totalTimout']],
      ['invalid', 0, ['options']],
    ]);
    expect(api.bodies).toEqual([]);
    expect(await alhena.trackCartEvent(CART, FP, {})).toMatchObject({ status: 'recorded' });
    expect(api.bodies).toEqual([CART_BODY]);
  });
});

describe('a call’s signal', () => {
  it('ends a call whose signal is already aborted at once, sending nothing', async () => {
    const api = await serve(answerAfter(0));
    const alhena = clientOf(api);
    const signal = AbortSignal.abort();
    expect(await alhena.trackCartEvent(CART, FP, { signal })).toMatchObject({ status: 'failed', code: 'ABORTED', attempts: 0 });
    expect(await alhena.trackCheckout(ORDER, FP, { signal })).toMatchObject({ status: 'failed', code: 'ABORTED', attempts: 0 });
    expect(api.bodies).toEqual([]);
    expect(await alhena.trackCheckout(ORDER, FP)).toMatchObject({ status: 'recorded' });
    expect(api.bodies).toHaveLength(1);
  });

  it('ends a call at once when aborted during a request, the order free to be reported again', async () => {
    const api = await serve((response, count) => (count === 1 ? undefined : answerAfter(0)(response)));
    const alhena = clientOf(api, { timeout: LONG_MS, retry: { totalTimeout: LONG_MS } });
    const controller = new AbortController();
    const pending = alhena.trackCheckout(ORDER, FP, { signal: controller.signal });
    await received(api, 1);
    controller.abort();
    expect(await pending).toMatchObject({ status: 'failed', code: 'ABORTED', attempts: 1 });
    expect(await alhena.trackCheckout(ORDER, FP)).toMatchObject({ status: 'recorded', attempts: 1 });
    expect(api.bodies).toHaveLength(2);
  });

  it('ends a call at once when aborted during the wait before a retry', async () => {
    const api = await serve((response) => response.writeHead(503, { 'retry-after': '60' }).end());
    const controller = new AbortController();
    const pending = clientOf(api, { retry: { totalTimeout: LONG_MS } }).trackCartEvent(CART, FP, { signal: controller.signal });
    await received(api, 1);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the 503 read, the wait begun
    controller.abort();
    expect(await pending).toMatchObject({ status: 'failed', code: 'ABORTED', attempts: 1 });
    expect(api.bodies).toEqual([CART_BODY]);
  });

  it('ends a call at once when aborted while it waits for its turn; the next one takes the turn', async () => {
    const api = await serve(answerAfter(800));
    const alhena = clientOf(api, { maxConcurrent: 1 });
    const controller = new AbortController();
    const first = alhena.trackCartEvent(CART, FP);
    const aborted = alhena.trackCartEvent({ ...CART, productId: 'SKU-2' }, FP, { signal: controller.signal });
    const third = alhena.trackCartEvent({ ...CART, productId: 'SKU-3' }, FP);
    await received(api, 1);
    controller.abort();
    expect(await aborted).toMatchObject({ status: 'failed', code: 'ABORTED', attempts: 0 });
    expect(api.bodies).toHaveLength(1);
    expect((await Promise.all([first, third])).map((r) => r.status)).toEqual(['recorded', 'recorded']);
    expect(api.bodies.map((body) => (body as { product_id: string }).product_id)).toEqual(['SKU-1', 'SKU-3']);
  });

  it('ends at once a second report of an order that waits for the first, leaving the first alone', async () => {
    const api = await serve(answerAfter(600));
    const alhena = clientOf(api);
    const controller = new AbortController();
    const first = alhena.trackCheckout(ORDER, FP);
    const second = alhena.trackCheckout(ORDER, FP, { signal: controller.signal });
    await received(api, 1);
    controller.abort();
    expect(await second).toMatchObject({ status: 'failed', code: 'ABORTED', attempts: 0 });
    expect(await first).toMatchObject({ status: 'recorded', attempts: 1 });
    expect(api.bodies).toHaveLength(1);
  });
  it('lets a second report of an order that waited for an aborted first one send the order itself', async () => {
    const api = await serve(answerAfter(400));
    const alhena = clientOf(api);
    const controller = new AbortController();
    const first = alhena.trackCheckout(ORDER, FP, { signal: controller.signal });
    const second = alhena.trackCheckout(ORDER, FP);
    const third = alhena.trackCheckout(ORDER, FP);
    await received(api, 1);
    controller.abort();
    expect(await first).toMatchObject({ status: 'failed', code: 'ABORTED', attempts: 1 });
    expect(await second).toMatchObject({ status: 'recorded', attempts: 1 });
    expect(await third).toMatchObject({ status: 'duplicate', code: 'ORDER_ALREADY_TRACKED', attempts: 0 });
    expect(api.bodies).toHaveLength(2);
  });
});

describe('maxConcurrent', () => {
  it('sends at most maxConcurrent requests at once; the others go in their turn, each once', async () => {
    const api = await serve(answerAfter(300));
    const alhena = clientOf(api, { maxConcurrent: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => alhena.trackCartEvent({ ...CART, productId: `SKU-${i}` }, FP)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill('recorded'));
    expect(api.peakInFlight()).toBe(3);
    expect(api.bodies.map((body) => (body as { product_id: string }).product_id).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `SKU-${i}`).sort(),
    );
  });

  it('sends at most 16 at once by default', async () => {
    const api = await serve(answerAfter(300));
    const alhena = clientOf(api);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => alhena.trackCartEvent({ ...CART, productId: `SKU-${i}` }, FP)));
    expect(results.every((r) => r.status === 'recorded')).toBe(true);
    expect(api.bodies).toHaveLength(40);
    expect(api.peakInFlight()).toBe(16);
  });

  it('throws at creation on a maxConcurrent that is not a whole number of at least 1', () => {
    expect(() => createServerClient({ companyKey: 'acme', maxConcurrent: 0 })).toThrow(/maxConcurrent must be at least 1/);
    expect(() => createServerClient({ companyKey: 'acme', maxConcurrent: 2.5 })).toThrow(/maxConcurrent must be a whole number/);
    expect(() => createServerClient({ companyKey: 'acme', maxConcurrent: '4' as never })).toThrow(/maxConcurrent must be a number/);
    expect(() => createServerClient({ companyKey: 'acme', maxconcurrent: 4 } as never)).toThrow(/did you mean maxConcurrent/);
  });
});
