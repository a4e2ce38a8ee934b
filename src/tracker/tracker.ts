import { resolveConfig } from '../config/options';
import { toFingerprintFields } from '../events/fingerprint-fields';
import { HANDOFF_WAIT_MS, type HandoffSource, originsOf, readFingerprints, waitForFingerprints } from '../fingerprints/fingerprints';
import { createHold } from '../lib/hold';
import { createLogger } from '../lib/logger';
import { addSource, type EventOrigin, emit, type Observation } from '../observe';
import type { Consent, Fingerprints, Options, TrackResult } from '../types';
import type { Calls } from './calls';
import { createOutcomes } from './outcomes';
import type { TrackerPlugin } from './plugin';
import { type Lifecycle, runTracker } from './run';
import type { AdoptedTracker, TrackerSetup } from './setup';

/** How long `getFingerprints()` waits for a widget that has not loaded yet. */
export const FINGERPRINT_WAIT_MS = 5_000;

/** Wires configuration → validation → delivery and plugins for one company key. No method throws or rejects. */
export function buildTracker(givenOptions: Options = {}, setup: TrackerSetup = {}): AdoptedTracker {
  let options = givenOptions ?? {};
  let plugins = setup.plugins ?? [];
  const logger = createLogger(() => options?.debug === true);
  const outcomes = createOutcomes(() => options ?? {}, logger);
  const doc = globalThis.document as Document | undefined;
  const inBrowser = doc !== undefined && typeof window !== 'undefined';
  const readFp = (): Fingerprints | null =>
    readFingerprints(typeof options?.fingerprints === 'function' ? options.fingerprints : undefined);
  let state: Lifecycle = { name: 'created' };
  const pageStops: (() => void)[] = [];
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  /** Calls made before the configuration is read wait for it, and keep their order (lib/hold.ts). */
  const { hold, waiting } = createHold(ready);

  const createdAt = globalThis.performance?.now() ?? 0;
  const observed = () => trackerObservation(state, options ?? {}, readFp, createdAt);
  const stopObserved = inBrowser ? addSource(observed) : () => false;
  const enter = (next: Lifecycle) => {
    state = next;
    if (next.name === 'running' || next.name === 'refused') markReady();
    emit(observed);
  };
  const consentNow = (): string =>
    state.name === 'running'
      ? state.session.consent()
      : String(options?.consent ?? 'granted')
          .trim()
          .toLowerCase();

  /** Reads the configuration; `last`: no later reading will come (the page has been parsed), so a missing company key is final. */
  const readConfiguration = (last: boolean) => {
    if (state.name !== 'created' && state.name !== 'reading') return;
    try {
      const resolved = resolveConfig(options ?? {}, doc, setup.autoTrackDefault);
      if (!resolved.ok && !last && resolved.missingKey) return enter({ name: 'reading' });
      if (resolved.ok) {
        const trackCheckout = (order: unknown, origin: EventOrigin) =>
          guarded('trackCheckout', (calls) => calls.trackCheckout(order, origin));
        const seams = setup.seams ?? {};
        const context = {
          logger,
          outcomes,
          fingerprints: readFp,
          plugins,
          seams,
          trackCheckout,
          loadCapture: setup.loadCapture && loadCapture,
        };
        return runTracker(resolved.config, context, enter);
      }
      enter({ name: 'refused', code: 'CONFIG' });
      logger.error(resolved.message);
      outcomes.error({ code: 'CONFIG', message: resolved.message });
    } catch (error) {
      // What the page's objects throw (options, widget, storage) stops here.
      enter({ name: 'refused', code: 'INTERNAL_ERROR' });
      logger.error('could not start', error);
    }
  };

  /**
   * Starts reading the configuration: on the first call, or soon after the tracker is created, so that
   * creating one (`init()`) costs the page almost nothing. The widget's snippet (document.gleenConfig)
   * often comes later in the page than this SDK: a missing company key is read again once it is parsed.
   */
  const start = () => {
    if (state.name !== 'created') return;
    if (!inBrowser) return enter({ name: 'refused', code: 'NOT_IN_BROWSER' });
    enter({ name: 'reading' });
    startPagePlugins(plugins);
    if (setup.loadCapture && doc.querySelector('form[data-alhena-fingerprints]')) loadCapture();
    const loading = doc.readyState === 'loading';
    if (!setup.adoptable) readConfiguration(!loading); // else `init()` may still come in this task
    if ((state as Lifecycle).name !== 'reading') return; // read already, refused or running
    if (loading) doc.addEventListener('DOMContentLoaded', () => readConfiguration(true), { once: true });
    else setTimeout(() => readConfiguration(true), 0);
  };

  /** The plugins' page parts: they need no configuration (a form hands the fingerprints over without a company key). */
  function startPagePlugins(started: TrackerPlugin[]) {
    const handoff: HandoffSource = {
      allowed: () => consentNow() === 'granted',
      read: readFp,
      wait: handOver,
      origins: () => originsOf(options?.handoffOrigins),
      refused: (form, why) => logger.debug(`fingerprint form not filled: ${why}`, form),
    };
    for (const plugin of started) if (plugin.page) pageStops.push(plugin.page(window, handoff));
  }

  let captureLoading = false;
  /** Capture loaded on demand (once): its page part at once, its session part once running. */
  function loadCapture() {
    if (captureLoading || !setup.loadCapture || plugins.some((plugin) => plugin.session)) return;
    captureLoading = true;
    setup.loadCapture().then(
      (plugin) => {
        if (state.name === 'refused') return;
        plugins = [...plugins, plugin];
        startPagePlugins([plugin]);
        if (state.name === 'running') state.attach(plugin);
      },
      (error) => logger.error('could not load capture', error),
    );
  }

  /** The fingerprints to hand to the store's own code, waiting up to `ms`; none while consent is pending or denied. */
  const handOver = async (ms: number): Promise<Fingerprints | null> => {
    try {
      start();
      if (!inBrowser || consentNow() !== 'granted') return null;
      const fp = readFp() ?? (await waitForFingerprints(readFp, ms));
      return consentNow() === 'granted' ? fp : null;
    } catch {
      return null;
    }
  };

  const failure = (name: string, error: unknown) => {
    logger.error(`${name} failed unexpectedly`, error);
    return outcomes.dropped('INTERNAL_ERROR');
  };
  /**
   * The one guard at the boundary: synchronous once running (an event tracked as the page leaves is
   * stored at once), and a method's promise only ever resolves.
   */
  function guarded(name: string, method: (calls: Calls) => Promise<TrackResult>): Promise<TrackResult>;
  function guarded<T>(name: string, method: (calls: Calls) => Promise<T>, unable: (result: Promise<TrackResult>) => Promise<T>): Promise<T>;
  function guarded<T>(
    name: string,
    method: (calls: Calls) => Promise<T>,
    unable = (result: Promise<TrackResult>) => result as Promise<T>,
  ): Promise<T> {
    try {
      start();
      if (state.name === 'running' && !waiting()) return method(state.calls);
      const later = () =>
        state.name === 'running' ? method(state.calls) : unable(outcomes.dropped(state.name === 'refused' ? state.code : undefined));
      if (state.name === 'refused') return later();
      return hold(later).catch((error) => unable(failure(name, error)));
    } catch (error) {
      return unable(failure(name, error));
    }
  }
  const safely = (name: string, method: () => void) => {
    try {
      method();
    } catch (error) {
      logger.error(`${name} failed unexpectedly`, error);
    }
  };

  function changeConsent(consent: Consent) {
    if (consent !== 'granted' && consent !== 'pending' && consent !== 'denied') {
      return logger.error(
        `setConsent: expected "granted", "pending" or "denied", got ${typeof consent === 'string' ? `"${consent}"` : typeof consent}`,
      );
    }
    logger.debug(`consent ${consent}`);
    if (state.name !== 'running') options = { ...options, consent };
    else state.session.setConsent(consent);
  }

  // Last, once everything above exists: a start at once (the script tag) runs capture, whose orders and
  // dataLayer entries already on the page come back through `guarded`.
  if (inBrowser && setup.schedule)
    setup.schedule(
      start,
      plugins.flatMap((plugin) => plugin.startOn ?? []),
    );
  else start();

  return {
    trackCartEvent: (event) => guarded('trackCartEvent', (calls) => calls.trackCart(event)),
    trackCheckout: (order) => guarded('trackCheckout', (calls) => calls.trackCheckout(order)),
    addToCart: (product, quantity) => guarded('addToCart', (calls) => calls.addToCart(product, quantity)),
    updateQuantity: (product, quantity) => guarded('updateQuantity', (calls) => calls.updateQuantity(product, quantity)),
    removeFromCart: (product) => guarded('removeFromCart', (calls) => calls.removeFromCart(product)),
    reportCart: (items) =>
      guarded(
        'reportCart',
        (calls) => calls.reportCart(items),
        (result) => result.then((r) => [r]),
      ),
    syncCart: (items) =>
      safely('syncCart', () => {
        start();
        if (state.name === 'running' && !waiting()) state.calls.syncCart(items);
        else if (state.name !== 'refused') void hold(() => state.name === 'running' && state.calls.syncCart(items));
      }),
    getFingerprints: () => handOver(FINGERPRINT_WAIT_MS),
    getFingerprintFields: () => handOver(HANDOFF_WAIT_MS).then((fp) => fp && toFingerprintFields(fp)),
    setConsent: (consent) => safely('setConsent', () => changeConsent(consent)),
    async flush() {
      try {
        start();
        await ready;
        if (state.name === 'running') await state.session.deliver().flush();
      } catch (error) {
        logger.error('flush failed unexpectedly', error);
      }
    },
    shutdown: () =>
      safely('shutdown', () => {
        if (state.name === 'running') {
          state.stopPlugins();
          state.session.stop();
        }
        for (const stop of pageStops.splice(0)) stop();
        enter({ name: 'refused', code: 'SHUT_DOWN' });
        stopObserved();
      }),
    adopt(extra, morePlugins) {
      if (state.name !== 'created' && state.name !== 'reading') return false;
      options = { ...options, ...extra };
      plugins = [...plugins, ...morePlugins];
      if (state.name === 'reading') {
        startPagePlugins(morePlugins);
        readConfiguration(false);
      }
      return true;
    },
  };
}

/** A tracker as observers see it (`observe.ts`): its state, options, resolved configuration, fingerprints and queue. */
export function trackerObservation(
  state: Lifecycle,
  options: Options,
  fingerprints: () => Fingerprints | null,
  createdAt: number,
): Observation {
  const running = state.name === 'running' ? state.session : undefined;
  return {
    kind: 'tracker',
    state: state.name,
    code: state.name === 'refused' ? state.code : undefined,
    options,
    // The configuration as it is now: consent may have changed since it was read.
    config: running && { ...running.config, apiBaseUrl: running.apiBaseUrl(), consent: running.consent() },
    fingerprints: fingerprints(),
    createdAt,
    queue: running?.queueView(),
  };
}
