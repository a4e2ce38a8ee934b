import { readScriptAttributes } from './config/script-attributes';
import { createTrackerWith } from './tracker';

export { createTracker } from './tracker';

import type { Options, Tracker } from './types';

/** A pre-load command: `alhenaCart.push(['trackCheckout', order])`, or `['init', options]` to add options. */
export type Command = [string, ...unknown[]];

/** The script tag's tracker: options from the tag's `data-*` attributes, then from queued `init` commands. */
export function createScriptTagTracker(script: Element | null, queued: Command[]): Tracker {
  let options: Options = readScriptAttributes(script);
  for (const [name, extra] of queued) if (name === 'init') options = { ...options, ...(extra as Options) };
  return createTrackerWith(options, { autoTrackDefault: true, startNow: true });
}
