import { describe, expect, it, vi } from 'vitest';
import { createQueue } from '../src/delivery/queue';
import type { EventBody } from '../src/events/wire';
import { createStorage } from '../src/lib/storage';
import {
  cartBody,
  cartEvent,
  errorCode,
  eventually,
  expectStillSends,
  FP,
  fakeApi,
  KEYS,
  makeTracker,
  order,
  setWidget,
  started,
} from './helpers';

describe('tracker', () => {
  it('resolves invalid input with each bad field, sends nothing, tells onEvent and logs in debug mode', async () => {
    const api = fakeApi();
    const onEvent = vi.fn();
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const tracker = makeTracker({ onEvent, debug: true }, { fetch: api.fetch });
    const result = await tracker.trackCheckout(order({ lineItems: [order().lineItems[0], { ...order().lineItems[1], quantity: 0 }] }));
    expect(result).toMatchObject({
      status: 'invalid',
      code: 'INVALID_INPUT',
      issues: [{ path: 'lineItems[1].quantity', message: 'must be at least 1' }],
    });
    expect(result.eventId).toEqual(expect.any(String));
    await tracker.flush();
    expect(api.requests).toHaveLength(0);
    expect(onEvent).toHaveBeenCalledWith(result);
    expect(info.mock.calls.flat().join(' ')).toContain('lineItems[1].quantity must be at least 1');
    await expectStillSends(tracker, api);
  });

  it('refuses a 10 MB product name and an order of 100,000 lines, naming the field; nothing is posted', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    await expect(tracker.trackCartEvent(cartEvent({ productName: 'n'.repeat(10_000_000) }))).resolves.toMatchObject({
      status: 'invalid',
      issues: [{ path: 'productName', message: 'must be at most 512 characters' }],
    });
    const line = order().lineItems[0];
    await expect(tracker.trackCheckout(order({ lineItems: Array(100_000).fill(line) }))).resolves.toMatchObject({
      status: 'invalid',
      issues: [{ path: 'lineItems', message: 'must have at most 200 line items' }],
    });
    await tracker.flush();
    expect(api.requests).toHaveLength(0);
    await expectStillSends(tracker, api);
  });

  it('takes an order whose orderId is null (typed so) as one without an id: neither id field is sent', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    const result = await tracker.trackCheckout({
      orderId: null,
      value: 10,
      currency: 'USD',
      lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 10 }],
    });
    expect(result.status).toBe('recorded');
    expect(Object.keys(api.requests[0].body)).not.toContain('orderId');
    expect(Object.keys(api.requests[0].body)).not.toContain('order_id');
  });

  it('maps the answers to statuses and reports each final outcome to onEvent', async () => {
    const api = fakeApi(
      (_, n) => [undefined, errorCode('ACTIVE_TICKET_NOT_FOUND', 404), errorCode('ORDER_ALREADY_EXISTS', 409, 'code')][n - 1],
    );
    const onEvent = vi.fn();
    const tracker = makeTracker({ onEvent }, { fetch: api.fetch });
    const results = await Promise.all([
      tracker.trackCartEvent(cartEvent()),
      tracker.trackCartEvent(cartEvent({ productId: 'SKU-2' })),
      tracker.trackCheckout(order()),
    ]);
    expect(results.map(({ status, code }) => ({ status, code }))).toEqual([
      { status: 'recorded', code: undefined },
      { status: 'not_attributed', code: 'ACTIVE_TICKET_NOT_FOUND' },
      { status: 'duplicate', code: 'ORDER_ALREADY_EXISTS' },
    ]);
    expect(onEvent.mock.calls.map(([r]) => r.status)).toEqual(['recorded', 'not_attributed', 'duplicate']);
  });

  it('sends an order id at most once: a second trackCheckout resolves duplicate without a request', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    expect((await tracker.trackCheckout(order())).status).toBe('recorded');
    expect(await tracker.trackCheckout(order())).toMatchObject({ status: 'duplicate', code: 'ORDER_ALREADY_TRACKED' });
    expect(api.requests).toHaveLength(1);
  });

  it('keeps working when onEvent and onError throw', async () => {
    const api = fakeApi();
    const tracker = makeTracker(
      {
        onEvent: () => {
          throw new Error('page bug');
        },
        onError: () => {
          throw new Error('page bug');
        },
      },
      { fetch: api.fetch },
    );
    expect((await tracker.trackCartEvent(cartEvent())).status).toBe('recorded');
    expect((await tracker.trackCartEvent(cartEvent({ productId: 'SKU-2' }))).status).toBe('recorded');
  });

  it('never throws or rejects, whatever it is given', async () => {
    const tracker = makeTracker({}, { fetch: fakeApi().fetch });
    const inputs: unknown[] = [
      undefined,
      null,
      42,
      'x',
      [],
      { type: 'ITEM_ADDED', productId: Symbol('x') },
      new Proxy(
        {},
        {
          get() {
            throw new Error('trap');
          },
        },
      ),
    ];
    for (const input of inputs) {
      await expect(tracker.trackCartEvent(input as never)).resolves.toMatchObject({ status: expect.stringMatching(/invalid|dropped/) });
      await expect(tracker.trackCheckout(input as never)).resolves.toMatchObject({ status: expect.stringMatching(/invalid|dropped/) });
    }
  });

  it('survives a fetch that throws synchronously', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn(() => {
      throw new Error('patched fetch exploded');
    }) as unknown as typeof globalThis.fetch;
    const tracker = makeTracker({}, { fetch });
    const result = tracker.trackCartEvent(cartEvent());
    await vi.advanceTimersByTimeAsync(20_000);
    await expect(result).resolves.toMatchObject({ status: 'queued' });
    expect(fetch).toHaveBeenCalled();
  });

  it('without a company key anywhere: one clear error, nothing sent', async () => {
    const api = fakeApi();
    const onError = vi.fn();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const tracker = makeTracker({ companyKey: undefined, onError, fingerprints: () => ({ user: 'u', faq: 'f' }) }, { fetch: api.fetch });
    const results = await Promise.all([tracker.trackCartEvent(cartEvent()), tracker.trackCheckout(order())]);
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['dropped', 'CONFIG'],
      ['dropped', 'CONFIG'],
    ]);
    expect(onError.mock.calls.filter(([e]) => e.code === 'CONFIG')).toHaveLength(1);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][1])).toContain('no company key');
    expect(api.requests).toHaveLength(0);
    // The same tracker given a company key sends: the missing key is why nothing went out.
    const keyed = makeTracker({ onError, fingerprints: () => ({ user: 'u', faq: 'f' }) }, { fetch: api.fetch });
    await expectStillSends(keyed, api);
    keyed.shutdown();
  });

  it('waits for document.gleenConfig set later in the page (before DOMContentLoaded)', async () => {
    const api = fakeApi();
    setWidget();
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    const tracker = makeTracker({ companyKey: undefined, fingerprints: undefined }, { fetch: api.fetch });
    const pending = tracker.trackCartEvent(cartEvent());
    (document as unknown as { gleenConfig: unknown }).gleenConfig = { company: 'acme', apiBaseUrl: 'https://eu.alhena.ai' };
    delete (document as unknown as Record<string, unknown>).readyState;
    document.dispatchEvent(new Event('DOMContentLoaded'));
    expect((await pending).status).toBe('recorded');
    expect(api.requests[0].url).toBe('https://eu.alhena.ai/analytics/cart_events');
    expect(api.requests[0].body).toEqual(cartBody());
    tracker.shutdown();
  });

  it.each([
    [
      'document.gleenConfig.apiBaseUrl',
      () => {
        (document as unknown as { gleenConfig: unknown }).gleenConfig = { company: 'acme', apiBaseUrl: 'https://eu.alhena.ai/' };
      },
    ],
    [
      'the widget script from the EU host',
      () => {
        const script = document.createElement('script');
        script.src = 'https://eu.alhena.ai/sdk/gleenWidget.js';
        document.head.append(script);
      },
    ],
  ])('with a company key given, still reads the host from %s set later in the page', async (_, addLater) => {
    const api = fakeApi();
    setWidget();
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    const tracker = makeTracker({ fingerprints: undefined }, { fetch: api.fetch });
    // The configuration is read at this first call; the request is made after the page adds the hint.
    const pending = tracker.trackCartEvent(cartEvent());
    addLater();
    delete (document as unknown as Record<string, unknown>).readyState;
    document.dispatchEvent(new Event('DOMContentLoaded'));
    expect((await pending).status).toBe('recorded');
    expect(api.requests.map((r) => r.url)).toEqual(['https://eu.alhena.ai/analytics/cart_events']);
    // Once the page has loaded, the host is settled.
    document.querySelector('script[src*="gleenWidget"]')?.remove();
    (document as unknown as { gleenConfig?: unknown }).gleenConfig = undefined;
    await tracker.trackCartEvent(cartEvent({ type: 'QUANTITY_INCREASED', quantity: 2 }));
    expect(api.requests[1].url).toBe('https://eu.alhena.ai/analytics/cart_events');
    tracker.shutdown();
  });

  it('stays idle on a Shopify store and says so in debug mode', async () => {
    const api = fakeApi();
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    (window as unknown as { Shopify: unknown }).Shopify = { shop: 'x.myshopify.com' };
    const tracker = makeTracker({ debug: true }, { fetch: api.fetch });
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'dropped', code: 'SHOPIFY' });
    expect(api.requests).toHaveLength(0);
    expect(info.mock.calls.flat().join(' ')).toMatch(/Shopify.*allowShopify/);
    const allowed = makeTracker({ allowShopify: true }, { fetch: api.fetch });
    expect((await allowed.trackCartEvent(cartEvent())).status).toBe('recorded');
  });

  it('starts soon rather than at creation: no storage or listeners until its own task or the first call', async () => {
    const api = fakeApi();
    const getItem = vi.spyOn(localStorage, 'getItem');
    const listen = vi.spyOn(document, 'addEventListener');
    const tracker = makeTracker({ autoTrack: true }, { fetch: api.fetch });
    expect(getItem).not.toHaveBeenCalled();
    expect(listen).not.toHaveBeenCalled();
    await started();
    expect(listen.mock.calls.map(([type]) => type)).toEqual(expect.arrayContaining(['click', 'submit', 'change']));
    // A call before the start runs it at once: the event is stored in the caller's task.
    const early = makeTracker({}, { fetch: api.fetch });
    const result = early.trackCartEvent(cartEvent());
    await Promise.resolve();
    expect(Object.keys(localStorage).filter((key) => key.includes(':q:'))).toHaveLength(1);
    expect((await result).status).toBe('recorded');
    tracker.shutdown();
  });

  it('flush() resolves once everything queued has an answer', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    for (let i = 0; i < 5; i++) tracker.trackCartEvent(cartEvent({ productId: `SKU-${i}` }));
    await tracker.flush();
    expect(api.requests).toHaveLength(5);
    await expect(tracker.flush()).resolves.toBeUndefined();
  });

  it('after shutdown() nothing is captured or sent, and calls still resolve', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    tracker.shutdown();
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'dropped', code: 'SHUT_DOWN' });
    await tracker.flush();
    expect(api.requests).toHaveLength(0);
    // A tracker on the same page that was not shut down sends, and only its own event: the other stored nothing.
    await expectStillSends(makeTracker({}, { fetch: api.fetch }), api);
  });

  it('shut down after it started but before its delivery did, it never sends what storage holds', async () => {
    const api = fakeApi();
    const tracker = makeTracker({}, { fetch: api.fetch });
    await started(); // the session is up; its delivery starts a task later
    // What another tab left in storage for this store.
    createQueue(createStorage(), KEYS, 'other').add(cartBody() as EventBody, [FP.user, FP.faq], Date.now());
    await Promise.resolve();
    tracker.shutdown();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.requests).toHaveLength(0);
    // The next page's tracker sends what storage holds, then what it tracks.
    await expectStillSends(makeTracker({}, { fetch: api.fetch }), api, { before: [['ITEM_ADDED', 'SKU-1', 1]] });
  });

  it('logs each attempt and answer in debug mode', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const tracker = makeTracker({ debug: true }, { fetch: fakeApi().fetch });
    await tracker.trackCartEvent(cartEvent());
    const log = info.mock.calls.map((args) => args.join(' ')).join('\n');
    expect(log).toMatch(/sending \S+ \(attempt 1\)/);
    expect(log).toContain('→ POST https://app.alhena.ai/analytics/cart_events');
    expect(log).toContain('← 200');
    expect(log).toMatch(/recorded/);
  });
});

describe('module functions', () => {
  it('init({ inspector: false }): ?alhena-inspect opens nothing and inspect() loads nothing, with a warning', async () => {
    vi.resetModules();
    history.replaceState(null, '', '/?alhena-inspect');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const sdk = await import('../src/index');
    sdk.init({ companyKey: 'acme', inspector: false });
    sdk.inspect();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.querySelector('alhena-cart-inspector')).toBeNull();
    expect(warn.mock.calls.flat().join(' ')).toContain('turned off');
    sdk.shutdown();
    history.replaceState(null, '', '/');
  });

  it('init() is idempotent and the module functions use its tracker', async () => {
    vi.resetModules();
    const api = fakeApi();
    vi.stubGlobal('fetch', api.fetch);
    setWidget();
    const sdk = await import('../src/index');
    const tracker = sdk.init({ companyKey: 'acme' });
    expect(sdk.init({ companyKey: 'other' })).toBe(tracker);
    expect((await sdk.trackCartEvent(cartEvent())).status).toBe('recorded');
    expect(api.requests[0].body.company_key).toBe('acme');
    await expect(sdk.getFingerprints()).resolves.toEqual({ user: expect.any(String), faq: expect.any(String) });
    sdk.shutdown();
  });

  it('module functions called before init() start the default tracker from document.gleenConfig', async () => {
    vi.resetModules();
    const api = fakeApi();
    vi.stubGlobal('fetch', api.fetch);
    setWidget();
    (document as unknown as { gleenConfig: unknown }).gleenConfig = { company: 'gleen' };
    const sdk = await import('../src/index');
    expect((await sdk.trackCheckout(order())).status).toBe('recorded');
    await eventually(() => expect(api.requests[0].body.company_key).toBe('gleen'));
    sdk.shutdown();
  });

  it('takes init() options that come just after a module function (a child effect before its parent), and warns when too late', async () => {
    vi.resetModules();
    const api = fakeApi();
    vi.stubGlobal('fetch', api.fetch);
    setWidget();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const onEvent = vi.fn();
    const sdk = await import('../src/index');
    (document as unknown as { gleenConfig: unknown }).gleenConfig = { company: 'from-widget' };
    const pending = sdk.addToCart({ productId: 'SKU-1', productName: 'Shoe', value: 10 });
    sdk.init({ companyKey: 'acme', currency: 'EUR', apiBaseUrl: 'https://proxy.example', onEvent });
    expect(await pending).toMatchObject({ status: 'recorded' });
    expect(api.requests.map((r) => r.url)).toEqual(['https://proxy.example/analytics/cart_events']);
    expect(api.requests[0].body).toMatchObject({ company_key: 'acme', type: 'ITEM_ADDED', currency: 'EUR' });
    expect(onEvent).toHaveBeenCalledTimes(1);
    sdk.init({ companyKey: 'other' }); // a second init: the same tracker, silently (React StrictMode runs effects twice)
    expect(warn).not.toHaveBeenCalled();
    sdk.shutdown();

    // Calls before and after that init keep their order, and a cart synced before it is known after it.
    vi.resetModules();
    api.requests.length = 0;
    const again = await import('../src/index');
    again.syncCart([{ productId: 'SKU-2', quantity: 1, productName: 'Sock', value: 3, currency: 'EUR' }]);
    const first = again.trackCartEvent(cartEvent());
    again.init({ companyKey: 'acme', currency: 'EUR' });
    const second = again.trackCartEvent(cartEvent({ type: 'QUANTITY_INCREASED', quantity: 2 }));
    const third = again.addToCart({ productId: 'SKU-2' });
    expect((await Promise.all([first, second, third])).map((r) => r.status)).toEqual(['recorded', 'recorded', 'recorded']);
    expect(api.bodies().map((b) => [b.type, b.product_id, b.quantity])).toEqual([
      ['ITEM_ADDED', 'SKU-1', 1],
      ['QUANTITY_INCREASED', 'SKU-1', 2],
      ['QUANTITY_INCREASED', 'SKU-2', 2],
    ]);
    again.shutdown();

    // Once the default tracker has started (a task later), init's options come too late: said so.
    vi.resetModules();
    const late = await import('../src/index');
    await late.trackCartEvent(cartEvent());
    late.init({ companyKey: 'acme' });
    expect(String(warn.mock.calls[0])).toContain('already started');
    late.shutdown();
  });

  const addButton = () => {
    document.body.innerHTML = `<div data-alhena-product-id="SKU-9" data-alhena-product-name="Cap" data-alhena-price="12" data-alhena-currency="EUR">
      <button id="add" data-alhena-action="add-to-cart">Add</button></div>`;
    return document.getElementById('add') as HTMLButtonElement;
  };

  it.each([
    ['@alhena/cart-events/capture', '../src/capture'],
    ['@alhena/cart-events, which loads capture when autoTrack asks for it', '../src/index'],
  ])('init({ autoTrack: true }) from %s captures a data-attribute click', async (_name, path) => {
    vi.resetModules();
    const api = fakeApi();
    vi.stubGlobal('fetch', api.fetch);
    setWidget();
    const button = addButton();
    const sdk = (await import(path)) as typeof import('../src/index');
    const onError = vi.fn();
    sdk.init({ companyKey: 'acme', autoTrack: true, onError });
    // From the main entry, capture comes in a chunk of its own: a click before it has loaded is not seen.
    for (let tries = 0; tries < 50 && api.requests.length === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      button.click();
      await sdk.flush();
    }
    expect(api.bodies().map((b) => [b.type, b.product_id, b.quantity])).toEqual([['ITEM_ADDED', 'SKU-9', 1]]);
    expect(onError).not.toHaveBeenCalled();
    sdk.shutdown();
  });

  it('without autoTrack, the main entry captures nothing, and its calls still go out', async () => {
    vi.resetModules();
    const api = fakeApi();
    vi.stubGlobal('fetch', api.fetch);
    setWidget();
    const button = addButton();
    const sdk = await import('../src/index');
    sdk.init({ companyKey: 'acme' });
    await sdk.flush();
    button.click();
    await sdk.flush();
    expect(api.requests).toHaveLength(0);
    expect((await sdk.trackCartEvent(cartEvent())).status).toBe('recorded');
    expect(api.bodies().map((b) => b.product_id)).toEqual(['SKU-1']);
    sdk.shutdown();
  });

  it('init({ platform: "woocommerce" }) from the capture entry reads the store’s cart; the main entry says it needs capture', async () => {
    vi.resetModules();
    const api = fakeApi();
    const reads: string[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = decodeURIComponent(input instanceof Request ? input.url : String(input));
      if (!url.includes('wc/store')) return api.fetch(input, init);
      reads.push(url);
      return new Response(JSON.stringify({ items: [] }), { headers: { 'content-type': 'application/json' } });
    });
    setWidget();
    const sdk = await import('../src/capture');
    sdk.init({ companyKey: 'acme', platform: 'woocommerce' });
    await eventually(() => expect(reads).toHaveLength(1));
    sdk.shutdown();

    vi.resetModules();
    const main = await import('../src/index');
    const onError = vi.fn();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    main.init({ companyKey: 'acme', platform: 'woocommerce', onError });
    await main.flush();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'CAPTURE_NOT_INCLUDED' }));
    expect(String(error.mock.calls[0])).toContain('platform option needs capture');
    expect(reads).toHaveLength(1);
    main.shutdown();
  });
});
