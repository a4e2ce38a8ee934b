// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CART_PATH, CHECKOUT_PATH, call, cartBody, checkoutBody, post, useSandboxes } from './test-helpers.mjs';

const start = useSandboxes();

/** @param {{ url: string }} sandbox @param {unknown} faults */
const queueFaults = (sandbox, faults) =>
  call(sandbox, '/__sandbox/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });

const RECORDED = { status: 'success', event_type: 'CART_EVENT_RECORDED' };

describe('status faults', () => {
  it('answers 503 with Retry-After and the reason phrase, without recording the event', async () => {
    const sandbox = await start();
    await queueFaults(sandbox, { kind: 'status', status: 503, retryAfter: '2' });
    const answer = await post(sandbox, CART_PATH, cartBody(), { 'content-type': 'application/json', origin: 'http://shop.test' });
    expect(answer).toMatchObject({ status: 503, body: 'Service Unavailable' });
    expect(answer.headers.get('retry-after')).toBe('2');
    expect(answer.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://shop.test');
    expect(sandbox.state.events).toEqual([]);
    expect(sandbox.requests()[0]).toMatchObject({ fault: { kind: 'status', status: 503, retryAfter: '2' }, answer: { status: 503 } });
    expect((await post(sandbox, CART_PATH, cartBody())).body).toEqual(RECORDED);
  });

  it('sends a JSON fault body as JSON and any other as text', async () => {
    const sandbox = await start();
    await queueFaults(sandbox, [
      { kind: 'status', status: 429, body: '{"detail":"slow down"}' },
      { kind: 'status', status: 500, body: '<html>oops</html>' },
    ]);
    expect(await post(sandbox, CART_PATH, cartBody())).toMatchObject({ status: 429, body: { detail: 'slow down' } });
    const html = await post(sandbox, CART_PATH, cartBody());
    expect(html).toMatchObject({ status: 500, text: '<html>oops</html>' });
    expect(html.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(html.headers.get('retry-after')).toBeNull();
  });

  it('consumes faults first in, first out, each for its count, then answers normally', async () => {
    const sandbox = await start();
    await queueFaults(sandbox, [
      { kind: 'status', status: 500, count: 2 },
      { kind: 'status', status: 429 },
    ]);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await post(sandbox, CART_PATH, cartBody())).status);
    expect(statuses).toEqual([500, 500, 429, 200]);
  });

  it('applies to analytics POSTs only, never to the control API or preflights', async () => {
    const sandbox = await start();
    await queueFaults(sandbox, { kind: 'status', status: 500 });
    expect((await call(sandbox, '/__sandbox/health')).status).toBe(200);
    expect((await call(sandbox, CART_PATH, { method: 'OPTIONS' })).status).toBe(204);
    expect((await post(sandbox, CHECKOUT_PATH, checkoutBody())).status).toBe(500);
  });
});

describe('company filter', () => {
  it('leaves requests of other companies alone until one of that company comes', async () => {
    const sandbox = await start();
    await queueFaults(sandbox, { kind: 'status', status: 503, company_key: 'globex' });
    expect((await post(sandbox, CART_PATH, cartBody())).status).toBe(200);
    expect((await post(sandbox, CART_PATH, 'not json')).status).toBe(400);
    expect((await post(sandbox, CART_PATH, cartBody({ company_key: 'globex' }))).status).toBe(503);
    expect((await post(sandbox, CART_PATH, cartBody({ company_key: 'globex' }))).status).toBe(200);
  });
});

describe('code faults', () => {
  it('answers the given error code with its status, or the given status, in the configured shape', async () => {
    const sandbox = await start({ errorShape: 'code' });
    await queueFaults(sandbox, [
      { kind: 'code', code: 'PREVIOUS_QUANTITY_INCREASED_EVENT_NOT_FOUND' },
      { kind: 'code', code: 'ORDER_ALREADY_EXISTS' },
      { kind: 'code', code: 'RATE_LIMITED', status: 422 },
    ]);
    expect(await post(sandbox, CART_PATH, cartBody())).toMatchObject({
      status: 400,
      body: { status: 'error', code: 'PREVIOUS_QUANTITY_INCREASED_EVENT_NOT_FOUND' },
    });
    expect(await post(sandbox, CHECKOUT_PATH, checkoutBody())).toMatchObject({ status: 409, body: { code: 'ORDER_ALREADY_EXISTS' } });
    expect(await post(sandbox, CART_PATH, cartBody())).toMatchObject({ status: 422, body: { code: 'RATE_LIMITED' } });
    expect(sandbox.state.events).toEqual([]);
  });
});

describe('delay faults and slow mode', () => {
  it('holds the answer for the delay, with the request recorded while it waits', async () => {
    const sandbox = await start();
    sandbox.addFaults({ kind: 'delay', ms: 150 });
    const startedAt = Date.now();
    const answered = post(sandbox, CART_PATH, cartBody());
    const [waiting] = await sandbox.waitFor((records) => records.length === 1);
    expect(waiting).toMatchObject({ answer: null, fault: { kind: 'delay', ms: 150 } });
    expect(await answered).toMatchObject({ status: 200, body: RECORDED });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);
    expect(sandbox.requests()[0].answer).toEqual({ status: 200, body: RECORDED });
  });

  it('slows every answer until the faults are cleared', async () => {
    const sandbox = await start();
    await queueFaults(sandbox, { kind: 'slow', ms: 20 });
    expect((await call(sandbox, '/__sandbox/faults')).body).toEqual({ queue: [], slowMs: 20 });
    await post(sandbox, CART_PATH, cartBody());
    await post(sandbox, CART_PATH, cartBody());
    expect(sandbox.requests().map((record) => record.slowMs)).toEqual([20, 20]);
    expect((await call(sandbox, '/__sandbox/faults', { method: 'DELETE' })).body).toEqual({ removed: 0 });
    await post(sandbox, CART_PATH, cartBody());
    expect(sandbox.requests()[2].slowMs).toBeUndefined();
  });
});

describe('drop faults', () => {
  it('closes the connection without an answer and without recording the event', async () => {
    const sandbox = await start();
    await queueFaults(sandbox, { kind: 'drop' });
    await expect(post(sandbox, CHECKOUT_PATH, checkoutBody())).rejects.toThrow();
    await sandbox.waitFor((records) => Boolean(records[0]?.answer));
    expect(sandbox.requests()[0].answer).toEqual({ dropped: true });
    expect((await post(sandbox, CHECKOUT_PATH, checkoutBody())).status).toBe(200);
  });

  it('with apply, records the event and then drops the answer, so a retry meets ORDER_ALREADY_EXISTS', async () => {
    const sandbox = await start();
    await queueFaults(sandbox, { kind: 'drop', apply: true });
    await expect(post(sandbox, CHECKOUT_PATH, checkoutBody())).rejects.toThrow();
    expect(await post(sandbox, CHECKOUT_PATH, checkoutBody())).toMatchObject({ status: 409, body: { error_code: 'ORDER_ALREADY_EXISTS' } });
  });
});

describe('fault control', () => {
  it.each([
    [{ kind: 'explode' }, 'kind must be one of status, delay, drop, code, slow'],
    [{ kind: 'status' }, 'a status fault needs status'],
    [{ kind: 'status', status: 503, retry_after: '1' }, 'a status fault has no property "retry_after"'],
    [{ kind: 'status', status: 503, retryAfter: '1\r\nx: y' }, 'invalid retryAfter in a status fault'],
    [{ kind: 'delay', ms: -1 }, 'invalid ms in a delay fault'],
    [{ kind: 'drop', count: 0 }, 'invalid count in a drop fault'],
    [{ kind: 'code', code: 'lower' }, 'invalid code in a code fault'],
    [{ kind: 'slow', ms: 10, count: 2 }, 'a slow fault has no property "count"'],
    [[{ kind: 'drop' }, 'x'], 'fault 1: a fault must be an object'],
  ])('refuses %j and queues nothing', async (fault, message) => {
    const sandbox = await start();
    expect(await queueFaults(sandbox, fault)).toMatchObject({ status: 400, body: { status: 'error', message } });
    expect(() => sandbox.addFaults(fault)).toThrow(message);
    expect((await call(sandbox, '/__sandbox/faults')).body).toEqual({ queue: [], slowMs: 0 });
  });

  it('lists queued faults with their remaining count and clears them', async () => {
    const sandbox = await start();
    const queued = await queueFaults(sandbox, [
      { kind: 'drop', count: 3, company_key: 'acme' },
      { kind: 'slow', ms: 5 },
    ]);
    expect(queued.body).toEqual({ added: 2, queue: [{ kind: 'drop', remaining: 3, company_key: 'acme' }], slowMs: 5 });
    expect((await call(sandbox, '/__sandbox/faults', { method: 'DELETE' })).body).toEqual({ removed: 1 });
    expect((await call(sandbox, '/__sandbox/faults')).body).toEqual({ queue: [], slowMs: 0 });
  });
});
