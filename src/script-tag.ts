import { CAPTURE_EVENTS } from './capture/capture-events';
import { FILE_HASHES } from './file-hashes';
import { openIfAsked } from './inspector/inspection-asked';
import { loadCore } from './lazy-core';
import { createLogger } from './lib/logger';
import { startSoon } from './lib/start-soon';
import type { Observer } from './observe';
import type { PlatformStart } from './platforms/platform-plugin';
import type { Command } from './script-tag-core';
import type { Options, Platform, Tracker, TrackResult } from './types';

const logger = /* @__PURE__ */ createLogger();

export interface ScriptTagApi extends Tracker {
  push(...commands: Command[]): unknown;
  init(options?: Options): ScriptTagApi;
  createTracker(options?: Options): Tracker;
  /** The observer interface (README, Is it working?): `observer` hears each tracker's state, then every event as it moves. */
  observe(observer: Observer): () => void;
  /** Opens the inspector panel, loading `alhena-cart.inspector.min.js` from this script's folder. */
  inspect(): void;
}

/** The inspector's own file, beside this one. It sets `window.alhenaCartInspector` as it loads. */
const INSPECTOR_FILE = 'alhena-cart.inspector.min.js';
/** A platform's file, beside this one. It sets `window.alhenaCartPlatforms[name]` as it loads. */
const platformFile = (name: Platform) => `alhena-cart.${name}.min.js`;

/** The tracker's methods, forwarded by `window.alhenaCart`; the type below fails to compile if one is missing. */
const METHODS = [
  'trackCartEvent',
  'trackCheckout',
  'addToCart',
  'updateQuantity',
  'removeFromCart',
  'reportCart',
  'syncCart',
  'getFingerprints',
  'getFingerprintFields',
  'setConsent',
  'flush',
  'shutdown',
] as const satisfies readonly (keyof Tracker)[];
type Listed<Missing extends never> = Missing;
export type AllMethodsListed = Listed<Exclude<keyof Tracker, (typeof METHODS)[number]>>;

const isCommand = (value: unknown): value is Command => Array.isArray(value) && typeof value[0] === 'string';

/**
 * Loads one of the SDK's own files (the inspector, a platform's code) from the folder of the tag's own
 * `<script>` element, as `document.currentScript` named it while the tag ran: never against
 * `document.baseURI`, and never for a tag inlined or bundled into another file, which has no folder of
 * its own. The file carries the tag's nonce and its integrity hash (and CORS mode from another origin).
 */
function loadBeside(own: { src: string; nonce: string } | undefined, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!own?.src) throw new Error(`${file} is loaded only beside the tag's own script file, and this page has the SDK inlined or bundled`);
    const url = new URL(file, own.src);
    const element = document.createElement('script');
    element.src = url.href;
    if (own.nonce) element.nonce = own.nonce;
    const integrity = FILE_HASHES[file];
    if (integrity) element.integrity = integrity;
    if (url.origin !== location.origin) element.crossOrigin = 'anonymous';
    element.onload = () => resolve();
    element.onerror = () => reject(new Error(`could not load ${url.href}`));
    document.head.append(element);
  });
}

/** What a method answers if the SDK itself could not start: the page's `await` still gets its usual shape. */
function unstarted(name: (typeof METHODS)[number]): unknown {
  if (name === 'getFingerprints' || name === 'getFingerprintFields') return Promise.resolve(null);
  if (name === 'syncCart' || name === 'setConsent' || name === 'shutdown') return undefined;
  if (name === 'flush') return Promise.resolve();
  if (name === 'reportCart') return Promise.resolve([]);
  // Not lib/ids: this loader keeps out of the SDK's code, which would then be in the file twice.
  return Promise.resolve<TrackResult>({
    status: 'dropped',
    eventId: `unstarted-${Math.random().toString(36).slice(2)}`,
    code: 'INTERNAL_ERROR',
  });
}

/**
 * The script-tag entry. While the page evaluates this file it only installs `window.alhenaCart`;
 * the SDK's code runs and its tracker starts on the first call, or soon after (lib/start-soon.ts).
 * Calls the page queued before the script loaded run in order at once.
 */
function installScriptTag(): void {
  const page = window as unknown as { alhenaCart?: unknown };
  const existing = page.alhenaCart as Partial<ScriptTagApi> | undefined;
  // Loaded twice: keep the first. The snippet's queue (src/snippet.ts) is an array with the methods stubbed.
  if (existing && !Array.isArray(existing) && typeof existing.trackCartEvent === 'function') return;
  const queued = Array.isArray(existing) ? existing.filter(isCommand) : [];
  // The tag's own element, only as the browser names it while this file runs (a tag manager's inserted copy
  // too): never a look-alike found by selector, whose attributes could redirect the events. Read now: a
  // `<base>` inserted later would change what a relative `src` resolves to. Inlined or bundled there is
  // none: the options then come from `init` and `document.gleenConfig`, and no file is loaded beside it.
  const script = document.currentScript as HTMLScriptElement | null;
  const own = script ? { src: script.src, nonce: script.nonce ?? '' } : undefined;
  /** `inspector: false` (`data-inspector="false"`, or `init`): neither `?alhena-inspect` nor `inspect()` loads the panel. */
  const inspectorOff = () =>
    /^(false|0)$/i.test(script?.getAttribute('data-inspector')?.trim() ?? '') ||
    queued.some(([name, options]) => name === 'init' && (options as Options | undefined)?.inspector === false);
  const loadPlatform = (name: Platform) =>
    loadBeside(own, platformFile(name)).then(
      () => (window as { alhenaCartPlatforms?: Partial<Record<Platform, PlatformStart>> }).alhenaCartPlatforms?.[name],
    );
  let tracker: Tracker | undefined;
  let failed = false;
  const started = (): Tracker | undefined => {
    if (!tracker && !failed) {
      try {
        tracker = loadCore().createScriptTagTracker(script, queued, loadPlatform);
        // From now on `alhenaCart.trackCartEvent` is the tracker's own method, with nothing in between.
        for (const name of METHODS) (api as unknown as Record<string, unknown>)[name] = tracker[name];
      } catch (error) {
        failed = true;
        logger.error('could not start', error);
      }
    }
    return tracker;
  };

  const run = (command: unknown): unknown => {
    try {
      if (!isCommand(command)) return undefined;
      const [name, ...args] = command;
      const method = (api as unknown as Record<string, unknown>)[name];
      if (name === 'push' || typeof method !== 'function') {
        logger.error(`alhenaCart.push: unknown method "${name}"`);
        return undefined;
      }
      return (method as (...a: unknown[]) => unknown)(...args);
    } catch {
      return undefined;
    }
  };
  const api = {
    // Options given before the SDK starts (a script right after the tag) join the tag's attributes.
    init(options?: Options) {
      if (options === undefined) return api;
      if (!tracker && !failed) queued.push(['init', options]);
      else logger.warn('alhenaCart.init: the SDK has already started; these options are ignored');
      return api;
    },
    /** An independent tracker with its own options, started at once (npm's `createTracker` waits for its first task). */
    createTracker(options?: Options): Tracker {
      try {
        return loadCore().createTracker(options);
      } catch (error) {
        logger.error('could not start', error);
        return Object.fromEntries(METHODS.map((name) => [name, () => unstarted(name)])) as unknown as Tracker;
      }
    },
    observe: (observer: Observer) => loadCore().observe(observer),
    inspect() {
      try {
        if (inspectorOff()) return logger.warn('the inspector is turned off on this store (inspector: false)');
        const loaded = (window as { alhenaCartInspector?: { open(): void } }).alhenaCartInspector;
        if (loaded) return loaded.open();
        loadCore().record(); // what happens until the panel is there is kept for it
        loadBeside(own, INSPECTOR_FILE).catch((error) => logger.warn('the inspector was not loaded:', error.message));
      } catch (error) {
        logger.error('could not open the inspector', error);
      }
    },
    /** Like an array's push: several commands run in order; answers what the last one returned. */
    push: (...commands: unknown[]) => {
      let result: unknown;
      for (const command of commands) result = run(command);
      return result;
    },
  } as ScriptTagApi;
  for (const name of METHODS) {
    (api as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      const running = started();
      return running ? (running[name] as (...a: unknown[]) => unknown)(...args) : unstarted(name);
    };
  }
  page.alhenaCart = api;
  const inspectIfAsked = () => inspectorOff() || openIfAsked(api.inspect);
  if (queued.some((command) => command[0] !== 'init')) inspectIfAsked();
  else
    startSoon(() => {
      inspectIfAsked();
      started();
    }, CAPTURE_EVENTS);
  for (const command of queued) {
    const result = command[0] === 'init' ? api : run(command);
    // A command the snippet queued (src/snippet.ts) carries the resolver of the promise its caller holds.
    const { resolve } = command as { resolve?: unknown };
    if (typeof resolve === 'function') resolve(result);
  }
}

try {
  if (typeof window !== 'undefined') installScriptTag();
} catch (error) {
  logger.error('could not start', error);
}
