// `@alhena/cart-events/capture`: everything the main entry has, with capture (data attributes, order
// pages, the GA4 bridge, fingerprint forms) in `init` and `createTracker`. Migrating is one line: import
// from here instead of `@alhena/cart-events`.
import { capture } from './capture/capture-plugin';
import { initWith } from './default-tracker';
import { startSoon } from './lib/start-soon';
import { type PlatformStart, platformPlugin } from './platforms/platform-plugin';
import { buildTracker } from './tracker/tracker';
import type { Options, Platform, Tracker } from './types';

export * from './index';

/** A platform's code from npm: a chunk of its own each, loaded only when the `platform` option names or finds it. */
const PLATFORM_CODE: Record<Platform, () => Promise<PlatformStart>> = {
  woocommerce: () => import('./platforms/woocommerce').then((module) => module.startWooCommerce),
  magento: () => import('./platforms/magento').then((module) => module.startMagento),
  bigcommerce: () => import('./platforms/bigcommerce').then((module) => module.startBigCommerce),
  prestashop: () => import('./platforms/prestashop').then((module) => module.startPrestaShop),
};
const platforms = platformPlugin((name) => PLATFORM_CODE[name]());

/**
 * `init` with capture: `autoTrack: true` reads the data attributes, `dataLayer: true` bridges GA4 events,
 * `platform` follows a store platform's own cart.
 */
export const init = (options?: Options): Tracker => initWith(options, [capture, platforms]);

/** An independent tracker, with capture. */
export const createTracker = (options?: Options): Tracker => buildTracker(options, { plugins: [capture, platforms], schedule: startSoon });
