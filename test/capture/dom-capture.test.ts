import { describe, expect, it, vi } from 'vitest';
import { eventually, expectCaptureStillSends, expectSentEvents, fakeApi, makeTracker, started } from '../helpers';

/** Builds markup from trusted test strings (tests only; the SDK never writes HTML). */
function render(html: string) {
  const template = document.createElement('template');
  template.innerHTML = html;
  document.body.append(template.content);
}
const click = (selector: string) => (document.querySelector(selector) as HTMLElement).click();
const card = (inner: string, attrs = 'data-alhena-price="79.99" data-alhena-currency="USD"') =>
  `<div class="card" data-alhena-product-id="SKU-1" data-alhena-product-name="Black Running Shoes" ${attrs}>${inner}</div>`;

async function capturing(options: Record<string, unknown> = {}) {
  const api = fakeApi();
  const onError = vi.fn();
  const tracker = makeTracker({ autoTrack: true, onError, ...options }, { fetch: api.fetch });
  await started();
  return { api, onError, tracker };
}

describe('data-attribute capture', () => {
  it('turns add, add again, increase, decrease, set and remove controls into the right ordered events', async () => {
    const { api, tracker } = await capturing();
    render(
      card(`<button id="add" data-alhena-action="add-to-cart">Add</button>`) +
        `<div class="line" data-alhena-product-id="SKU-1">
          <button id="plus" data-alhena-action="increase-quantity">+</button>
          <button id="minus" data-alhena-action="decrease-quantity">−</button>
          <input id="qty" data-alhena-action="set-quantity" value="1">
          <button id="remove" data-alhena-action="remove-from-cart">Remove</button>
        </div>`,
    );
    click('#add');
    click('#add');
    click('#plus');
    click('#minus');
    const qty = document.querySelector('#qty') as HTMLInputElement;
    qty.value = '5';
    qty.dispatchEvent(new Event('change', { bubbles: true }));
    click('#remove');
    await tracker.flush();
    expectSentEvents(api.requests, [
      ['ITEM_ADDED', 'SKU-1', 1],
      ['QUANTITY_INCREASED', 'SKU-1', 2],
      ['QUANTITY_INCREASED', 'SKU-1', 3],
      ['QUANTITY_DECREASED', 'SKU-1', 2],
      ['QUANTITY_INCREASED', 'SKU-1', 5],
      ['ITEM_REMOVED', 'SKU-1', 0],
    ]);
    expect(api.requests[0].body).toMatchObject({ product_name: 'Black Running Shoes', value: 79.99, currency: 'USD' });
  });

  it('captures a click that comes before its deferred start', async () => {
    const api = fakeApi();
    render(card(`<button id="add" data-alhena-action="add-to-cart">Add</button>`));
    const tracker = makeTracker({ autoTrack: true }, { fetch: api.fetch });
    click('#add'); // the same task as the tracker's creation: its start has not run yet
    await tracker.flush();
    expectSentEvents(api.requests, [['ITEM_ADDED', 'SKU-1', 1]]);
  });

  it('trusts the quantity a cart line shows over its own record, for a cart it never saw being filled', async () => {
    const { api, tracker } = await capturing();
    render(
      `<li data-alhena-product-id="SKU-1" data-alhena-product-name="Shoe" data-alhena-price="10" data-alhena-currency="USD" data-alhena-quantity="2">
        <button id="plus" data-alhena-action="increase-quantity">+</button>
        <select id="qty" data-alhena-action="set-quantity"><option>1</option><option>2</option><option>3</option></select>
        <button id="remove" data-alhena-action="remove-from-cart">Remove</button></li>`,
    );
    const line = document.querySelector('li') as HTMLElement;
    click('#plus');
    line.setAttribute('data-alhena-quantity', '3');
    const qty = document.querySelector('#qty') as HTMLSelectElement;
    qty.value = '1';
    qty.dispatchEvent(new Event('change', { bubbles: true }));
    line.setAttribute('data-alhena-quantity', '1');
    click('#remove');
    await tracker.flush();
    expectSentEvents(api.requests, [
      ['QUANTITY_INCREASED', 'SKU-1', 3],
      ['QUANTITY_DECREASED', 'SKU-1', 1],
      ['ITEM_REMOVED', 'SKU-1', 0],
    ]);
  });

  it('counts a second click before the store re-rendered the line from its record, not the stale markup', async () => {
    const { api, tracker } = await capturing();
    render(
      `<li data-alhena-product-id="SKU-1" data-alhena-product-name="Shoe" data-alhena-price="10" data-alhena-currency="USD" data-alhena-quantity="2">
        <button id="plus" data-alhena-action="increase-quantity">+</button>
        <button id="remove" data-alhena-action="remove-from-cart">Remove</button></li>`,
    );
    const line = document.querySelector('li') as HTMLElement;
    click('#plus');
    click('#plus'); // the line still says 2
    line.setAttribute('data-alhena-quantity', '4'); // the store catches up
    click('#plus');
    click('#remove');
    click('#remove'); // a double click on Remove: the line still says 5
    await tracker.flush();
    expectSentEvents(api.requests, [
      ['QUANTITY_INCREASED', 'SKU-1', 3],
      ['QUANTITY_INCREASED', 'SKU-1', 4],
      ['QUANTITY_INCREASED', 'SKU-1', 5],
      ['ITEM_REMOVED', 'SKU-1', 0],
    ]);
  });

  it('sends one ITEM_REMOVED for a double click on Remove on a line that shows no quantity', async () => {
    const { api, onError, tracker } = await capturing();
    render(
      card(`<button id="add" data-alhena-action="add-to-cart">Add</button>`) +
        card(`<button id="remove" data-alhena-action="remove-from-cart">Remove</button>`),
    );
    click('#add');
    click('#remove');
    click('#remove');
    await tracker.flush();
    expectSentEvents(api.requests, [
      ['ITEM_ADDED', 'SKU-1', 1],
      ['ITEM_REMOVED', 'SKU-1', 0],
    ]);
    expect(onError).not.toHaveBeenCalled();
  });

  it('tracks a button inside an open shadow root, with its product card inside or around the component', async () => {
    const { api, tracker } = await capturing();
    render(`<div id="inside"></div>${card('<product-buttons id="around"></product-buttons>').replace('SKU-1', 'SKU-2')}`);
    const inside = (document.querySelector('#inside') as HTMLElement).attachShadow({ mode: 'open' });
    const template = document.createElement('template');
    template.innerHTML = card(`<button data-alhena-action="add-to-cart"><span>Add</span></button>`);
    inside.append(template.content);
    const around = (document.querySelector('#around') as HTMLElement).attachShadow({ mode: 'open' });
    const button = document.createElement('button');
    button.setAttribute('data-alhena-action', 'add-to-cart');
    around.append(button);
    (inside.querySelector('span') as HTMLElement).click();
    button.click();
    await tracker.flush();
    expectSentEvents(api.requests, [
      ['ITEM_ADDED', 'SKU-1', 1],
      ['ITEM_ADDED', 'SKU-2', 1],
    ]);
  });

  it('adds data-alhena-quantity units, or the value of the quantity input in the product context', async () => {
    const { api, tracker } = await capturing();
    render(
      card(`<button id="two" data-alhena-action="add-to-cart" data-alhena-quantity="2">Add 2</button>`) +
        `<div data-alhena-product-id="SKU-2" data-alhena-product-name="Socks" data-alhena-price="5" data-alhena-currency="USD">
          <input data-alhena-quantity-input value="3"><button id="socks" data-alhena-action="add-to-cart">Add</button></div>`,
    );
    click('#two');
    click('#socks');
    await tracker.flush();
    expectSentEvents(api.requests, [
      ['ITEM_ADDED', 'SKU-1', 2],
      ['ITEM_ADDED', 'SKU-2', 3],
    ]);
  });

  it('captures a form on submit only: its submit button does not count the same add again', async () => {
    const { api, tracker } = await capturing();
    render(
      `<form id="f" data-alhena-action="add-to-cart" data-alhena-product-id="SKU-1" data-alhena-product-name="Shoe" data-alhena-price="10" data-alhena-currency="USD">
        <input data-alhena-quantity-input value="2"><button id="submit" type="submit">Add</button></form>`,
    );
    document.querySelector('form')?.addEventListener('submit', (event) => event.preventDefault());
    click('#submit');
    await tracker.flush();
    expectSentEvents(api.requests, [['ITEM_ADDED', 'SKU-1', 2]]);
  });

  it('tracks links and controls rendered after load by a single-page app', async () => {
    const { api, tracker } = await capturing();
    await new Promise((resolve) => setTimeout(resolve, 10));
    render(card(`<a id="link" href="#cart" data-alhena-action="add-to-cart"><span id="inner">Add</span></a>`));
    click('#inner');
    await tracker.flush();
    expectSentEvents(api.requests, [['ITEM_ADDED', 'SKU-1', 1]]);
  });

  it('takes the currency from the nearest ancestor that names one, else the currency option', async () => {
    const { api, tracker } = await capturing({ currency: 'GBP' });
    render(
      `<main data-alhena-currency="EUR">${card('<button id="eur" data-alhena-action="add-to-cart">Add</button>', 'data-alhena-price="10"')}</main>
       <div data-alhena-product-id="SKU-3" data-alhena-product-name="Hat" data-alhena-price="12.5"><button id="gbp" data-alhena-action="add-to-cart">Add</button></div>`,
    );
    click('#eur');
    click('#gbp');
    await tracker.flush();
    expect(api.requests.map((r) => r.body.currency)).toEqual(['EUR', 'GBP']);
  });

  it('ignores everything inside data-alhena-ignore, and does nothing when autoTrack is off', async () => {
    const { api, tracker } = await capturing();
    render(`<section data-alhena-ignore>${card('<button id="ignored" data-alhena-action="add-to-cart">Add</button>')}</section>`);
    click('#ignored');
    const off = fakeApi();
    makeTracker({ autoTrack: false }, { fetch: off.fetch });
    await tracker.flush();
    expect(api.requests).toHaveLength(0);
    expect(off.requests).toHaveLength(0);
    // A well-formed button outside the ignored section is captured, once: by the autoTrack tracker, not the other.
    await started();
    await expectCaptureStillSends(tracker, api);
    expect(off.requests).toHaveLength(0);
  });

  it.each([
    [
      'a missing product id',
      '<button id="c" data-alhena-action="add-to-cart">Add</button>',
      'data-alhena-product-id on <button id="c"> is missing',
      'BUTTON',
    ],
    [
      'an empty product id',
      '<div data-alhena-product-id=" "><button id="c" data-alhena-action="add-to-cart">Add</button></div>',
      'data-alhena-product-id="" on <div> must not be empty',
      'DIV',
    ],
    [
      'price "abc"',
      card('<button id="c" data-alhena-action="add-to-cart">Add</button>', 'data-alhena-price="abc"'),
      'data-alhena-price="abc" on <div class="card"> must be a plain decimal number such as 79.99',
      'DIV',
    ],
    [
      'price "$1,299.00"',
      card('<button id="c" data-alhena-action="add-to-cart">Add</button>', 'data-alhena-price="$1,299.00"'),
      'data-alhena-price="$1,299.00" on <div class="card"> must be a plain decimal number',
      'DIV',
    ],
    [
      'a negative quantity',
      card('<button id="c" data-alhena-action="add-to-cart" data-alhena-quantity="-2">Add</button>'),
      'data-alhena-quantity="-2" on <button id="c"> must be a whole number of at least 1',
      'BUTTON',
    ],
    [
      'an unknown action',
      card('<button id="c" data-alhena-action="buy-now">Buy</button>'),
      'data-alhena-action="buy-now" is not one of',
      'BUTTON',
    ],
  ])('sends nothing for %s and reports which attribute on which element', async (_, html, message, tag) => {
    const { api, onError, tracker } = await capturing({ debug: true });
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    render(html);
    click('#c');
    await tracker.flush();
    expect(api.requests).toHaveLength(0);
    expect(onError).toHaveBeenCalledTimes(1);
    const [error] = onError.mock.calls[0];
    expect(error.code).toBe('INVALID_ATTRIBUTES');
    expect(error.message).toContain(message);
    expect(error.element.tagName).toBe(tag);
    expect(info.mock.calls.flat().join(' ')).toContain(message);
    await expectCaptureStillSends(tracker, api);
  });

  it('reports a capture whose attributes are well-formed but whose event is incomplete', async () => {
    const { api, onError, tracker } = await capturing();
    render(`<div data-alhena-product-id="SKU-7"><button id="c" data-alhena-action="add-to-cart">Add</button></div>`);
    click('#c');
    await eventually(() => expect(onError).toHaveBeenCalled());
    expect(onError.mock.calls[0][0]).toMatchObject({ code: 'INVALID_INPUT', element: document.querySelector('#c') });
    expect(onError.mock.calls[0][0].message).toMatch(/productName is required; value is required/);
    await tracker.flush();
    expect(api.requests).toHaveLength(0);
    await expectCaptureStillSends(tracker, api);
  });
});
