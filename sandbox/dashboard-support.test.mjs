// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { startSandbox } from './server.mjs';
import { CART_PATH, CHECKOUT_PATH, call, cartBody, checkoutBody, post, useSandboxes } from './test-helpers.mjs';

const start = useSandboxes();

describe('GET /__sandbox/events', () => {
  it('lists the accepted events oldest first, with the units each cart event moved', async () => {
    const sandbox = await start();
    await post(sandbox, CART_PATH, cartBody({ quantity: 2 }));
    await post(sandbox, CART_PATH, cartBody({ type: 'QUANTITY_DECREASED', quantity: 1 }));
    await post(sandbox, CART_PATH, cartBody({ currency: 'eur' })); // refused: not an event
    await post(sandbox, CHECKOUT_PATH, checkoutBody());
    const { status, body } = await call(sandbox, '/__sandbox/events');
    expect(status).toBe(200);
    expect(body.map((/** @type {any} */ e) => [e.endpoint, e.body.type ?? e.body.orderId, e.unitsChanged])).toEqual([
      ['cart', 'ITEM_ADDED', 2],
      ['cart', 'QUANTITY_DECREASED', -1],
      ['checkout', 'A-1', undefined],
    ]);
    expect(body[0]).toMatchObject({ at: expect.any(Number), body: cartBody({ quantity: 2 }) });
  });

  it('keeps to one company with ?company_key=', async () => {
    const sandbox = await start();
    await post(sandbox, CART_PATH, cartBody());
    await post(sandbox, CART_PATH, cartBody({ company_key: 'globex' }));
    const { body } = await call(sandbox, '/__sandbox/events?company_key=globex');
    expect(body.map((/** @type {any} */ e) => e.body.company_key)).toEqual(['globex']);
  });

  it('is empty after a reset', async () => {
    const sandbox = await start();
    await post(sandbox, CART_PATH, cartBody());
    await call(sandbox, '/__sandbox/reset', { method: 'POST' });
    expect((await call(sandbox, '/__sandbox/events')).body).toEqual([]);
  });
});

describe('the fallback option', () => {
  it('answers paths the sandbox does not own', async () => {
    const sandbox = await start({
      fallback: (req, res) => {
        if (req.url !== '/') return false;
        res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>dashboard</h1>');
        return true;
      },
    });
    expect(await call(sandbox, '/')).toMatchObject({ status: 200, text: '<h1>dashboard</h1>' });
    expect(await call(sandbox, '/elsewhere')).toMatchObject({ status: 404, body: { status: 'error', message: 'Not found' } });
  });

  it('is never asked about the analytics or control paths', async () => {
    /** @type {string[]} */ const asked = [];
    const sandbox = await start({
      fallback: (req) => {
        asked.push(String(req.url));
        return false;
      },
    });
    await post(sandbox, CART_PATH, cartBody());
    await call(sandbox, '/__sandbox/health');
    await call(sandbox, '/__sandbox/nothing');
    expect(asked).toEqual([]);
  });

  it('answers 500 when it throws, like any sandbox failure', async () => {
    const sandbox = await start({
      fallback: () => {
        throw new Error('boom');
      },
    });
    expect(await call(sandbox, '/')).toMatchObject({ status: 500, body: { status: 'error', message: 'Sandbox failure: boom' } });
  });

  it('must be a function', async () => {
    await expect(startSandbox({ fallback: /** @type {any} */ ('dashboard/') })).rejects.toThrow('startSandbox: invalid fallback');
  });
});

describe('the ticket event', () => {
  it('tells listeners and streams about every ticket opened, through the control API or in process', async () => {
    const sandbox = await start({ autoTickets: false });
    /** @type {[string, unknown][]} */ const heard = [];
    sandbox.subscribe((type, data) => heard.push([type, data]));
    await call(sandbox, '/__sandbox/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ company_key: 'acme', user_fingerprint: 'fp-1' }),
    });
    sandbox.openTicket({ company_key: 'acme', user_fingerprint: 'fp-2', user_faq_fingerprint: 'faq-2' });
    expect(heard).toEqual([
      ['ticket', { company_key: 'acme', user_fingerprint: 'fp-1', user_faq_fingerprint: null, opened_at: expect.any(Number) }],
      ['ticket', { company_key: 'acme', user_fingerprint: 'fp-2', user_faq_fingerprint: 'faq-2', opened_at: expect.any(Number) }],
    ]);
  });
});
