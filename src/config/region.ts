import * as v from 'valibot';
import type { Region } from '../types';
import { HttpUrlField } from './option-fields';

export const REGION_HOSTS: Record<Region, string> = {
  us: 'https://app.alhena.ai',
  eu: 'https://eu.alhena.ai',
};

/** The region of the page's Alhena widget script (`…/sdk/gleenWidget.js`), if it has one. */
export function widgetScriptRegion(doc: Document): Region | undefined {
  const script = doc.querySelector<HTMLScriptElement>('script[src*="/sdk/gleenWidget.js"]');
  if (!script) return undefined;
  try {
    return new URL(script.src, doc.baseURI).hostname === new URL(REGION_HOSTS.eu).hostname ? 'eu' : 'us';
  } catch {
    return undefined;
  }
}

/** `document.gleenConfig[name]`: undefined when absent, or when the page's object throws as it is read. */
export function gleenConfig(doc: Document | undefined, name: 'company' | 'apiBaseUrl'): unknown {
  try {
    return (doc as { gleenConfig?: Record<string, unknown> } | undefined)?.gleenConfig?.[name];
  } catch {
    return undefined;
  }
}

/** Where the API host came from, in the order the contract's precedence gives. */
export type ApiBaseSource = 'apiBaseUrl' | 'region' | 'document.gleenConfig' | 'widget script origin' | 'default';

/**
 * The API host and where it came from: the one definition of its precedence, for the tracker and the
 * inspector. An explicit `apiBaseUrl`, else an explicit `region`'s host, else `document.gleenConfig.apiBaseUrl`,
 * else the widget script's region, else US.
 */
export function chooseApiBase(
  apiBaseUrl: string | undefined,
  region: Region | undefined,
  doc: Document | undefined,
): { url: string; from: ApiBaseSource } {
  if (apiBaseUrl) return { url: apiBaseUrl, from: 'apiBaseUrl' };
  if (region) return { url: REGION_HOSTS[region], from: 'region' };
  const gleenApi = v.safeParse(HttpUrlField, gleenConfig(doc, 'apiBaseUrl'));
  if (gleenApi.success) return { url: gleenApi.output, from: 'document.gleenConfig' };
  const widgetRegion = doc && widgetScriptRegion(doc);
  return widgetRegion ? { url: REGION_HOSTS[widgetRegion], from: 'widget script origin' } : { url: REGION_HOSTS.us, from: 'default' };
}
