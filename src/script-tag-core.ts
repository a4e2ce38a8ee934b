import { capture } from './capture/capture-plugin';
import { readScriptAttributes } from './config/script-attributes';
import { type PlatformLoader, platformPlugin } from './platforms/platform-plugin';
import { buildTracker } from './tracker/tracker';
import type { Options, Tracker } from './types';

export { observe, record } from './observe';

/** A pre-load command: `alhenaCart.push(['trackCheckout', order])`, or `['init', options]` to add options. */
export type Command = [string, ...unknown[]];

/**
 * The script tag's tracker, capture and platform recognition included: options from the tag's `data-*`
 * attributes, then from queued `init` commands. `loadPlatform` loads a platform's file beside the tag.
 */
export function createScriptTagTracker(script: Element | null, queued: Command[], loadPlatform: PlatformLoader): Tracker {
  let options: Options = { platform: 'auto', ...readScriptAttributes(script) };
  for (const [name, extra] of queued) if (name === 'init') options = { ...options, ...(extra as Options) };
  return buildTracker(options, { autoTrackDefault: true, plugins: [capture, platformPlugin(loadPlatform)] });
}

/** `alhenaCart.createTracker(options)`: an independent tracker, with capture as the script tag has it, started at once. */
export const createTracker = (options?: Options): Tracker => buildTracker(options, { plugins: [capture] });
