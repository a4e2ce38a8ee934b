import { describe, expect, it, vi } from 'vitest';
import { HANDOFF_WAIT_MS } from '../../src/fingerprints/fingerprints';
import { cartEvent, FP, fakeApi, makeTracker, order, setWidget, started } from '../helpers';

/** A checkout form whose submissions the store's own handler (bubbling, on the document) records and keeps on the page. */
function checkoutForm(attributes = 'data-alhena-fingerprints') {
  document.body.insertAdjacentHTML(
    'beforeend',
    `<form id="checkout" ${attributes} action="/pay" method="post"><input name="email" value="ada@example.com"><button id="pay">Pay</button></form>`,
  );
  const form = document.getElementById('checkout') as HTMLFormElement;
  const submitted: Record<string, string>[] = [];
  document.addEventListener('submit', (event) => {
    event.preventDefault();
    submitted.push(Object.fromEntries(new FormData(event.target as HTMLFormElement)) as Record<string, string>);
  });
  return { form, submitted, submit: () => (document.getElementById('pay') as HTMLButtonElement).click() };
}

const HANDED_OVER = { email: 'ada@example.com', alhena_user_fingerprint: FP.user, alhena_faq_fingerprint: FP.faq };

describe('a <form data-alhena-fingerprints>', () => {
  it('gets the two hidden inputs, filled as it is submitted, and is submitted once', async () => {
    setWidget();
    makeTracker({ fingerprints: undefined });
    await started();
    const { form, submitted, submit } = checkoutForm();
    submit();
    expect(submitted).toEqual([HANDED_OVER]);
    expect([...form.querySelectorAll('input[type="hidden"]')].map((input) => (input as HTMLInputElement).name)).toEqual([
      'alhena_user_fingerprint',
      'alhena_faq_fingerprint',
    ]);
  });

  it('leaves a form without the attribute alone', async () => {
    setWidget();
    makeTracker({ fingerprints: undefined });
    await started();
    const { submitted, submit } = checkoutForm('');
    submit();
    expect(submitted).toEqual([{ email: 'ada@example.com' }]);
  });

  it.each(['pending', 'denied'] as const)('hands nothing over while consent is %s, and empties fields filled before', async (consent) => {
    setWidget();
    const tracker = makeTracker({ fingerprints: undefined });
    await started();
    const { submitted, submit } = checkoutForm();
    submit();
    tracker.setConsent(consent);
    submit();
    expect(submitted).toEqual([HANDED_OVER, { email: 'ada@example.com', alhena_user_fingerprint: '', alhena_faq_fingerprint: '' }]);
    // Granted afterwards, the next submission hands them over again.
    tracker.setConsent('granted');
    submit();
    expect(submitted.at(-1)).toEqual(HANDED_OVER);
  });

  it('waits for a widget that is still loading, then submits with its fingerprints', async () => {
    vi.useFakeTimers();
    makeTracker({ fingerprints: undefined });
    await vi.advanceTimersByTimeAsync(1);
    const { submitted, submit } = checkoutForm();
    submit();
    expect(submitted).toEqual([]);
    setWidget();
    await vi.advanceTimersByTimeAsync(300);
    expect(submitted).toEqual([HANDED_OVER]);
  });

  it('submits without them once the wait is over, rather than hold the checkout up', async () => {
    vi.useFakeTimers();
    makeTracker({ fingerprints: undefined });
    await vi.advanceTimersByTimeAsync(1);
    const { submitted, submit } = checkoutForm();
    submit();
    await vi.advanceTimersByTimeAsync(HANDOFF_WAIT_MS - 1);
    expect(submitted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(submitted).toEqual([{ email: 'ada@example.com' }]);
  });
});

describe('a submission held for the widget', () => {
  /** A form with two submit buttons (the server reads which), whose Pay button the page swaps for a spinner as it is clicked. */
  function payForm() {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<form id="checkout" data-alhena-fingerprints action="/pay" method="post"><input name="email" value="ada@example.com">
        <span id="slot"><button id="pay" name="op" value="pay" formaction="/pay-now">Pay</button></span><button name="op" value="save">Save</button></form>`,
    );
    const submitted: { fields: Record<string, string>; action: string }[] = [];
    document.addEventListener('submit', (event) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      // happy-dom gives the form itself as the submitter of requestSubmit() without one.
      const { submitter } = event as SubmitEvent;
      const button = submitter?.tagName === 'BUTTON' ? submitter : undefined;
      const fields = Object.fromEntries(new FormData(form, button)) as Record<string, string>;
      submitted.push({ fields, action: button?.getAttribute('formaction') ?? form.getAttribute('action') ?? '' });
    });
    return submitted;
  }

  it.each([
    ['replaced by a spinner', () => document.getElementById('slot')?.replaceChildren(document.createTextNode('Processing…'))],
    ['disabled', () => document.getElementById('pay')?.setAttribute('disabled', '')],
  ])(
    'still carries its button’s name, value and formaction when the button was %s meanwhile, and nothing reaches the page',
    async (_, change) => {
      vi.useFakeTimers();
      const errors = vi.fn();
      window.addEventListener('error', errors);
      makeTracker({ fingerprints: undefined });
      await vi.advanceTimersByTimeAsync(1);
      const submitted = payForm();
      (document.getElementById('pay') as HTMLButtonElement).click();
      change();
      setWidget();
      await vi.advanceTimersByTimeAsync(300);
      window.removeEventListener('error', errors);
      expect(submitted).toEqual([{ fields: { ...HANDED_OVER, op: 'pay' }, action: '/pay-now' }]);
      expect(errors).not.toHaveBeenCalled();
      // The form is as the page left it.
      expect(document.getElementById('checkout')?.getAttribute('action')).toBe('/pay');
      expect(document.querySelectorAll('input[name="op"]')).toHaveLength(0);
    },
  );

  it('without requestSubmit (Safari before 16), goes through the page’s own submit handlers', async () => {
    vi.useFakeTimers();
    makeTracker({ fingerprints: undefined });
    await vi.advanceTimersByTimeAsync(1);
    const submitted = payForm();
    (document.getElementById('pay') as HTMLButtonElement).click();
    // Taken away after the click: happy-dom's own button click uses it.
    vi.spyOn(HTMLFormElement.prototype, 'requestSubmit', 'get').mockReturnValue(undefined as never);
    vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {});
    setWidget();
    await vi.advanceTimersByTimeAsync(300);
    expect(submitted.map((s) => s.fields)).toEqual([{ ...HANDED_OVER, op: 'pay' }]);
  });

  it('hands the fingerprints over without a company key, for a store that keeps it on its server', async () => {
    setWidget();
    const onError = vi.fn();
    makeTracker({ companyKey: undefined, fingerprints: undefined, onError });
    await started();
    const { submitted, submit } = checkoutForm();
    submit();
    expect(submitted).toEqual([HANDED_OVER]);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'CONFIG' }));
  });
});

describe('getFingerprintFields', () => {
  it('returns the fields the server entry reads back', async () => {
    setWidget();
    expect(await makeTracker({ fingerprints: undefined }).getFingerprintFields()).toEqual({
      alhena_user_fingerprint: FP.user,
      alhena_faq_fingerprint: FP.faq,
    });
  });

  it.each(['pending', 'denied'] as const)('returns null while consent is %s, as getFingerprints does', async (consent) => {
    setWidget();
    const tracker = makeTracker({ fingerprints: undefined, consent });
    expect(await tracker.getFingerprintFields()).toBeNull();
    expect(await tracker.getFingerprints()).toBeNull();
    tracker.setConsent('granted');
    expect(await tracker.getFingerprintFields()).toEqual({ alhena_user_fingerprint: FP.user, alhena_faq_fingerprint: FP.faq });
  });

  it('waits up to 1 s for the widget, then answers null', async () => {
    vi.useFakeTimers();
    const pending = makeTracker({ fingerprints: undefined }).getFingerprintFields();
    await vi.advanceTimersByTimeAsync(HANDOFF_WAIT_MS);
    expect(await pending).toBeNull();
  });
});

describe('ordersFrom: "server"', () => {
  it('sends no checkout from the browser and reads no order page, while cart events still go out', async () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<div data-alhena-order data-alhena-order-id="ORD-9" data-alhena-order-value="10" data-alhena-currency="USD">
        <div data-alhena-line-item data-alhena-product-id="SKU-1" data-alhena-product-name="Shoe" data-alhena-quantity="1" data-alhena-line-value="10"></div></div>`,
    );
    const api = fakeApi();
    const onError = vi.fn();
    const tracker = makeTracker({ ordersFrom: 'server', autoTrack: true, onError }, { fetch: api.fetch });
    expect(await tracker.trackCheckout(order())).toMatchObject({ status: 'dropped', code: 'ORDERS_FROM_SERVER' });
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'recorded' });
    await tracker.flush();
    expect(api.requests.map((r) => r.path)).toEqual(['/analytics/cart_events']);
    expect(onError).not.toHaveBeenCalled();
  });
});

/** A form built from `html`, whose submissions (with the button `#go` unless told) the store's handler records. */
function formOf(html: string) {
  document.body.insertAdjacentHTML('beforeend', html);
  const form = document.querySelector('form:last-of-type') as HTMLFormElement;
  const submitted: Record<string, string>[] = [];
  document.addEventListener('submit', (event) => {
    event.preventDefault();
    submitted.push(Object.fromEntries(new FormData(event.target as HTMLFormElement)) as Record<string, string>);
  });
  return { form, submitted, click: (id = 'go') => (document.getElementById(id) as HTMLButtonElement).click() };
}

const FIELDS = { alhena_user_fingerprint: FP.user, alhena_faq_fingerprint: FP.faq };

describe('only the store’s own forms get the fingerprints (contract § 11)', () => {
  it.each([
    [
      'posts to another origin',
      '<form data-alhena-fingerprints action="https://evil.example/collect" method="post"><button id="go">Pay</button></form>',
    ],
    ['submits with GET', '<form data-alhena-fingerprints action="/pay"><button id="go">Pay</button></form>'],
    [
      'submits with method="get" spelled out',
      '<form data-alhena-fingerprints action="/pay" method="GET"><button id="go">Pay</button></form>',
    ],
    [
      'is same-origin but its button has a foreign formaction',
      '<form data-alhena-fingerprints action="/pay" method="post"><button id="go" formaction="https://evil.example/x">Pay</button></form>',
    ],
    [
      'is a POST whose button switches it to GET',
      '<form data-alhena-fingerprints action="/pay" method="post"><button id="go" formmethod="get">Pay</button></form>',
    ],
    [
      'posts elsewhere while a field named "action" shadows form.action',
      '<form data-alhena-fingerprints action="https://evil.example/c" method="post"><input name="action" value="/pay"><button id="go">Pay</button></form>',
    ],
    [
      'lists an origin that is not where it posts',
      '<form data-alhena-fingerprints="https://pay.example" action="https://evil.example/c" method="post"><button id="go">Pay</button></form>',
    ],
  ])('a form that %s gets nothing, and goes ahead; debug mode says why', async (_, html) => {
    setWidget();
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    makeTracker({ fingerprints: undefined, debug: true });
    await started();
    const { form, submitted, click } = formOf(html);
    click();
    expect(submitted).toHaveLength(1);
    expect(Object.keys(submitted[0]).filter((name) => name.startsWith('alhena_'))).toEqual([]);
    expect(form.querySelectorAll('input[type="hidden"]')).toHaveLength(0);
    expect(info.mock.calls.flat().join(' ')).toMatch(/fingerprint form not filled: it (posts to|submits with)/);
  });

  it.each([
    ['no action (the page’s own address)', '<form data-alhena-fingerprints method="post"><button id="go">Pay</button></form>', {}],
    ['a relative action', '<form data-alhena-fingerprints action="checkout/pay" method="POST"><button id="go">Pay</button></form>', {}],
    [
      'another origin listed in the attribute',
      '<form data-alhena-fingerprints="https://pay.example https://other.example" action="https://pay.example/session" method="post"><button id="go">Pay</button></form>',
      {},
    ],
    [
      'another origin listed in handoffOrigins',
      '<form data-alhena-fingerprints action="https://pay.example/session" method="post"><button id="go">Pay</button></form>',
      { handoffOrigins: ['https://pay.example/'] },
    ],
    [
      'a GET form whose button POSTs to this origin',
      '<form data-alhena-fingerprints action="https://evil.example/c"><button id="go" formaction="/pay" formmethod="post">Pay</button></form>',
      {},
    ],
  ])('a form with %s gets them', async (_, html, options) => {
    setWidget();
    makeTracker({ fingerprints: undefined, ...options });
    await started();
    const { submitted, click } = formOf(html);
    click();
    expect(submitted).toEqual([FIELDS]);
  });

  it('empties what an earlier same-origin submission filled in when the next one goes elsewhere', async () => {
    setWidget();
    makeTracker({ fingerprints: undefined });
    await started();
    const { submitted, click } = formOf(
      '<form data-alhena-fingerprints action="/pay" method="post"><button id="go">Pay</button><button id="away" formaction="https://evil.example/x">Other</button></form>',
    );
    click('go');
    click('away');
    expect(submitted).toEqual([FIELDS, { alhena_user_fingerprint: '', alhena_faq_fingerprint: '' }]);
  });

  it('refuses handoffOrigins that are not http(s) origins, naming the option', async () => {
    const onError = vi.fn();
    makeTracker({ handoffOrigins: ['javascript:alert(1)'], onError });
    await started();
    expect(
      onError.mock.calls
        .flat()
        .map((error) => error.message)
        .join(' '),
    ).toContain('option `handoffOrigins` must be an http(s) origin such as "https://pay.example"');
  });
});
