import * as v from 'valibot';
import { CurrencyField } from '../events/fields';
import { originOf } from '../fingerprints/fingerprints';
import { object } from '../lib/schema';
import type { ConsentOption, Options, Platform } from '../types';
import { HttpUrlField, SourceField } from './option-fields';
import { chooseApiBase, gleenConfig } from './region';

const Flag = v.boolean('must be true or false');
const Callback = v.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', 'must be a function');

/** `"EU"` or `" eu"` from a template is `"eu"`: case and spaces do not change the choice. */
const lowerCase = <T extends string>(choice: v.PicklistSchema<T[], string>) =>
  v.pipe(
    v.unknown(),
    v.transform((value) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    choice,
  );

const PLATFORM_CHOICES: ('auto' | 'none' | Platform)[] = ['auto', 'none', 'woocommerce', 'magento', 'bigcommerce', 'prestashop'];

const OptionsSchema = object({
  companyKey: v.optional(v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be empty'))),
  apiBaseUrl: v.optional(HttpUrlField),
  region: v.optional(lowerCase(v.picklist(['us', 'eu'], 'must be "us" or "eu"'))),
  currency: v.optional(CurrencyField),
  source: SourceField,
  autoTrack: v.optional(Flag),
  dataLayer: v.optional(Flag, false),
  consent: v.optional(
    lowerCase(v.picklist(['granted', 'pending', 'denied', 'google'], 'must be "granted", "pending", "denied" or "google"')),
    'granted',
  ),
  debug: v.optional(Flag, false),
  fingerprints: v.optional(Callback),
  onEvent: v.optional(Callback),
  onError: v.optional(Callback),
  beforeSend: v.optional(Callback),
  allowShopify: v.optional(Flag, false),
  ordersFrom: v.optional(lowerCase(v.picklist(['browser', 'server'], 'must be "browser" or "server"')), 'browser'),
  platform: v.optional(lowerCase(v.picklist(PLATFORM_CHOICES, `must be one of "${PLATFORM_CHOICES.join('", "')}"`)), 'none'),
  inspector: v.optional(Flag, true),
  handoffOrigins: v.optional(
    v.array(
      v.pipe(
        v.string(),
        v.check((text) => !!originOf(text), 'must be an http(s) origin such as "https://pay.example"'),
      ),
      'must be a list of origins',
    ),
    [],
  ),
});

type ParsedOptions = v.InferOutput<typeof OptionsSchema>;

/** Options after defaults and precedence: what the rest of the SDK reads. */
export interface Config
  extends Omit<
    ParsedOptions,
    'companyKey' | 'apiBaseUrl' | 'region' | 'autoTrack' | 'fingerprints' | 'onEvent' | 'onError' | 'beforeSend'
  > {
  companyKey: string;
  /** The API host as the configuration was read; `apiBaseUrlReader` gives it for each request. */
  apiBaseUrl: string;
  /** Whether the host came from the page (`document.gleenConfig`, the widget script) while it was still parsing. */
  apiBaseFromPage: boolean;
  autoTrack: boolean;
  consent: ConsentOption;
  fingerprints?: Options['fingerprints'];
  onEvent?: Options['onEvent'];
  onError?: Options['onError'];
  beforeSend?: Options['beforeSend'];
}

/** `missingKey`: no company key yet; the widget's snippet may still set document.gleenConfig later in the page. */
export type Resolved = { ok: true; config: Config } | { ok: false; message: string; missingKey?: boolean };

/**
 * Applies the contract's precedence: an explicit option (or script attribute) wins over
 * `document.gleenConfig`, which wins over what the widget script's origin implies.
 */
export function resolveConfig(options: Options, doc: Document | undefined, autoTrackDefault = false): Resolved {
  const parsed = v.safeParse(OptionsSchema, options);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return { ok: false, message: `option \`${String(issue.path?.[0]?.key ?? 'options')}\` ${issue.message}` };
  }
  const { companyKey, apiBaseUrl, region, autoTrack, ...rest } = parsed.output;
  const gleenCompany = companyKey ? '' : gleenConfig(doc, 'company');
  const key = companyKey ?? (typeof gleenCompany === 'string' ? gleenCompany.trim() : '');
  if (!key) {
    return {
      ok: false,
      missingKey: true,
      message:
        'no company key: set `companyKey` (or data-company-key on the script tag), or load the Alhena widget with document.gleenConfig.company. Nothing will be sent.',
    };
  }
  const api = chooseApiBase(apiBaseUrl, region, doc);
  const config = {
    ...rest,
    companyKey: key,
    apiBaseUrl: api.url,
    apiBaseFromPage: api.from !== 'apiBaseUrl' && api.from !== 'region' && doc?.readyState === 'loading',
    autoTrack: autoTrack ?? autoTrackDefault,
  } as Config;
  return { ok: true, config };
}

/**
 * The API host for each request. The widget's snippet and script often come later in the page than this
 * SDK: read while the page was still parsing, the host they imply is read again for each request until the
 * page has been parsed (none leaves before the fingerprints), then kept.
 */
export function apiBaseUrlReader(config: Config, doc: Document | undefined): () => string {
  if (!config.apiBaseFromPage) return () => config.apiBaseUrl;
  let final: string | undefined;
  return () => {
    if (final) return final;
    const base = pageApiBase(doc);
    if (doc?.readyState !== 'loading') final = base; // the page is parsed: no later snippet can change it
    return base;
  };
}

/** The host the page implies (no explicit option). */
const pageApiBase = (doc: Document | undefined) => chooseApiBase(undefined, undefined, doc).url;
