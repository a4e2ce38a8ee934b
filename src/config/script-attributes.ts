import type { Options } from '../types';

export const STRING_ATTRIBUTES = {
  companyKey: 'data-company-key',
  apiBaseUrl: 'data-api-base-url',
  region: 'data-region',
  currency: 'data-currency',
  source: 'data-source',
  consent: 'data-consent',
  ordersFrom: 'data-orders-from',
  platform: 'data-platform',
} as const;

export const FLAG_ATTRIBUTES = {
  autoTrack: 'data-auto-track',
  dataLayer: 'data-datalayer',
  debug: 'data-debug',
  allowShopify: 'data-allow-shopify',
  inspector: 'data-inspector',
} as const;

/** `true`, `false`, or the raw text so that option validation names the attribute's bad value. */
function readFlag(value: string): boolean | string {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return value;
}

/** Options given as `data-*` attributes on the SDK's own `<script>` tag. */
export function readScriptAttributes(script: Element | null | undefined): Options {
  const options: Record<string, unknown> = {};
  if (!script) return options;
  for (const [option, attribute] of Object.entries(STRING_ATTRIBUTES)) {
    const value = script.getAttribute(attribute);
    // An empty value (a template's blank variable) counts as not given: the next source then applies.
    if (value !== null && value.trim() !== '') options[option] = value;
  }
  for (const [option, attribute] of Object.entries(FLAG_ATTRIBUTES)) {
    const value = script.getAttribute(attribute);
    if (value !== null) options[option] = readFlag(value);
  }
  return options as Options;
}
