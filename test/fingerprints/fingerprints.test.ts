import { describe, expect, it, vi } from 'vitest';
import { readFingerprints, watchFingerprints } from '../../src/fingerprints/fingerprints';
import { cartBody, cartEvent, eventually, FP, fakeApi, makeTracker, setWidget } from '../helpers';

const widgetTracker = (api: ReturnType<typeof fakeApi>) => makeTracker({ fingerprints: undefined }, { fetch: api.fetch });

describe('reading fingerprints', () => {
  it('reads both values from window.gleenWidget', () => {
    setWidget();
    expect(readFingerprints()).toEqual(FP);
  });

  it.each([
    ['the widget is missing', () => {}],
    ['its methods are missing', () => Object.assign(window, { gleenWidget: {} })],
    [
      'a method throws',
      () =>
        Object.assign(window, {
          gleenWidget: {
            getFingerprint: () => {
              throw new Error('boom');
            },
            getFAQFingerprint: () => FP.faq,
          },
        }),
    ],
    [
      'a method returns undefined',
      () => Object.assign(window, { gleenWidget: { getFingerprint: () => undefined, getFAQFingerprint: () => FP.faq } }),
    ],
    ['a method returns an empty string', () => setWidget(FP.user, '')],
    ['a method returns a number', () => setWidget(42, FP.faq)],
    // The rule the server applies to what the browser hands over (fingerprintProblem), applied here too.
    ['a value holds a space', () => setWidget('user 1', FP.faq)],
    ['a value is longer than 256 characters', () => setWidget('u'.repeat(257), FP.faq)],
    ['a value is the text "undefined"', () => setWidget('undefined', FP.faq)],
    ['a value holds a character outside printable ASCII', () => setWidget(FP.user, 'faq\u00e9')],
    [
      'gleenWidget is a getter that throws',
      () =>
        Object.defineProperty(window, 'gleenWidget', {
          configurable: true,
          get() {
            throw new Error('boom');
          },
        }),
    ],
  ])('returns null without throwing when %s', (_, arrange) => {
    arrange();
    expect(readFingerprints()).toBeNull();
    delete (window as unknown as Record<string, unknown>).gleenWidget;
  });

  it('trims what the widget gives, and reads the option’s object by its own properties only', () => {
    setWidget(` ${FP.user}\n`, FP.faq);
    expect(readFingerprints()).toEqual(FP);
    // A polluted prototype supplies no fingerprint.
    expect(readFingerprints(() => Object.create({ user: FP.user, faq: FP.faq }))).toBeNull();
    expect(readFingerprints(() => Object.assign(Object.create({ user: 'inherited' }), { faq: FP.faq }))).toBeNull();
  });

  it('uses the `fingerprints` option instead of the widget, and validates what it returns', () => {
    setWidget('widget-user', 'widget-faq');
    expect(readFingerprints(() => FP)).toEqual(FP);
    expect(readFingerprints(() => ({ user: FP.user, faq: '' }))).toBeNull();
    expect(
      readFingerprints(() => {
        throw new Error('no');
      }),
    ).toBeNull();
  });

  it('reports readiness once, when the widget fires widget:loaded', () => {
    vi.useFakeTimers();
    const listeners: (() => void)[] = [];
    let loaded = false;
    Object.assign(window, {
      gleenWidget: {
        on: (event: string, callback: () => void) => event === 'widget:loaded' && listeners.push(callback),
        getFingerprint: () => (loaded ? FP.user : undefined),
        getFAQFingerprint: () => (loaded ? FP.faq : undefined),
      },
    });
    const onReady = vi.fn();
    watchFingerprints(() => readFingerprints(), onReady);
    expect(listeners).toHaveLength(1);
    loaded = true;
    listeners[0]();
    vi.advanceTimersByTime(5_000);
    expect(onReady).toHaveBeenCalledTimes(1);
  });
});

describe('events waiting for fingerprints', () => {
  it('holds events while the widget is absent and sends them, in order, once it appears', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    const tracker = widgetTracker(api);
    const first = tracker.trackCartEvent(cartEvent());
    const second = tracker.trackCartEvent(cartEvent({ type: 'QUANTITY_INCREASED', quantity: 2 }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(api.requests).toHaveLength(0);
    expect(await first).toMatchObject({ status: 'queued' });
    expect(await second).toMatchObject({ status: 'queued' });
    setWidget();
    await eventually(() => expect(api.requests).toHaveLength(2));
    expect(api.bodies()).toEqual([cartBody(), cartBody({ type: 'QUANTITY_INCREASED', quantity: 2 })]);
    tracker.shutdown();
  });

  it('never sends with only one fingerprint', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    Object.assign(window, { gleenWidget: { getFingerprint: () => FP.user, getFAQFingerprint: () => undefined } });
    const tracker = widgetTracker(api);
    tracker.trackCartEvent(cartEvent());
    await vi.advanceTimersByTimeAsync(5_000);
    expect(api.requests).toHaveLength(0);
    // Once the widget has both, the held event goes out, once.
    setWidget();
    await eventually(() => expect(api.bodies()).toEqual([cartBody()]));
    tracker.shutdown();
  });

  it('does not throw into the page when the widget misbehaves', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    Object.assign(window, {
      gleenWidget: {
        getFingerprint: () => {
          throw new Error('x');
        },
        on: () => {
          throw new Error('y');
        },
      },
    });
    const tracker = widgetTracker(api);
    await expect(tracker.trackCartEvent(cartEvent())).resolves.toMatchObject({ status: 'queued' });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(api.requests).toHaveLength(0);
    // A widget that behaves, once the page has one, releases the held event.
    setWidget();
    await eventually(() => expect(api.bodies()).toEqual([cartBody()]));
    tracker.shutdown();
  });

  it('getFingerprints() returns the values once the widget has them, and null without a widget', async () => {
    vi.useFakeTimers();
    const tracker = widgetTracker(fakeApi());
    const late = tracker.getFingerprints();
    await vi.advanceTimersByTimeAsync(1_000);
    setWidget();
    await vi.advanceTimersByTimeAsync(500);
    await expect(late).resolves.toEqual(FP);
    delete (window as unknown as Record<string, unknown>).gleenWidget;
    const none = tracker.getFingerprints();
    await vi.advanceTimersByTimeAsync(6_000);
    await expect(none).resolves.toBeNull();
    tracker.shutdown();
  });
});
