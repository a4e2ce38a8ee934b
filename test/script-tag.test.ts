import { describe, expect, it, vi } from 'vitest';
import { cartBody, cartEvent, eventually, fakeApi, order, setWidget } from './helpers';

type Global = { alhenaCart?: unknown };

async function loadScriptTag(attributes: Record<string, string>, api: ReturnType<typeof fakeApi>) {
  const script = document.createElement('script');
  script.setAttribute('src', 'https://cdn.example/alhena-cart.min.js');
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  document.head.append(script);
  vi.stubGlobal('fetch', api.fetch);
  vi.resetModules();
  // As a browser names the tag's own element while it runs.
  const current = vi.spyOn(document, 'currentScript', 'get').mockReturnValue(script);
  await import('../src/script-tag');
  current.mockRestore();
  return (window as unknown as Global).alhenaCart as Record<string, (...args: unknown[]) => Promise<unknown>> & {
    push: (...commands: unknown[][]) => unknown;
    init: (options?: unknown) => unknown;
    createTracker: (options?: unknown) => unknown;
  };
}

describe('script tag', () => {
  it('configures itself from its data-* attributes', async () => {
    setWidget();
    const api = fakeApi();
    const alhenaCart = await loadScriptTag({ 'data-company-key': 'acme', 'data-region': 'eu', 'data-currency': 'EUR' }, api);
    await alhenaCart.trackCartEvent(cartEvent({ currency: undefined }));
    expect(api.requests[0].url).toBe('https://eu.alhena.ai/analytics/cart_events');
    expect(api.requests[0].body).toEqual(cartBody({ currency: 'EUR' }));
    alhenaCart.shutdown();
  });

  it('replays the pre-load queue in order, then keeps push() working', async () => {
    setWidget();
    const api = fakeApi();
    const onEvent = vi.fn();
    const queue: unknown[] = [['init', { onEvent }], ['trackCartEvent', cartEvent()], ['trackCheckout', order()], 'not a command'];
    (window as unknown as Global).alhenaCart = queue;
    const alhenaCart = await loadScriptTag({ 'data-company-key': 'acme' }, api);
    expect(alhenaCart).not.toBe(queue);
    await eventually(() => expect(api.requests).toHaveLength(2));
    expect(api.requests.map((r) => r.path)).toEqual(['/analytics/cart_events', '/analytics/checkout_events']);
    const result = await alhenaCart.push(['trackCartEvent', cartEvent({ type: 'QUANTITY_INCREASED', quantity: 2 })]);
    expect(result).toMatchObject({ status: 'recorded' });
    expect(api.requests).toHaveLength(3);
    expect(onEvent).toHaveBeenCalledTimes(3);
    alhenaCart.shutdown();
  });

  it('runs several commands pushed at once, in order, as an array push would take them', async () => {
    setWidget();
    const api = fakeApi();
    const alhenaCart = await loadScriptTag({ 'data-company-key': 'acme' }, api);
    const last = await alhenaCart.push(
      ['trackCartEvent', cartEvent()],
      ['trackCartEvent', cartEvent({ type: 'QUANTITY_INCREASED', quantity: 2 })],
      ['trackCheckout', order()],
    );
    expect(last).toMatchObject({ status: 'recorded' });
    await eventually(() => expect(api.requests).toHaveLength(3));
    expect(api.bodies().map((body) => (body as { type?: string }).type ?? 'checkout')).toEqual([
      'ITEM_ADDED',
      'QUANTITY_INCREASED',
      'checkout',
    ]);
    alhenaCart.shutdown();
  });

  it('takes init() options given after the tag but before the SDK starts, and says when it is too late', async () => {
    setWidget();
    const api = fakeApi();
    const onEvent = vi.fn();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const alhenaCart = await loadScriptTag({ 'data-company-key': 'acme' }, api);
    expect(alhenaCart.init({ currency: 'EUR', onEvent })).toBe(alhenaCart);
    await alhenaCart.trackCartEvent(cartEvent({ currency: undefined }));
    expect(api.requests[0].body).toEqual(cartBody({ currency: 'EUR' }));
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(warn).not.toHaveBeenCalled();
    expect(alhenaCart.init({ currency: 'USD' })).toBe(alhenaCart);
    expect(String(warn.mock.calls[0])).toContain('already started');
    await alhenaCart.trackCartEvent(cartEvent({ currency: undefined, type: 'QUANTITY_INCREASED', quantity: 2 }));
    expect(api.requests[1].body).toEqual(cartBody({ currency: 'EUR', type: 'QUANTITY_INCREASED', quantity: 2 }));
    alhenaCart.shutdown();
  });

  it('takes init() options from a script after a blocking tag, even when the parser yields a task in between', async () => {
    setWidget();
    const api = fakeApi();
    const onEvent = vi.fn();
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    try {
      const alhenaCart = await loadScriptTag({ 'data-company-key': 'acme' }, api);
      await new Promise((resolve) => setTimeout(resolve, 20)); // the parser yields before the next script
      alhenaCart.init({ currency: 'EUR', onEvent });
      delete (document as unknown as Record<string, unknown>).readyState;
      document.dispatchEvent(new Event('DOMContentLoaded'));
      await alhenaCart.trackCartEvent(cartEvent({ currency: undefined }));
      expect(api.requests[0].body).toEqual(cartBody({ currency: 'EUR' }));
      expect(onEvent).toHaveBeenCalledTimes(1);
      alhenaCart.shutdown();
    } finally {
      delete (document as unknown as Record<string, unknown>).readyState;
    }
  });

  it('makes an independent tracker with createTracker(), as npm does', async () => {
    setWidget();
    const api = fakeApi();
    const alhenaCart = await loadScriptTag({ 'data-company-key': 'acme' }, api);
    const other = alhenaCart.createTracker({ companyKey: 'second-brand', source: 'B2B' }) as unknown as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >;
    await alhenaCart.trackCartEvent(cartEvent());
    expect(await other.trackCartEvent(cartEvent())).toMatchObject({ status: 'recorded' });
    expect(api.bodies().map((body) => [(body as { company_key: string }).company_key, (body as { source: string }).source])).toEqual([
      ['acme', 'CUSTOM'],
      ['second-brand', 'B2B'],
    ]);
    other.shutdown();
    alhenaCart.shutdown();
  });

  it('reports an unknown pushed method without throwing', async () => {
    setWidget();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const alhenaCart = await loadScriptTag({ 'data-company-key': 'acme' }, fakeApi());
    expect(alhenaCart.push(['trackEverything', {}])).toBeUndefined();
    expect(alhenaCart.push('nonsense' as never)).toBeUndefined();
    expect(String(error.mock.calls[0])).toContain('unknown method "trackEverything"');
    // And the commands after them still run.
    expect(await alhenaCart.push(['trackCartEvent', cartEvent()])).toMatchObject({ status: 'recorded' });
    alhenaCart.shutdown();
  });

  it('starts the SDK soon after it loads, or at once for a click that comes first', async () => {
    setWidget();
    const api = fakeApi();
    const button = document.createElement('button');
    button.setAttribute('data-alhena-action', 'add-to-cart');
    for (const [name, value] of Object.entries({ 'product-id': 'SKU-1', 'product-name': 'Shoe', price: '10', currency: 'USD' }))
      button.setAttribute(`data-alhena-${name}`, value);
    document.body.append(button);
    const alhenaCart = await loadScriptTag({ 'data-company-key': 'acme' }, api);
    button.click(); // before the SDK's own start task
    await alhenaCart.flush();
    expect(api.requests.map((r) => [r.body.type, r.body.product_id])).toEqual([['ITEM_ADDED', 'SKU-1']]);
    alhenaCart.shutdown();
  });

  it('sends an order and GA4 entries that are on the page before it starts (an async tag on a loaded page)', async () => {
    setWidget();
    const api = fakeApi();
    document.body.innerHTML = `
      <section data-alhena-order data-alhena-order-id="ORD-9" data-alhena-order-value="20" data-alhena-currency="USD">
        <div data-alhena-line-item data-alhena-product-id="SKU-1" data-alhena-product-name="Shoe" data-alhena-quantity="2" data-alhena-line-value="20"></div>
      </section>`;
    const item = { item_id: 'SKU-2', item_name: 'Sock', price: 5, quantity: 1 };
    (window as unknown as { dataLayer: unknown[] }).dataLayer = [{ event: 'add_to_cart', ecommerce: { currency: 'USD', items: [item] } }];
    const alhenaCart = await loadScriptTag({ 'data-company-key': 'acme', 'data-datalayer': 'true' }, api);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await alhenaCart.flush();
    expect(api.requests.map((r) => [r.path, r.body.order_id ?? r.body.product_id])).toEqual([
      ['/analytics/checkout_events', 'ORD-9'],
      ['/analytics/cart_events', 'SKU-2'],
    ]);
    alhenaCart.shutdown();
    delete (window as unknown as { dataLayer?: unknown }).dataLayer;
  });

  it('keeps the first copy when the script is included twice', async () => {
    const first = await loadScriptTag({ 'data-company-key': 'acme' }, fakeApi());
    const second = await loadScriptTag({ 'data-company-key': 'other' }, fakeApi());
    expect(second).toBe(first);
    first.shutdown();
  });
});

describe('the files the tag loads beside itself (a platform’s code, the inspector)', () => {
  /** The tag as the page's own `<script>` element names it while it runs (`document.currentScript`). */
  async function loadAsCurrentScript(src: string | null, attributes: Record<string, string> = {}) {
    const script = document.createElement('script');
    if (src) script.setAttribute('src', src);
    for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
    script.nonce = 'n0nce';
    document.head.append(script);
    const current = vi.spyOn(document, 'currentScript', 'get').mockReturnValue(src ? script : null);
    vi.stubGlobal('fetch', fakeApi().fetch);
    vi.resetModules();
    vi.doMock('../src/file-hashes', () => ({
      FILE_HASHES: { 'alhena-cart.woocommerce.min.js': 'sha384-woo', 'alhena-cart.inspector.min.js': 'sha384-insp' },
    }));
    await import('../src/script-tag');
    current.mockRestore();
    vi.doUnmock('../src/file-hashes');
    return (window as unknown as { alhenaCart: { shutdown(): void; inspect(): void; flush(): Promise<void> } }).alhenaCart;
  }
  const injected = () => [...document.querySelectorAll<HTMLScriptElement>('script[src*="alhena-cart."]')].slice(1);

  it('loads the platform’s file from the tag’s own folder, with its nonce and integrity hash, on that platform only', async () => {
    document.body.className = 'woocommerce-js';
    const base = document.createElement('base');
    base.href = 'https://attacker.example/';
    document.head.append(base);
    const alhenaCart = await loadAsCurrentScript('https://cdn.example/sdk/1.2.0/alhena-cart.min.js', { 'data-company-key': 'acme' });
    await eventually(() => expect(injected()).toHaveLength(1));
    const [file] = injected();
    expect(file.src).toBe('https://cdn.example/sdk/1.2.0/alhena-cart.woocommerce.min.js');
    expect(file.nonce).toBe('n0nce');
    expect(file.integrity).toBe('sha384-woo');
    expect(file.crossOrigin).toBe('anonymous');
    alhenaCart.inspect();
    expect(injected()[1].src).toBe('https://cdn.example/sdk/1.2.0/alhena-cart.inspector.min.js');
    expect(injected()[1].integrity).toBe('sha384-insp');
    alhenaCart.shutdown();
    document.body.className = '';
  });

  it('loads nothing more on a page that is no platform’s', async () => {
    const alhenaCart = await loadAsCurrentScript('https://cdn.example/alhena-cart.min.js', { 'data-company-key': 'acme' });
    await alhenaCart.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(injected()).toEqual([]);
    alhenaCart.shutdown();
  });

  it('refuses to load any file when the tag is inlined or bundled (no script element of its own), never from document.baseURI', async () => {
    document.body.className = 'woocommerce-js';
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const alhenaCart = await loadAsCurrentScript(null);
    alhenaCart.inspect();
    await eventually(() => expect(warn).toHaveBeenCalled());
    expect(String(warn.mock.calls[0])).toContain('inlined or bundled');
    expect(document.querySelectorAll('script[src]')).toHaveLength(0);
    alhenaCart.shutdown();
    document.body.className = '';
  });
});

describe('the tag’s own element, and the inspector turned off (contract § 11)', () => {
  it('trusts no look-alike without document.currentScript: an inert script’s data-api-base-url is not read; init still configures', async () => {
    setWidget();
    const api = fakeApi();
    const decoy = document.createElement('script');
    decoy.type = 'text/plain';
    decoy.setAttribute('src', 'https://cdn.example/alhena-cart.min.js');
    decoy.setAttribute('data-company-key', 'acme');
    decoy.setAttribute('data-api-base-url', 'https://evil.example');
    document.body.append(decoy);
    vi.stubGlobal('fetch', api.fetch);
    vi.resetModules();
    (window as unknown as Global).alhenaCart = [['init', { companyKey: 'acme' }]];
    await import('../src/script-tag');
    const alhenaCart = (window as unknown as Global).alhenaCart as { trackCartEvent(e: unknown): Promise<unknown>; shutdown(): void };
    await alhenaCart.trackCartEvent(cartEvent());
    expect(api.requests.map((r) => r.url)).toEqual(['https://app.alhena.ai/analytics/cart_events']);
    alhenaCart.shutdown();
  });

  it.each([
    ['data-inspector="false"', { 'data-inspector': 'false' }, undefined],
    ['init({ inspector: false })', {}, { inspector: false }],
  ])('with %s, neither ?alhena-inspect nor inspect() loads the panel', async (_, attributes, init) => {
    history.replaceState(null, '', '/?alhena-inspect');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    if (init) (window as unknown as Global).alhenaCart = [['init', init]];
    const alhenaCart = await loadScriptTag({ 'data-company-key': 'acme', ...attributes }, fakeApi());
    await new Promise((resolve) => setTimeout(resolve, 30));
    (alhenaCart as unknown as { inspect(): void }).inspect();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(document.querySelectorAll('script[src*="inspector"]')).toHaveLength(0);
    expect(String(warn.mock.calls.at(-1))).toContain('turned off');
    alhenaCart.shutdown();
    history.replaceState(null, '', '/');
  });

  it('without it, ?alhena-inspect loads the panel’s file beside the tag', async () => {
    history.replaceState(null, '', '/?alhena-inspect');
    const alhenaCart = await loadScriptTag({ 'data-company-key': 'acme' }, fakeApi());
    await eventually(() => expect(document.querySelectorAll('script[src*="inspector"]')).toHaveLength(1));
    alhenaCart.shutdown();
    history.replaceState(null, '', '/');
    sessionStorage.clear();
  });
});

describe('the tag when the SDK itself cannot start', () => {
  it('answers every method in its usual shape, never throwing, and says why once', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.resetModules();
    vi.doMock('../src/lazy-core', () => ({
      loadCore: () => {
        throw new Error('core failed');
      },
    }));
    const script = document.createElement('script');
    script.setAttribute('src', 'https://cdn.example/alhena-cart.min.js');
    script.setAttribute('data-company-key', 'acme');
    document.head.append(script);
    await import('../src/script-tag');
    vi.doUnmock('../src/lazy-core');
    const alhenaCart = (window as unknown as { alhenaCart: Record<string, (...args: unknown[]) => unknown> }).alhenaCart;
    expect(await alhenaCart.trackCartEvent(cartEvent())).toMatchObject({ status: 'dropped', code: 'INTERNAL_ERROR' });
    expect(await alhenaCart.reportCart([])).toEqual([]);
    expect(await alhenaCart.getFingerprints()).toBeNull();
    expect(await alhenaCart.flush()).toBeUndefined();
    expect(alhenaCart.syncCart([])).toBeUndefined();
    const other = alhenaCart.createTracker({ companyKey: 'x' }) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    expect(await other.trackCheckout(order())).toMatchObject({ status: 'dropped', code: 'INTERNAL_ERROR' });
    expect(error.mock.calls.map((call) => String(call[1]))).toEqual(['could not start', 'could not start']);
  });
});
