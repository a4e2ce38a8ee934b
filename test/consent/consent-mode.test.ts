import { afterEach, describe, expect, it, vi } from 'vitest';
import { readScriptAttributes } from '../../src/config/script-attributes';
import { configRows } from '../../src/inspector/config-sources';
import { startSoon } from '../../src/lib/start-soon';
import { buildTracker } from '../../src/tracker/tracker';
import type { Options, Tracker } from '../../src/types';
import { gtagArguments } from '../fixtures/ga4';
import { cartEvent, eventually, expectSentEvents, expectStillSends, FP, fakeApi, KEYS, makeTracker, order } from '../helpers';

type Layer = { push: (...entries: unknown[]) => number } & unknown[];
const w = window as unknown as { dataLayer?: Layer };
/** gtag as Google's snippet defines it: it pushes its `arguments` object. */
const gtag = (...args: unknown[]) => {
  w.dataLayer ??= [] as unknown as Layer;
  return w.dataLayer.push(gtagArguments(...args));
};
const sdkKeys = () => Object.keys(localStorage).filter((k) => k.startsWith(KEYS.namespace));

const cores: Tracker[] = [];
/** A tracker from the main npm entry's core: no capture plugin, so no dataLayer bridge. */
function coreTracker(options: Options, fetch: typeof globalThis.fetch) {
  const tracker = buildTracker({ companyKey: 'acme', fingerprints: () => FP, ...options }, { seams: { fetch }, schedule: startSoon });
  cores.push(tracker);
  return tracker;
}
afterEach(() => {
  for (const tracker of cores.splice(0)) tracker.shutdown();
});

describe("consent: 'google' (Google Consent Mode v2)", () => {
  it('a default of denied drops calls, never sent later (contract § 11); an update granted sends what comes after', async () => {
    gtag('consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied' });
    const api = fakeApi();
    const tracker = makeTracker({ consent: 'google' }, { fetch: api.fetch });
    const results = await Promise.all([tracker.trackCartEvent(cartEvent()), tracker.trackCheckout(order())]);
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['dropped', 'CONSENT_DENIED'],
      ['dropped', 'CONSENT_DENIED'],
    ]);
    expect(sdkKeys()).toEqual([]);
    gtag('consent', 'update', { analytics_storage: 'granted', ad_storage: 'granted' });
    expect(await tracker.trackCartEvent(cartEvent({ type: 'QUANTITY_INCREASED', quantity: 2 }))).toMatchObject({ status: 'recorded' });
    await tracker.flush();
    expectSentEvents(api.requests, [['QUANTITY_INCREASED', 'SKU-1', 2]]);
  });

  it('counts the default and the update pushed before the SDK loaded, from the main entry without capture', async () => {
    gtag('consent', 'default', { analytics_storage: 'denied' });
    gtag('consent', 'update', { analytics_storage: 'granted' });
    const api = fakeApi();
    const tracker = coreTracker({ consent: 'google' }, api.fetch);
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'recorded' });
    expectSentEvents(api.requests, [['ITEM_ADDED', 'SKU-1', 1]]);
  });

  it('an update denied after a grant clears stored data and drops later calls, never sent; a later grant sends again', async () => {
    const api = fakeApi();
    const onEvent = vi.fn();
    const tracker = coreTracker({ consent: 'google', onEvent }, api.fetch);
    gtag('consent', 'update', { analytics_storage: 'granted' });
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'recorded' });
    expect(sdkKeys()).not.toEqual([]); // the cart record, stored while granted
    gtag('consent', 'update', { analytics_storage: 'denied' });
    expect(sdkKeys()).toEqual([]);
    expect(await tracker.trackCartEvent(cartEvent({ productId: 'SKU-2' }))).toMatchObject({ status: 'dropped', code: 'CONSENT_DENIED' });
    expect(await tracker.trackCheckout(order())).toMatchObject({ status: 'dropped', code: 'CONSENT_DENIED' });
    // A later default changes nothing: the visitor's answer (the update) wins, as in gtag.
    gtag('consent', 'default', { analytics_storage: 'granted' });
    expect(await tracker.trackCartEvent(cartEvent({ productId: 'SKU-3' }))).toMatchObject({ status: 'dropped' });
    await tracker.flush();
    expectSentEvents(api.requests, [['ITEM_ADDED', 'SKU-1', 1]]);
    gtag('consent', 'update', { analytics_storage: 'granted' });
    await expectStillSends(tracker, api, { before: [['ITEM_ADDED', 'SKU-1', 1]] });
  });

  it('without any signal it is pending: nothing sent, nothing stored, until an update grants', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ consent: 'google' }, { fetch: api.fetch });
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'queued' });
    await tracker.flush();
    expect(api.requests).toHaveLength(0);
    expect(sdkKeys()).toEqual([]);
    expect(await tracker.getFingerprints()).toBeNull();
    gtag('consent', 'update', { analytics_storage: 'granted' });
    await eventually(() => expect(api.requests).toHaveLength(1));
    expectSentEvents(api.requests, [['ITEM_ADDED', 'SKU-1', 1]]);
  });

  it('ad_storage alone, or a default for some regions only, changes nothing: analytics_storage decides', async () => {
    const api = fakeApi();
    const tracker = makeTracker({ consent: 'google' }, { fetch: api.fetch });
    gtag('consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' });
    gtag('consent', 'default', { analytics_storage: 'granted', region: ['US-CA'] });
    gtag('set', 'ads_data_redaction', true);
    expect(await tracker.trackCartEvent(cartEvent())).toMatchObject({ status: 'queued' });
    await tracker.flush();
    expect(api.requests).toHaveLength(0);
    gtag('consent', 'update', { analytics_storage: 'granted' });
    await eventually(() => expect(api.requests).toHaveLength(1));
    gtag('consent', 'update', { ad_storage: 'denied' });
    expect(await tracker.trackCartEvent(cartEvent({ productId: 'SKU-2' }))).toMatchObject({ status: 'recorded' });
    expectSentEvents(api.requests, [
      ['ITEM_ADDED', 'SKU-1', 1],
      ['ITEM_ADDED', 'SKU-2', 1],
    ]);
  });

  it('chains with a push wrapper installed before it, and returns what the page’s push returns', async () => {
    const seen: unknown[] = [];
    const layer = [] as unknown as Layer;
    const original = layer.push;
    layer.push = function (this: unknown, ...entries: unknown[]) {
      seen.push(...entries);
      return original.apply(this, entries);
    };
    w.dataLayer = layer;
    const pageWrapper = layer.push;
    const api = fakeApi();
    const tracker = coreTracker({ consent: 'google' }, api.fetch);
    await tracker.flush();
    expect(layer.push).not.toBe(pageWrapper);
    expect(gtag('consent', 'update', { analytics_storage: 'granted' })).toBe(1);
    expect(seen).toHaveLength(1);
    await expectStillSends(tracker, api);
    tracker.shutdown();
    expect(layer.push).toBe(pageWrapper); // its wrapper is removed, the page's kept
  });

  it('the option and the script attribute accept "google"; another value is a CONFIG error naming the option, nothing sent', async () => {
    const script = document.createElement('script');
    script.setAttribute('data-consent', ' Google ');
    expect(readScriptAttributes(script)).toEqual({ consent: ' Google ' });
    gtag('consent', 'default', { analytics_storage: 'granted' });
    const api = fakeApi();
    const accepted = coreTracker(readScriptAttributes(script), api.fetch);
    expect(await accepted.trackCartEvent(cartEvent())).toMatchObject({ status: 'recorded' });
    const onError = vi.fn();
    const refused = coreTracker({ consent: 'gtag' as never, onError }, api.fetch);
    expect(await refused.trackCartEvent(cartEvent())).toMatchObject({ status: 'dropped', code: 'CONFIG' });
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'CONFIG', message: 'option `consent` must be "granted", "pending", "denied" or "google"' }),
    );
    expect(api.requests).toHaveLength(1);
  });

  it('the inspector’s configuration row names it and the state it follows now', () => {
    const row = (consent: string) =>
      configRows({ options: { consent: ' Google' }, config: { consent } } as never, document).find((r) => r.name === 'consent');
    expect(row('pending')).toMatchObject({ value: 'google (pending)', source: 'option' });
    expect(row('granted')?.value).toBe('google (granted)');
  });
});
