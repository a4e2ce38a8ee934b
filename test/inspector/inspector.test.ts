import { afterEach, describe, expect, it, vi } from 'vitest';
import { configRows } from '../../src/inspector/config-sources';
import { createInspector, type Inspector } from '../../src/inspector/inspector';
import { startSoon } from '../../src/lib/start-soon';
import { emit, type Observation, observe } from '../../src/observe';
import { platformPlugin } from '../../src/platforms/platform-plugin';
import { startWooCommerce } from '../../src/platforms/woocommerce';
import { buildTracker } from '../../src/tracker/tracker';
import { cartEvent, errorCode, eventually, FP, fakeApi, json, makeTracker } from '../helpers';

const shadow = () => document.querySelector('alhena-cart-inspector')?.shadowRoot as ShadowRoot;
const text = (selector: string) => shadow().querySelector(selector)?.textContent ?? '';
const statuses = () => [...shadow().querySelectorAll('[data-event]')].map((item) => item.getAttribute('data-status'));

let inspector: Inspector | undefined;
afterEach(() => {
  inspector?.close();
  inspector = undefined;
  sessionStorage.clear();
});

describe('the observer interface', () => {
  it('tells an observer each tracker as it is, then every event as it moves, and nothing once it stops', async () => {
    const api = fakeApi((_request, count) => (count === 1 ? json(503, {}, { 'retry-after': '0' }) : undefined));
    const tracker = makeTracker();
    await tracker.flush();
    const seen: Observation[] = [];
    const stop = observe((observation) => seen.push(observation));
    expect(seen.filter((o) => o.kind === 'tracker').map((o) => o.kind === 'tracker' && o.state)).toContain('running');
    seen.length = 0;
    const other = makeTracker({}, { fetch: api.fetch });
    await other.trackCartEvent(cartEvent());
    await other.flush();
    const events = seen.filter((o) => o.kind === 'event' || o.kind === 'sending' || o.kind === 'result');
    expect(
      events.map((o) => (o.kind === 'result' ? `result ${o.result.status}` : o.kind === 'sending' ? `sending ${o.attempt}` : o.kind)),
    ).toEqual(['event', 'sending 1', 'sending 2', 'result recorded']);
    expect(
      seen.some((o) => o.kind === 'queue' && o.sender === 'waiting' && o.waitingFor === 'retry' && typeof o.retryAt === 'number'),
    ).toBe(true);
    stop();
    seen.length = 0;
    await other.trackCartEvent(cartEvent({ productId: 'SKU-2' }));
    expect(seen).toEqual([]);
  });

  it('builds nothing while nobody observes', () => {
    const build = vi.fn(() => ({ kind: 'sending', eventId: 'x', attempt: 1 }) as Observation);
    emit(build);
    expect(build).not.toHaveBeenCalled();
    const stop = observe(() => {});
    emit(build);
    expect(build).toHaveBeenCalledTimes(1);
    stop();
  });

  it('an observer that throws does not stop the SDK', async () => {
    const api = fakeApi();
    const stop = observe(() => {
      throw new Error('observer');
    });
    const tracker = makeTracker({}, { fetch: api.fetch });
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'recorded' });
    stop();
  });
});

describe('the inspector panel', () => {
  it('shows the configuration with its sources, masked fingerprints, and events turning recorded or not_attributed', async () => {
    const api = fakeApi((request) => (request.body.product_id === 'NO-CHAT' ? errorCode('ACTIVE_TICKET_NOT_FOUND') : undefined));
    const tracker = makeTracker({ currency: 'EUR' }, { fetch: api.fetch });
    await tracker.flush();
    inspector = createInspector({ observe });
    expect(text('[data-config="companyKey"]')).toBe('acme (option)');
    expect(text('[data-config="currency"]')).toBe('EUR (option)');
    expect(text('[data-config="consent"]')).toBe('granted (default)');
    expect(text('[data-part="fingerprints"]')).toMatch(/^present: user •+0000, faq •+1111$/);
    await tracker.trackCartEvent(cartEvent());
    await tracker.trackCartEvent(cartEvent({ productId: 'NO-CHAT' }));
    expect(statuses()).toEqual(['not_attributed', 'recorded']); // newest first
    expect(text('[data-event]:first-child')).toContain('ACTIVE_TICKET_NOT_FOUND');
    await tracker.trackCartEvent(cartEvent({ value: -1 }));
    expect(statuses()).toEqual(['invalid', 'not_attributed', 'recorded']);
    expect(text('[data-event]:first-child .issues')).toContain('value');
    expect(api.requests).toHaveLength(2);
  });

  it('shows the recognised platform, each cart read and the events its comparison sent', async () => {
    document.body.className = 'woocommerce-js';
    let cart = [{ id: 11, name: 'Beanie', quantity: 1, prices: { price: '1800', currency_code: 'EUR', currency_minor_unit: 2 } }];
    const api = fakeApi();
    const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
      decodeURIComponent(String(input instanceof Request ? input.url : input)).includes('wc/store')
        ? json(200, { items: cart })
        : api.fetch(input, init),
    ) as unknown as typeof globalThis.fetch;
    inspector = createInspector({ observe });
    const tracker = buildTracker(
      { companyKey: 'acme', fingerprints: () => FP, platform: 'auto' },
      { seams: { fetch }, plugins: [platformPlugin(async () => startWooCommerce)], schedule: startSoon },
    );
    await eventually(() => expect(text('[data-config="platform"]')).toBe('woocommerce (default)'));
    await eventually(() => expect(text('[data-event]:first-child')).toContain('woocommerce: 1 line'));
    expect(statuses()).toEqual(['no change']);
    cart = [{ ...cart[0], quantity: 3 }];
    (document as unknown as { onadded_to_cart: () => void }).onadded_to_cart();
    // Newest first: the read's summary, once its results are in, above the event it sent.
    await eventually(() => expect(statuses()).toEqual(['1 change sent', 'recorded', 'no change']));
    expect(text('[data-event]:nth-child(2)')).toContain('QUANTITY_INCREASED');
    expect(text('[data-event]:nth-child(2)')).toContain('from platform');
    tracker.shutdown();
    document.body.className = '';
  });

  it('reads the configuration’s sources from the tag’s own element, not from a file it loaded beside itself', () => {
    const tag = document.createElement('script');
    tag.setAttribute('src', 'https://cdn.example/alhena-cart.min.js');
    tag.setAttribute('data-platform', 'woocommerce');
    document.body.append(tag);
    const file = document.createElement('script');
    file.setAttribute('src', 'https://cdn.example/alhena-cart.woocommerce.min.js');
    document.head.append(file);
    const rows = configRows({ options: { companyKey: 'acme', platform: 'woocommerce' } } as never, document, 'woocommerce');
    expect(rows.find((row) => row.name === 'platform')).toEqual({
      name: 'platform',
      value: 'woocommerce',
      source: 'script attribute data-platform',
    });
  });

  it('"Check this page" names a malformed price with its element, and the report masks the fingerprints', async () => {
    makeTracker({ currency: 'EUR' });
    document.body.innerHTML = `<div data-alhena-product-id="SKU-1" data-alhena-product-name="Shoe" data-alhena-price="$79">
      <button id="buy" data-alhena-action="add-to-cart">Add</button></div>`;
    inspector = createInspector({ observe });
    (shadow().querySelector('[data-action="check"]') as HTMLButtonElement).click();
    const findings = [...shadow().querySelectorAll('[data-finding][data-level="problem"]')].map((item) => item.textContent);
    expect(findings).toEqual([expect.stringMatching(/<button id="buy">.*data-alhena-price="\$79"/)]);
    (shadow().querySelector('[data-action="copy"]') as HTMLButtonElement).click();
    const report = (shadow().querySelector('[data-part="report"]') as HTMLTextAreaElement).value;
    expect(report).toContain('data-alhena-price="$79"');
    expect(report).not.toContain('550e8400-e29b-41d4-a716-446655440000');
  });

  it('"Check this page" names a fingerprint form that would get nothing, and why; a listed origin is no finding', async () => {
    makeTracker({ handoffOrigins: ['https://pay.example'] });
    document.body.innerHTML = `<form id="a" data-alhena-fingerprints action="https://evil.example/c" method="post"><button>Pay</button></form>
      <form id="b" data-alhena-fingerprints action="https://pay.example/s" method="post"><button id="get" formmethod="get">Pay</button></form>`;
    inspector = createInspector({ observe });
    (shadow().querySelector('[data-action="check"]') as HTMLButtonElement).click();
    const findings = [...shadow().querySelectorAll('[data-finding][data-level="problem"]')].map((item) => item.textContent);
    expect(findings).toEqual([
      expect.stringMatching(/<form id="a">.*not filled when submitted: it posts to https:\/\/evil\.example, not this page's origin/),
      expect.stringMatching(/<button id="get">.*not filled when submitted with this button: it submits with GET/),
    ]);
  });

  it('"Copy report" leaves the address’s query and fragment out (an order key, a token)', async () => {
    history.replaceState(null, '', '/checkout/order-received/12/?key=wc_order_abc123#top');
    makeTracker();
    inspector = createInspector({ observe });
    (shadow().querySelector('[data-action="copy"]') as HTMLButtonElement).click();
    const report = (shadow().querySelector('[data-part="report"]') as HTMLTextAreaElement).value;
    expect(report).toContain(`${location.origin}/checkout/order-received/12/`);
    expect(report).not.toContain('wc_order_abc123');
    expect(report).not.toContain('#top');
    history.replaceState(null, '', '/');
  });

  it('keeps at most the 200 rows its model keeps while it stays open, dropping the oldest', () => {
    inspector = createInspector({ observe });
    const body = {
      company_key: 'acme',
      type: 'ITEM_ADDED',
      product_id: 'P',
      product_name: 'P',
      value: 1,
      currency: 'USD',
      quantity: 1,
    } as const;
    for (let i = 0; i < 250; i++) {
      const element = document.createElement('button');
      emit(() => ({ kind: 'event', eventId: `e${i}`, body, origin: { source: 'data-attribute', element } }));
    }
    const rows = [...shadow().querySelectorAll('[data-event]')].map((item) => item.getAttribute('data-event'));
    expect(rows).toHaveLength(200);
    expect(rows[0]).toBe('e249');
    expect(rows.at(-1)).toBe('e50');
  });

  it('collapses to its header bar, remembered for the tab, and expands again', () => {
    inspector = createInspector({ observe });
    const panel = () => shadow().querySelector('.panel') as HTMLElement;
    const toggle = () => shadow().querySelector('[data-part="collapse"]') as HTMLButtonElement;
    expect(panel().classList.contains('collapsed')).toBe(false);
    toggle().click();
    expect(panel().classList.contains('collapsed')).toBe(true);
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    inspector.close();
    inspector = createInspector({ observe });
    expect(panel().classList.contains('collapsed')).toBe(true);
    toggle().click();
    expect(panel().classList.contains('collapsed')).toBe(false);
    expect(sessionStorage.getItem('alhena-cart:inspect-collapsed')).toBeNull();
  });

  it('is remembered for the tab until its × closes it', () => {
    inspector = createInspector({ observe });
    expect(sessionStorage.getItem('alhena-cart:inspect')).toBe('1');
    (shadow().querySelector('[data-action="close"]') as HTMLButtonElement).click();
    expect(document.querySelector('alhena-cart-inspector')).toBeNull();
    expect(sessionStorage.getItem('alhena-cart:inspect')).toBeNull();
  });
});
