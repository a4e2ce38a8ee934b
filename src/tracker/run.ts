import type { Config } from '../config/options';
import { readStoreJson } from '../delivery/transport';
import type { Logger } from '../lib/logger';
import type { EventOrigin } from '../observe';
import type { Fingerprints, TrackResult } from '../types';
import { type Calls, createCalls } from './calls';
import type { Outcomes } from './outcomes';
import type { TrackerPlugin } from './plugin';
import { type Seams, type Session, startSession } from './session';

/**
 * Where a tracker is: created (nothing read yet), reading its configuration (the company key may come
 * later in the page: calls wait), running for its company key, or refused (every call answers `dropped`
 * with the reason as its code).
 */
export type Lifecycle =
  | { name: 'created' | 'reading' }
  | { name: 'running'; session: Session; calls: Calls; attach: (plugin: TrackerPlugin) => void; stopPlugins: () => void }
  | { name: 'refused'; code: 'CONFIG' | 'SHOPIFY' | 'NOT_IN_BROWSER' | 'SHUT_DOWN' | 'INTERNAL_ERROR' };

export interface RunContext {
  logger: Logger;
  outcomes: Outcomes;
  fingerprints: () => Fingerprints | null;
  plugins: TrackerPlugin[];
  seams: Seams;
  /** The tracker's own guarded `trackCheckout`, for plugins: an order they find goes through the same boundary. */
  trackCheckout: (order: unknown, origin: EventOrigin) => Promise<TrackResult>;
  /** Loads capture on demand (the main npm entry: a chunk of its own), when the configuration asks for it. */
  loadCapture?: () => void;
}

/**
 * Runs a tracker for the configuration it read: its session (validation, cart record, delivery), then its
 * plugins, last, so that what capture finds at once (an order page, dataLayer entries) meets a running
 * tracker. Refused on a Shopify store, which records these events itself.
 */
export function runTracker(config: Config, context: RunContext, enter: (next: Lifecycle) => void): void {
  const { logger, outcomes, fingerprints, plugins } = context;
  if ((globalThis as { Shopify?: unknown }).Shopify && !config.allowShopify) {
    logger.debug(
      'Shopify store: Alhena records its cart and checkout events itself, so this SDK stays idle (set allowShopify to override).',
    );
    enter({ name: 'refused', code: 'SHOPIFY' });
    return;
  }
  const session = startSession(config, { logger, fingerprints, report: outcomes.report, seams: context.seams });
  const calls = createCalls(session, { outcomes, logger });
  const pluginCalls = { ...calls, trackCheckout: context.trackCheckout };
  let cartSource: string | undefined;
  const claimCart = (source: string, owner?: boolean) => {
    if (owner) cartSource = source;
    cartSource ??= source;
    if (cartSource !== source) logger.debug(`${source}: cart event ignored, this page's cart events come from ${cartSource}`);
    return cartSource === source;
  };
  const readJson = (url: string) => readStoreJson(url, context.seams.fetch);
  const stops: (() => void)[] = [];
  const attach = (plugin: TrackerPlugin) => {
    const sessionContext = { config, logger, calls: pluginCalls, reportError: outcomes.error, claimCart, readStoreJson: readJson };
    stops.push(plugin.session?.(sessionContext) ?? (() => {}));
  };
  const stopPlugins = () => {
    for (const stop of stops.splice(0)) stop();
  };
  enter({ name: 'running', session, calls, attach, stopPlugins });
  logger.debug(`ready: company ${config.companyKey}, API ${config.apiBaseUrl}`);
  if ((config.autoTrack || config.dataLayer) && !plugins.some((plugin) => plugin.session)) {
    if (context.loadCapture) context.loadCapture();
    else {
      const message =
        'autoTrack and dataLayer need capture: import init from "@alhena/cart-events/capture" instead of "@alhena/cart-events"';
      logger.error(message);
      outcomes.error({ code: 'CAPTURE_NOT_INCLUDED', message });
    }
  }
  if (config.platform !== 'none' && !plugins.some((plugin) => plugin.serves === 'platform')) {
    const message = 'the platform option needs capture: import init from "@alhena/cart-events/capture" instead of "@alhena/cart-events"';
    logger.error(message);
    outcomes.error({ code: 'CAPTURE_NOT_INCLUDED', message });
  }
  for (const plugin of plugins) attach(plugin);
}
