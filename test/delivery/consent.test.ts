import { describe, expect, it, vi } from 'vitest';
import { cartEvent, eventually, expectSentEvents, fakeApi, makeTracker, order } from '../helpers';

const sdkKeys = () => Object.keys(localStorage).filter((k) => k.startsWith('alhena-cart:'));

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

  it('denied drops held events, reports them, and clears the SDK’s stored data', async () => {
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
    tracker.setConsent('granted');
    await tracker.flush();
    expect(api.requests).toHaveLength(0);
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
