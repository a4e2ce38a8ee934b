// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CART_PATH, CHECKOUT_PATH, call, cartBody, checkoutBody, post, useSandboxes } from './test-helpers.mjs';

const start = useSandboxes();
const JSON_HEADERS = { 'content-type': 'application/json' };

/** @param {{ url: string }} sandbox @param {Record<string, unknown>} ticket */
const openTicket = (sandbox, ticket) =>
  call(sandbox, '/__sandbox/tickets', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(ticket) });

describe('success answers', () => {
  it('answers a valid cart event 200 with exactly the vendor body', async () => {
    const sandbox = await start();
    const answer = await post(sandbox, CART_PATH, cartBody());
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('{"status":"success","event_type":"CART_EVENT_RECORDED"}');
    expect(answer.headers.get('content-type')).toBe('application/json');
  });

  it('answers a valid checkout event 200 with exactly the vendor body', async () => {
    const sandbox = await start();
    const answer = await post(sandbox, CHECKOUT_PATH, checkoutBody());
    expect(answer).toMatchObject({ status: 200, text: '{"status":"success","event_type":"CHECKOUT_EVENT_RECORDED"}' });
  });
});

describe('error answers', () => {
  it('answers an invalid field 400 MISSING_REQUIRED_FIELDS naming it', async () => {
    const sandbox = await start();
    expect(await post(sandbox, CART_PATH, cartBody({ currency: 'eur' }))).toMatchObject({
      status: 400,
      body: {
        status: 'error',
        error_code: 'MISSING_REQUIRED_FIELDS',
        message: 'Missing or invalid fields: currency (must be an ISO 4217 code of 3 upper-case letters)',
      },
    });
  });

  it.each(['not json', '', '"a string"', '[]', 'null'])('answers the body %j 400 MISSING_REQUIRED_FIELDS', async (raw) => {
    const sandbox = await start();
    const answer = await post(sandbox, CHECKOUT_PATH, raw);
    expect(answer).toMatchObject({ status: 400, body: { status: 'error', error_code: 'MISSING_REQUIRED_FIELDS' } });
  });

  it('answers an unknown company 404 COMPANY_NOT_FOUND', async () => {
    const sandbox = await start({ companies: ['acme'] });
    expect((await post(sandbox, CART_PATH, cartBody({ company_key: 'globex' }))).body).toEqual({
      status: 'error',
      error_code: 'COMPANY_NOT_FOUND',
      message: 'Company "globex" not found',
    });
    expect((await post(sandbox, CART_PATH, cartBody({ company_key: 'globex' }))).status).toBe(404);
  });

  it('answers a visitor without a ticket 404 ACTIVE_TICKET_NOT_FOUND until a ticket is opened', async () => {
    const sandbox = await start({ autoTickets: false });
    expect(await post(sandbox, CART_PATH, cartBody())).toMatchObject({
      status: 404,
      body: { status: 'error', error_code: 'ACTIVE_TICKET_NOT_FOUND', message: 'No active ticket for either of the visitor fingerprints' },
    });
    const opened = await openTicket(sandbox, {
      company_key: 'acme',
      user_fingerprint: 'someone',
      user_faq_fingerprint: cartBody().user_faq_fingerprint,
    });
    expect(opened).toMatchObject({ status: 201, body: { company_key: 'acme', user_fingerprint: 'someone' } });
    expect((await post(sandbox, CART_PATH, cartBody())).status).toBe(200);
    expect((await call(sandbox, '/__sandbox/tickets')).body).toEqual([opened.body]);
  });

  it('refuses a ticket without the fingerprint 400', async () => {
    const sandbox = await start();
    expect(await openTicket(sandbox, { company_key: 'acme' })).toMatchObject({ status: 400, body: { status: 'error' } });
  });

  it('answers a change to a product never added 400 PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND', async () => {
    const sandbox = await start();
    expect(await post(sandbox, CART_PATH, cartBody({ type: 'QUANTITY_DECREASED', quantity: 0 }))).toMatchObject({
      status: 400,
      body: { status: 'error', error_code: 'PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND' },
    });
  });

  it('answers a known order id 409 ORDER_ALREADY_EXISTS', async () => {
    const sandbox = await start();
    await post(sandbox, CHECKOUT_PATH, checkoutBody());
    expect(await post(sandbox, CHECKOUT_PATH, checkoutBody())).toMatchObject({
      status: 409,
      body: { status: 'error', error_code: 'ORDER_ALREADY_EXISTS', message: 'Order "A-1" already exists' },
    });
  });

  it('validates before applying the rules, and changes nothing when it refuses', async () => {
    const sandbox = await start({ companies: ['acme'], autoTickets: false });
    const answer = await post(sandbox, CART_PATH, cartBody({ company_key: 'globex', quantity: -1 }));
    expect(answer.body.error_code).toBe('MISSING_REQUIRED_FIELDS');
    expect(sandbox.state.events).toEqual([]);
  });

  it.each([
    ['error_code', { status: 'error', error_code: 'ORDER_ALREADY_EXISTS', message: 'Order "A-1" already exists' }],
    ['code', { status: 'error', code: 'ORDER_ALREADY_EXISTS', message: 'Order "A-1" already exists' }],
    ['error', { status: 'error', error: 'ORDER_ALREADY_EXISTS', message: 'Order "A-1" already exists' }],
    ['message', { status: 'error', message: 'ORDER_ALREADY_EXISTS' }],
    ['text', 'ORDER_ALREADY_EXISTS: Order "A-1" already exists'],
  ])('puts the code where errorShape %s says', async (errorShape, expected) => {
    const sandbox = await start({ errorShape: /** @type {any} */ (errorShape) });
    await post(sandbox, CHECKOUT_PATH, checkoutBody());
    const answer = await post(sandbox, CHECKOUT_PATH, checkoutBody());
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual(expected);
    expect((await post(sandbox, CART_PATH, cartBody())).text).toBe('{"status":"success","event_type":"CART_EVENT_RECORDED"}');
  });

  it('answers 413 to a body over 1 MiB and records it without the body', async () => {
    const sandbox = await start();
    const answer = await post(sandbox, CART_PATH, JSON.stringify(cartBody({ product_name: 'x'.repeat(1024 * 1024) })));
    expect(answer.status).toBe(413);
    expect(sandbox.requests()[0]).toMatchObject({ body: null, raw: null, answer: { status: 413 } });
  });

  it('answers other methods 405 and other paths 404', async () => {
    const sandbox = await start();
    expect((await call(sandbox, CART_PATH)).status).toBe(405);
    expect((await call(sandbox, '/analytics/cart_events/')).status).toBe(404);
    expect((await call(sandbox, '/__sandbox/nothing')).status).toBe(404);
    expect(sandbox.requests()).toEqual([]);
  });
});

describe('CORS', () => {
  it('answers a preflight 204 with the CORS headers and counts it per path', async () => {
    const sandbox = await start();
    const preflight = await call(sandbox, CART_PATH, {
      method: 'OPTIONS',
      headers: { origin: 'http://shop.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    await call(sandbox, CHECKOUT_PATH, { method: 'OPTIONS' });
    await call(sandbox, CHECKOUT_PATH, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith('access-control') || name === 'vary'))).toEqual({
      'access-control-allow-origin': 'http://shop.test',
      'access-control-allow-methods': 'POST, GET, DELETE, OPTIONS',
      'access-control-allow-headers': 'content-type',
      'access-control-expose-headers': 'Retry-After',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    const { body } = await call(sandbox, '/__sandbox/preflights');
    expect(body.counts).toEqual({ [CART_PATH]: 1, [CHECKOUT_PATH]: 2 });
    expect(body.list[0]).toEqual({
      seq: 1,
      at: expect.any(Number),
      path: CART_PATH,
      origin: 'http://shop.test',
      method: 'POST',
      headers: 'content-type',
    });
    expect(sandbox.requests()).toEqual([]);
  });

  it('echoes the origin on every answer, errors included, and answers * without one', async () => {
    const sandbox = await start({ companies: ['acme'] });
    const fromShop = { ...JSON_HEADERS, origin: 'https://shop.test' };
    const refused = await post(sandbox, CART_PATH, cartBody({ company_key: 'globex' }), fromShop);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://shop.test');
    expect(refused.headers.get('vary')).toBe('Origin');
    expect((await post(sandbox, CART_PATH, cartBody())).headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('allows credentials and private-network preflights when asked', async () => {
    const sandbox = await start({ allowCredentials: true });
    const preflight = await call(sandbox, CART_PATH, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.test', 'access-control-request-private-network': 'true' },
    });
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-private-network')).toBe('true');
  });
});

describe('request records', () => {
  it('records each analytics POST with what was sent and what was answered', async () => {
    const sandbox = await start();
    const body = cartBody({ productId: 'sku-1' });
    await post(sandbox, CART_PATH, body, { 'content-type': 'application/json', origin: 'https://shop.test', cookie: 'sid=1' });
    expect(sandbox.requests()).toEqual([
      {
        seq: 1,
        at: expect.any(Number),
        path: CART_PATH,
        endpoint: 'cart',
        origin: 'https://shop.test',
        contentType: 'application/json',
        headers: { origin: 'https://shop.test', 'content-type': 'application/json', cookie: 'sid=1' },
        body,
        raw: JSON.stringify(body),
        unexpectedFields: ['productId'],
        answer: { status: 200, body: { status: 'success', event_type: 'CART_EVENT_RECORDED' } },
      },
    ]);
  });

  it('keeps the order of arrival, filters by company, and keeps bodies that are not JSON as raw text', async () => {
    const sandbox = await start();
    await post(sandbox, CART_PATH, cartBody());
    await post(sandbox, CHECKOUT_PATH, checkoutBody({ company_key: 'globex' }));
    await post(sandbox, CART_PATH, 'company_key=acme', { 'content-type': 'text/plain' });
    const all = (await call(sandbox, '/__sandbox/requests')).body;
    expect(all.map((/** @type {any} */ r) => [r.seq, r.endpoint, r.answer.status])).toEqual([
      [1, 'cart', 200],
      [2, 'checkout', 200],
      [3, 'cart', 400],
    ]);
    expect(all[2]).toMatchObject({ body: null, raw: 'company_key=acme', contentType: 'text/plain' });
    expect((await call(sandbox, '/__sandbox/requests?company_key=globex')).body.map((/** @type {any} */ r) => r.seq)).toEqual([2]);
  });

  it('records warnings about quantities that contradict the event type', async () => {
    const sandbox = await start();
    await post(sandbox, CART_PATH, cartBody({ quantity: 2 }));
    await post(sandbox, CART_PATH, cartBody({ type: 'QUANTITY_INCREASED', quantity: 1 }));
    expect(sandbox.requests().map((record) => record.warnings)).toEqual([undefined, ['QUANTITY_INCREASED of "sku-1" from 2 to 1']]);
  });
});

describe('summary and reset', () => {
  it('reports the revenue figures of a small journey for one company', async () => {
    const sandbox = await start();
    await post(sandbox, CART_PATH, cartBody({ value: 12.5, quantity: 2 }));
    await post(sandbox, CART_PATH, cartBody({ type: 'QUANTITY_DECREASED', value: 12.5, quantity: 1 }));
    await post(sandbox, CART_PATH, cartBody({ user_fingerprint: 'visitor-2', product_id: 'sku-9', value: 40, quantity: 1 }));
    await post(sandbox, CHECKOUT_PATH, checkoutBody({ value: 52.5 }));
    await post(sandbox, CART_PATH, cartBody({ company_key: 'globex' }));
    expect((await call(sandbox, '/__sandbox/summary?company_key=acme')).body).toEqual({
      companyKey: 'acme',
      cartEvents: 3,
      carts: 2,
      addedValue: 65,
      removedValue: 12.5,
      addToCartGmv: 52.5,
      averageCartValue: 26.25,
      orders: 1,
      revenue: 52.5,
      currencies: ['EUR'],
    });
    expect((await call(sandbox, '/__sandbox/summary')).body).toMatchObject({ companyKey: null, cartEvents: 4, addToCartGmv: 62.5 });
  });

  it('reset clears requests, preflights, faults, tickets and events but keeps the options', async () => {
    const sandbox = await start({ companies: ['acme'] });
    await post(sandbox, CHECKOUT_PATH, checkoutBody());
    await call(sandbox, CART_PATH, { method: 'OPTIONS' });
    sandbox.openTicket({ company_key: 'acme', user_fingerprint: 'u' });
    sandbox.addFaults({ kind: 'status', status: 500 });
    expect((await call(sandbox, '/__sandbox/reset', { method: 'POST' })).body).toEqual({ status: 'reset' });
    expect(sandbox.requests()).toEqual([]);
    expect(sandbox.preflights()).toEqual({ counts: {}, list: [] });
    expect(sandbox.state.tickets).toEqual([]);
    expect(await post(sandbox, CHECKOUT_PATH, checkoutBody())).toMatchObject({ status: 200 });
    expect((await post(sandbox, CART_PATH, cartBody({ company_key: 'globex' }))).status).toBe(404);
    expect(sandbox.requests()[0].seq).toBe(1);
  });

  it('answers health', async () => {
    const sandbox = await start();
    expect((await call(sandbox, '/__sandbox/health')).body).toEqual({ status: 'ok', requests: 0 });
  });
});
