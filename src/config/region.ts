import type { Region } from '../types';

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
