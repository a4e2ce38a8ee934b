import { readScriptAttributes } from './config/script-attributes';
import { createTrackerWith } from './tracker';
import type { Options, Tracker } from './types';

/** A pre-load command: `alhenaCart.push(['trackCheckout', order])`, or `['init', options]` to add options. */
type Command = [string, ...unknown[]];

export interface ScriptTagApi extends Tracker {
  push(command: Command): unknown;
  init(options?: Options): ScriptTagApi;
}

const isCommand = (value: unknown): value is Command => Array.isArray(value) && typeof value[0] === 'string';

function findOwnScript(): Element | null {
  // `currentScript` is set while this file runs; the selector covers builds re-injected by tag managers.
  return document.currentScript ?? document.querySelector('script[src*="alhena-cart"][data-company-key], script[src*="alhena-cart"]');
}

/**
 * The script-tag entry: options from the tag's `data-*` attributes, then the calls the page
 * queued before the script loaded, in order; `window.alhenaCart` then becomes the API.
 */
function installScriptTag(): void {
  const w = window as unknown as { alhenaCart?: unknown };
  const existing = w.alhenaCart as Partial<ScriptTagApi> | undefined;
  if (existing && typeof existing.trackCartEvent === 'function') return; // loaded twice: keep the first
  const queued = Array.isArray(existing) ? existing.filter(isCommand) : [];
  let options: Options = readScriptAttributes(findOwnScript());
  for (const [name, extra] of queued) if (name === 'init') options = { ...options, ...(extra as Options) };

  const tracker = createTrackerWith(options, { autoTrackDefault: true });
  const api: ScriptTagApi = {
    ...tracker,
    init: () => api,
    push(command) {
      try {
        if (!isCommand(command)) return undefined;
        const [name, ...args] = command;
        const method = (api as unknown as Record<string, unknown>)[name];
        if (name === 'push' || typeof method !== 'function') {
          console.error(`[alhena-cart] alhenaCart.push: unknown method "${name}"`);
          return undefined;
        }
        return (method as (...a: unknown[]) => unknown)(...args);
      } catch {
        return undefined;
      }
    },
  };
  w.alhenaCart = api;
  for (const command of queued) if (command[0] !== 'init') api.push(command);
}

try {
  if (typeof window !== 'undefined') installScriptTag();
} catch (error) {
  console.error('[alhena-cart] could not start', error);
}
