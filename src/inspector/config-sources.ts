// Where each configuration value came from, as the SDK resolves it (README, Options: precedence).
import { chooseApiBase, REGION_HOSTS, widgetScriptRegion } from '../config/region';
import { FLAG_ATTRIBUTES, STRING_ATTRIBUTES } from '../config/script-attributes';
import type { Options } from '../types';
import type { TrackerView } from './model';

export interface ConfigRow {
  name: string;
  value: string;
  /** `option`, `script attribute`, `document.gleenConfig`, `widget script origin` or `default`. */
  source: string;
}

const ATTRIBUTES: Record<string, string> = { ...STRING_ATTRIBUTES, ...FLAG_ATTRIBUTES };

/** The SDK's own script tag, if the page has one: not the files it loads beside itself (`alhena-cart.<name>.min.js`). */
const sdkScript = (doc: Document) =>
  [...doc.querySelectorAll('script[src*="alhena-cart"]')].find(
    (script) => !/alhena-cart\.\w+\.min\.js/.test(script.getAttribute('src') ?? ''),
  );

/** `platform`: the one the SDK recognised or was told, once its observation came. */
export function configRows(tracker: TrackerView | undefined, doc: Document, platform?: string): ConfigRow[] {
  const options: Options = tracker?.options ?? {};
  const config = tracker?.config;
  const script = sdkScript(doc);
  const gleen = ((doc as unknown as { gleenConfig?: Record<string, unknown> }).gleenConfig ?? {}) as Record<string, unknown>;
  const given = (name: keyof Options) => {
    if (options[name] === undefined) return undefined;
    const attribute = ATTRIBUTES[name];
    return attribute && script?.hasAttribute(attribute) && script.getAttribute(attribute)?.trim() !== ''
      ? `script attribute ${attribute}`
      : 'option';
  };
  const widgetRegion = widgetScriptRegion(doc);
  // The tracker's own precedence (config/region.ts), asked with the options as given.
  const chosen = chooseApiBase(options.apiBaseUrl, options.region, doc).from;
  const apiSource: string =
    chosen === 'apiBaseUrl' ? (given('apiBaseUrl') ?? 'option') : chosen === 'region' ? `${given('region')} region` : chosen;
  const region = Object.entries(REGION_HOSTS).find(([, host]) => config?.apiBaseUrl?.startsWith(host))?.[0];
  const show = (value: unknown) => (value === undefined || value === '' ? 'none' : String(value));
  return [
    {
      name: 'companyKey',
      value: show(config?.companyKey ?? options.companyKey ?? gleen.company),
      source: given('companyKey') ?? (gleen.company ? 'document.gleenConfig' : 'missing'),
    },
    { name: 'apiBaseUrl', value: show(config?.apiBaseUrl ?? options.apiBaseUrl), source: apiSource },
    {
      name: 'region',
      value: region ?? (config ? 'custom host' : show(options.region)),
      source: given('region') ?? (widgetRegion ? 'widget script origin' : apiSource === 'default' ? 'default' : `from apiBaseUrl`),
    },
    { name: 'currency', value: show(config?.currency ?? options.currency), source: given('currency') ?? 'default' },
    { name: 'autoTrack', value: show(config?.autoTrack ?? options.autoTrack), source: given('autoTrack') ?? 'default' },
    { name: 'dataLayer', value: show(config?.dataLayer ?? options.dataLayer ?? false), source: given('dataLayer') ?? 'default' },
    {
      name: 'consent',
      // `google`: the state Consent Mode's signals have set so far beside it.
      value:
        String(options.consent).trim().toLowerCase() === 'google' && config
          ? `google (${config.consent})`
          : show(config?.consent ?? options.consent ?? 'granted'),
      source: given('consent') ?? 'default',
    },
    {
      name: 'platform',
      value: platform ?? (options.platform === 'auto' ? 'none recognised' : show(options.platform ?? 'none')),
      source: script?.hasAttribute('data-platform')
        ? 'script attribute data-platform'
        : options.platform === 'auto' || !options.platform
          ? 'default'
          : 'option',
    },
  ];
}
