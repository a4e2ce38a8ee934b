import { describe, expect, it, vi } from 'vitest';
import { cartEvent, eventually, expectSentEvents, expectStillSends, fakeApi, KEYS, makeTracker, order } from '../helpers';

/** The keys this tracker's company key ("acme") writes. */
const sdkKeys = () => Object.keys(localStorage).filter((k) => k.startsWith(KEYS.namespace));

describe('consent', () => {
  it('pending holds events in memory and sends nothing; granted releases them in order', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ consent: 'pending' }, { fetch: api.fetch });
    const results = await Promise.all([
      tracker.trackCartEvent(cartEvent()),
      tracker.trackCartEvent(cartEvent({ type: 'QUANTITY_INCREASED', quantity: 2 })),
      tracker.trackCheckout(order()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
    await tracker.flush();
    expect(api.requests).toHaveLength(0);
    expect(sdkKeys()).toEqual([]);
    tracker.setConsent('granted');
    await eventually(() => expect(api.requests).toHaveLength(3));
    expectSentEvents(api.requests, [
      ['ITEM_ADDED', 'SKU-1', 1],
      ['QUANTITY_INCREASED', 'SKU-1', 2],
      ['CHECKOUT', 'ORD-7890'],
    ]);
  });

  it('while pending, an event held for more than 24 hours is dropped as EXPIRED when the next one is tracked, not sent later', async () => {
    const api = fakeApi();
    const onEvent = vi.fn();
    let now = Date.parse('2026-12-01T10:00:00Z');
    const tracker = makeTracker({ consent: 'pending', onEvent }, { fetch: api.fetch, now: () => now });
    await tracker.trackCartEvent(cartEvent());
    now += 24 * 60 * 60_000 + 1;
    await tracker.trackCartEvent(cartEvent({ productId: 'SKU-2' }));
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ status: 'dropped', code: 'EXPIRED' }));
    tracker.setConsent('granted');
    await eventually(() => expect(api.requests).toHaveLength(1));
    await tracker.flush();
    expectSentEvents(api.requests, [['ITEM_ADDED', 'SKU-2', 1]]);
  });

  it('denied drops held events, reports them, and clears this company key’s stored data, and only it', async () => {
    localStorage.setItem('alhena-cart:1:other:cart', '{}');
    localStorage.setItem('unrelated', 'keep me');
    const api = fakeApi();
    const onEvent = vi.fn();
    const onError = vi.fn();
    const tracker = makeTracker({ consent: 'pending', onEvent, onError }, { fetch: api.fetch });
    const held = await tracker.trackCartEvent(cartEvent());
    tracker.setConsent('denied');
    expect(onEvent).toHaveBeenCalledWith({ status: 'dropped', eventId: held.eventId, code: 'CONSENT_DENIED' });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'CONSENT_DENIED', eventId: held.eventId }));
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'dropped', code: 'CONSENT_DENIED' });
    expect(await tracker.trackCheckout(order())).toMatchObject({ status: 'dropped', code: 'CONSENT_DENIED' });
    expect(sdkKeys()).toEqual([]);
    expect(localStorage.getItem('unrelated')).toBe('keep me');
    // Another company key's tracker on the page keeps its data: it was asked nothing.
    expect(localStorage.getItem('alhena-cart:1:other:cart')).toBe('{}');
    tracker.setConsent('granted');
    await tracker.flush();
    expect(api.requests).toHaveLength(0);
    // Granted again, it sends what it tracks from then on, and nothing it dropped.
    await expectStillSends(tracker, api);
  });

  it('denied for another company key’s tracker leaves this one’s queued events where they are', async () => {
    const api = fakeApi(() => new Promise<Response>(() => {})); // the event stays queued, its answer never comes
    const acme = makeTracker({}, { fetch: api.fetch });
    void acme.trackCartEvent(cartEvent());
    await eventually(() => expect(api.requests).toHaveLength(1));
    const queued = sdkKeys().filter((k) => k.startsWith(KEYS.segmentPrefix));
    expect(queued).toHaveLength(1);
    makeTracker({ companyKey: 'other' }, { fetch: fakeApi().fetch }).setConsent('denied');
    expect(sdkKeys().filter((k) => k.startsWith(KEYS.segmentPrefix))).toEqual(queued);
  });

  it('denied from the start clears what earlier pages stored', async () => {
    localStorage.setItem('alhena-cart:1:acme:orders', '[["A",1]]');
    const tracker = makeTracker({ consent: 'denied' }, { fetch: fakeApi().fetch });
    await tracker.flush();
    expect(sdkKeys()).toEqual([]);
  });

  it('granted after pending persists what was held, and sends what earlier pages left first', async () => {
    const api = fakeApi(() => new Promise<Response>(() => {}));
    const tracker = makeTracker({ consent: 'pending' }, { fetch: api.fetch });
    await tracker.trackCartEvent(cartEvent());
    expect(sdkKeys()).toEqual([]);
    tracker.setConsent('granted');
    expect(sdkKeys().some((k) => k.includes(':q:'))).toBe(true);
  });

  it('ignores an unknown consent value, with an error', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const tracker = makeTracker({}, { fetch: fakeApi().fetch });
    tracker.setConsent('maybe' as never);
    expect(String(error.mock.calls[0][1])).toContain('setConsent');
  });
});
