// `@alhena/cart-events/capture`: everything the main entry has, with capture (data attributes, order
// pages, the GA4 bridge, fingerprint forms) in `init` and `createTracker`. Migrating is one line: import
// from here instead of `@alhena/cart-events`.
import { capture } from './capture/capture-plugin';
import { initWith } from './default-tracker';
import { startSoon } from './lib/start-soon';
import { buildTracker } from './tracker/tracker';
import type { Options, Tracker } from './types';

export * from './index';

/** `init` with capture: `autoTrack: true` reads the data attributes, `dataLayer: true` bridges GA4 events. */
export const init = (options?: Options): Tracker => initWith(options, [capture]);

/** An independent tracker, with capture. */
export const createTracker = (options?: Options): Tracker => buildTracker(options, { plugins: [capture], schedule: startSoon });
