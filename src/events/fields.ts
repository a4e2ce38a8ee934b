import * as v from 'valibot';

/** The vendor's four cart event types: the one list every type, schema and check of them comes from. */
export const CART_EVENT_TYPES = ['ITEM_ADDED', 'QUANTITY_INCREASED', 'QUANTITY_DECREASED', 'ITEM_REMOVED'] as const;
export type CartEventType = (typeof CART_EVENT_TYPES)[number];

let knownCurrencies: Set<string> | undefined;
let lastKnown: string | undefined;
export const isCurrencyCode = (code: string): boolean => {
  if (code === lastKnown) return true; // a store sends one currency, call after call
  if (!/^[A-Z]{3}$/.test(code)) return false;
  // Where the browser knows the ISO 4217 list, hold codes to it ("ABC" has the right shape but no country).
  knownCurrencies ??= new Set((Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('currency') ?? []);
  if (knownCurrencies.size && !knownCurrencies.has(code)) return false;
  lastKnown = code;
  return true;
};

/** Length limits (contract § 11), in UTF-16 code units as `String.length` counts them. */
export const MAX_ID_LENGTH = 256;
export const MAX_NAME_LENGTH = 512;
export const MAX_LINE_ITEMS = 200;

/** Non-empty text of at most `max` characters, trimmed; numbers are accepted and become strings. */
const textField = (max: number) =>
  v.pipe(
    v.custom<string | number>(
      (input) => typeof input === 'string' || (typeof input === 'number' && Number.isFinite(input)),
      'must be a non-empty string',
    ),
    v.transform((input) => String(input).trim()),
    v.nonEmpty('must be a non-empty string'),
    v.maxLength(max, `must be at most ${max} characters`),
  );

/** A product or order id. */
export const IdField = textField(MAX_ID_LENGTH);
/** A product's name. */
export const NameField = textField(MAX_NAME_LENGTH);

export const MoneyField = v.pipe(v.number('must be a number'), v.finite('must be a finite number'), v.minValue(0, 'must be 0 or more'));

export const QuantityField = v.pipe(
  v.number('must be a whole number'),
  v.integer('must be a whole number'),
  v.minValue(0, 'must be 0 or more'),
);

export const LineQuantityField = v.pipe(QuantityField, v.minValue(1, 'must be at least 1'));

export const CurrencyField = v.pipe(
  v.string((issue) =>
    issue.input === undefined ? 'is required: pass it or set the `currency` option' : 'must be an ISO 4217 code such as "USD"',
  ),
  v.transform((code) => code.trim().toUpperCase()),
  v.check(isCurrencyCode, 'must be an ISO 4217 code such as "USD"'),
);

export const CartEventTypeField = v.picklist(CART_EVENT_TYPES, `must be one of ${CART_EVENT_TYPES.join(', ')}`);
