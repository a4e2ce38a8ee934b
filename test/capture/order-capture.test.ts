import { describe, expect, it, vi } from 'vitest';
import { ORDER_WATCH_MS } from '../../src/capture/order-capture';
import { type Observation, observe, record } from '../../src/observe';
import { eventually, FP, fakeApi, makeTracker, started } from '../helpers';

function insert(html: string) {
  const template = document.createElement('template');
  template.innerHTML = html;
  document.body.append(template.content);
}

const orderElement = (id = 'ORD-1') => `
  <section data-alhena-order data-alhena-order-id="${id}" data-alhena-order-value="104.97" data-alhena-currency="USD">
    <div data-alhena-line-item data-alhena-product-id="SKU-1" data-alhena-product-name="Shoe" data-alhena-quantity="2" data-alhena-line-value="79.98"></div>
    <div data-alhena-line-item data-alhena-product-id="SKU-2" data-alhena-product-name="Socks" data-alhena-price="24.99"></div>
  </section>`;

const expectedBody = (id = 'ORD-1') => ({
  company_key: 'acme',
  user_fingerprint: FP.user,
  user_faq_fingerprint: FP.faq,
  value: 104.97,
  currency: 'USD',
  orderId: id,
  order_id: id,
  line_items: [
    { product_id: 'SKU-1', product_name: 'Shoe', quantity: 2, value: 79.98, currency: 'USD' },
    { product_id: 'SKU-2', product_name: 'Socks', quantity: 1, value: 24.99, currency: 'USD' },
  ],
});

describe('order confirmation capture', () => {
  it('sends the order of an element present at load, once', async () => {
    insert(orderElement());
    const api = fakeApi();
    const tracker = makeTracker({ autoTrack: true }, { fetch: api.fetch });
    await tracker.flush();
    expect(api.bodies()).toEqual([expectedBody()]);
  });

  it('sends a line total computed from price and quantity without floating-point noise', async () => {
    insert(`
      <section data-alhena-order data-alhena-order-id="ORD-3" data-alhena-order-value="30.30" data-alhena-currency="USD">
        <div data-alhena-line-item data-alhena-product-id="SKU-3" data-alhena-product-name="Tee" data-alhena-price="10.1" data-alhena-quantity="3"></div>
      </section>`);
    const api = fakeApi();
    const tracker = makeTracker({ autoTrack: true }, { fetch: api.fetch });
    await tracker.flush();
    expect(api.bodies()).toMatchObject([{ value: 30.3, line_items: [{ product_id: 'SKU-3', quantity: 3, value: 30.3 }] }]);
  });

  it('waits for DOMContentLoaded while the page is parsing: an order element may not have its lines yet', async () => {
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    const api = fakeApi();
    const onError = vi.fn();
    const tracker = makeTracker({ autoTrack: true, onError }, { fetch: api.fetch });
    insert(
      `<section data-alhena-order data-alhena-order-id="ORD-1" data-alhena-order-value="104.97" data-alhena-currency="USD"></section>`,
    );
    await started();
    await new Promise((resolve) => setTimeout(resolve, 20)); // the observer has seen the half-parsed element
    // The parser reaches the lines.
    const lines = document.createElement('template');
    lines.innerHTML = orderElement().replace(/^\s*<section[^>]*>|<\/section>\s*$/g, '');
    (document.querySelector('section') as HTMLElement).append(lines.content);
    delete (document as unknown as Record<string, unknown>).readyState;
    document.dispatchEvent(new Event('DOMContentLoaded'));
    await eventually(() => expect(api.bodies()).toEqual([expectedBody()]));
    expect(onError).not.toHaveBeenCalled();
    await tracker.flush();
  });

  it('sends the order of an element inserted after load', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ autoTrack: true }, { fetch: api.fetch });
    await new Promise((resolve) => setTimeout(resolve, 20));
    insert(`<div class="wrapper">${orderElement('ORD-2')}</div>`);
    await eventually(() => expect(api.bodies()).toEqual([expectedBody('ORD-2')]));
    await tracker.flush();
  });

  it('reads the JSON form, also when its text is written after the script is inserted', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ autoTrack: true, currency: 'USD' }, { fetch: api.fetch });
    const script = document.createElement('script');
    script.type = 'application/json';
    script.setAttribute('data-alhena-order', '');
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 10));
    script.textContent = JSON.stringify({
      orderId: 'J-1',
      value: 10,
      lineItems: [{ productId: 'A', productName: 'A', quantity: 1, value: 10 }],
    });
    await eventually(() => expect(api.requests).toHaveLength(1));
    expect(api.requests[0].body).toMatchObject({ orderId: 'J-1', value: 10, currency: 'USD' });
    await tracker.flush();
  });

  it('a reload of the confirmation page sends nothing more', async () => {
    insert(orderElement());
    const api = fakeApi();
    const first = makeTracker({ autoTrack: true }, { fetch: api.fetch });
    await first.flush();
    first.shutdown(); // the page that reloads goes away
    const onEvent = vi.fn();
    const reloaded = makeTracker({ autoTrack: true, onEvent }, { fetch: api.fetch });
    await eventually(() => expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ status: 'duplicate' })));
    await reloaded.flush();
    expect(api.requests).toHaveLength(1);
    // The reloaded page's capture is live: an order it has not seen goes out.
    insert(orderElement('ORD-9'));
    await eventually(() => expect(api.requests.map((r) => r.body.orderId)).toEqual(['ORD-1', 'ORD-9']));
    await reloaded.flush();
  });

  it.each([
    ['no order id', orderElement().replace('data-alhena-order-id="ORD-1"', ''), 'data-alhena-order-id on <section> is required'],
    [
      'a bad order value',
      orderElement().replace('104.97', '104,97'),
      'data-alhena-order-value="104,97" on <section> must be a plain decimal number',
    ],
    [
      'a line without value or price',
      orderElement().replace(' data-alhena-price="24.99"', ''),
      'data-alhena-line-value on <div> is required',
    ],
    [
      'a zero quantity',
      orderElement().replace('data-alhena-quantity="2"', 'data-alhena-quantity="0"'),
      'data-alhena-quantity="0" on <div> must be a whole number of at least 1',
    ],
    ['broken JSON', '<script type="application/json" data-alhena-order>{ "orderId": </script>', 'is not valid JSON'],
    [
      'a JSON order without an id',
      '<script type="application/json" data-alhena-order>{ "value": 1, "currency": "USD", "lineItems": [{ "productId": "A", "productName": "A", "quantity": 1, "value": 1 }] }</script>',
      'orderId in the JSON of <script> is required, so that a reload does not count the order twice',
    ],
  ])('reports %s and sends nothing', async (_, html, message) => {
    insert(html);
    const api = fakeApi();
    const onError = vi.fn();
    const tracker = makeTracker({ autoTrack: true, onError }, { fetch: api.fetch });
    await tracker.flush();
    expect(api.requests).toHaveLength(0);
    expect(onError.mock.calls[0][0]).toMatchObject({ code: 'INVALID_ATTRIBUTES' });
    expect(onError.mock.calls[0][0].message).toContain(message);
    // A well-formed order added to the same page goes out, alone.
    insert(orderElement('ORD-OK'));
    await eventually(() => expect(api.bodies()).toEqual([expectedBody('ORD-OK')]));
    await tracker.flush();
  });

  it('takes a JSON order’s id under the wire’s name, order_id, too', async () => {
    insert(`<script type="application/json" data-alhena-order>{"order_id":"W-1","value":1,"currency":"USD",
      "lineItems":[{"productId":"A","productName":"A","quantity":1,"value":1}]}</script>`);
    const api = fakeApi();
    const tracker = makeTracker({ autoTrack: true }, { fetch: api.fetch });
    await tracker.flush();
    expect(api.bodies()).toEqual([expect.objectContaining({ orderId: 'W-1', order_id: 'W-1' })]);
  });

  it('parses JSON without prototype pollution', async () => {
    insert(`<script type="application/json" data-alhena-order>{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},
      "orderId":"P-1","value":1,"currency":"USD","lineItems":[{"productId":"A","productName":"A","quantity":1,"value":1,"__proto__":{"x":1}}]}</script>`);
    const api = fakeApi();
    const tracker = makeTracker({ autoTrack: true }, { fetch: api.fetch });
    await tracker.flush();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(api.requests[0].body)).not.toContain('__proto__');
    expect(api.requests[0].body).toMatchObject({ orderId: 'P-1' });
  });

  it('stops watching after a while, and watches again after a click', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    const tracker = makeTracker({ autoTrack: true }, { fetch: api.fetch });
    await vi.advanceTimersByTimeAsync(ORDER_WATCH_MS + 1_000);
    insert(orderElement('LATE-1'));
    await vi.advanceTimersByTimeAsync(100);
    expect(api.requests).toHaveLength(0);
    document.body.click();
    insert(orderElement('LATE-2'));
    await vi.advanceTimersByTimeAsync(100);
    expect(api.requests.map((r) => r.body.orderId)).toEqual(['LATE-2']);
    await tracker.flush();
  });
});

describe('the origin of a captured event', () => {
  it('travels with the call: an order found while earlier calls still wait for the configuration is still the order element’s', async () => {
    const seen: Observation[] = [];
    record();
    const stop = observe((observation) => seen.push(observation));
    // The widget's snippet (the company key) comes later in the page: calls made meanwhile are held.
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    insert(orderElement('ORD-HELD'));
    const api = fakeApi();
    const tracker = makeTracker({ companyKey: undefined, autoTrack: true }, { fetch: api.fetch });
    const held = tracker.trackCartEvent({ type: 'ITEM_ADDED', productId: 'A', productName: 'A', value: 1, currency: 'USD', quantity: 1 });
    await started();
    (document as unknown as { gleenConfig: unknown }).gleenConfig = { company: 'acme' };
    delete (document as unknown as { readyState?: unknown }).readyState;
    document.dispatchEvent(new Event('DOMContentLoaded'));
    await held;
    await eventually(() => expect(api.requests).toHaveLength(2));
    const origins = seen.flatMap((o) => (o.kind === 'event' ? [[o.body?.order_id ?? o.body?.product_id, o.origin.source]] : []));
    expect(origins).toEqual([
      ['A', 'call'],
      ['ORD-HELD', 'order-element'],
    ]);
    stop();
  });
});
