import * as v from 'valibot';
import { object } from '../lib/schema';
import {
  CART_EVENT_TYPES,
  CartEventTypeField,
  CurrencyField,
  IdField,
  isCurrencyCode,
  LineQuantityField,
  MAX_ID_LENGTH,
  MAX_LINE_ITEMS,
  MAX_NAME_LENGTH,
  MoneyField,
  NameField,
  QuantityField,
} from './fields';

/** What `trackCartEvent` accepts. `value` is the unit price after discounts; `quantity` the quantity after the change. */
export const CartEventInputSchema = v.pipe(
  object(
    {
      type: CartEventTypeField,
      productId: IdField,
      productName: NameField,
      value: MoneyField,
      currency: CurrencyField,
      quantity: QuantityField,
    },
    'must be an object',
  ),
  v.forward(
    v.check(
      // Negative and fractional quantities already have their own issue.
      (event) => event.type === 'ITEM_REMOVED' || event.quantity !== 0,
      'must be at least 1 (only ITEM_REMOVED may bring a product to 0)',
    ),
    ['quantity'],
  ),
);

export const LineItemInputSchema = object(
  {
    productId: IdField,
    productName: NameField,
    quantity: LineQuantityField,
    value: MoneyField,
    currency: CurrencyField,
  },
  'must be an object',
);

/** What `trackCheckout` accepts. A line item's `value` is its total (price × quantity). */
export const CheckoutInputSchema = object(
  {
    orderId: v.optional(IdField),
    value: MoneyField,
    currency: CurrencyField,
    lineItems: v.pipe(
      v.array(LineItemInputSchema, 'must be a list of line items'),
      v.nonEmpty('must have at least one line item'),
      v.maxLength(MAX_LINE_ITEMS, `must have at most ${MAX_LINE_ITEMS} line items`),
    ),
  },
  'must be an object',
);

/** What `syncCart` accepts: the store's own cart, replacing the SDK's record. */
export const SyncCartSchema = v.array(
  object(
    {
      productId: IdField,
      quantity: QuantityField,
      productName: v.optional(NameField),
      value: v.optional(MoneyField),
      currency: v.optional(CurrencyField),
    },
    'must be an object',
  ),
  'must be a list of cart lines',
);

/** One line of `reportCart`: the store's cart as it is now, so name, unit price and currency are required. */
export const ReportCartLineSchema = object(
  {
    productId: IdField,
    productName: NameField,
    value: MoneyField,
    quantity: QuantityField,
    currency: CurrencyField,
  },
  'must be an object',
);

export type CartEventInput = v.InferInput<typeof CartEventInputSchema>;
export type CartEvent = v.InferOutput<typeof CartEventInputSchema>;
export type CheckoutInput = v.InferInput<typeof CheckoutInputSchema>;
export type Checkout = v.InferOutput<typeof CheckoutInputSchema>;
export type LineItemInput = v.InferInput<typeof LineItemInputSchema>;

/** One bad field: `path` as a developer would write it (`lineItems[1].quantity`), `message` what is wrong. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export type Validated<T> = { ok: true; data: T } | { ok: false; issues: ValidationIssue[] };

/** Issues as one line of text (`value must be a number; currency is required`), under `under` when given (`items`). */
export function formatIssues(issues: readonly ValidationIssue[], under?: string, separator = '; '): string {
  const pathOf = (path: string) =>
    !under ? path : path === 'input' ? under : path.startsWith('[') ? `${under}${path}` : `${under}.${path}`;
  return issues.map((issue) => `${pathOf(issue.path)} ${issue.message}`).join(separator);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fills a missing currency from the order, then from the configured default. */
function fillCurrency(input: unknown, fallback: string | undefined): unknown {
  if (!isRecord(input)) return input;
  const currency = input.currency ?? fallback;
  const lineItems = Array.isArray(input.lineItems)
    ? input.lineItems.map((item) => (isRecord(item) ? { ...item, currency: item.currency ?? currency } : item))
    : input.lineItems;
  return { ...input, currency, lineItems };
}

function formatPath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    path += typeof key === 'number' ? `[${key}]` : `${path ? '.' : ''}${String(key)}`;
  }
  return path || 'input';
}

/** A field left out or given as `undefined` "is required" (valibot words the first with its object's message). */
const messageOf = ({ type, expected, received, path, message }: v.BaseIssue<unknown>): string =>
  ((type === 'object' && expected?.startsWith('"')) || (received === 'undefined' && typeof path?.[path.length - 1]?.key === 'string')) &&
  !message.startsWith('is required')
    ? 'is required'
    : message;

/** Checks `input` against `schema`, after filling a missing currency; each issue by path, with its message. */
export function validate<T>(schema: v.GenericSchema<unknown, T>, input: unknown, currency?: string): Validated<T> {
  const result = v.safeParse(schema, fillCurrency(input, currency));
  if (result.success) return { ok: true, data: result.output };
  return { ok: false, issues: result.issues.map((issue) => ({ path: formatPath(issue), message: messageOf(issue) })) };
}

const CART_TYPES: ReadonlySet<unknown> = new Set(CART_EVENT_TYPES);
const isCleanText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value !== '' && value.length <= max && value.trim() === value;

/**
 * The usual call, checked without valibot's generic walk: every field present and already in the form
 * the schema would give it. Returns the event, or undefined to let the schema decide and word the
 * issues. It accepts nothing the schema would refuse or change (a property test holds it to that);
 * on a page making its first calls, before the JIT has warmed up, it is several times faster.
 */
export function cleanCartEvent(input: unknown, fallbackCurrency?: string): CartEvent | undefined {
  if (!isRecord(input)) return undefined;
  const { type, productId, productName, value, quantity } = input;
  const currency = input.currency ?? fallbackCurrency;
  if (
    CART_TYPES.has(type) &&
    isCleanText(productId, MAX_ID_LENGTH) &&
    isCleanText(productName, MAX_NAME_LENGTH) &&
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    typeof quantity === 'number' &&
    Number.isInteger(quantity) &&
    quantity >= (type === 'ITEM_REMOVED' ? 0 : 1) &&
    typeof currency === 'string' &&
    isCurrencyCode(currency)
  ) {
    return { type: type as CartEvent['type'], productId, productName, value, currency, quantity };
  }
  return undefined;
}

export const validateCartEvent = (input: unknown, currency?: string): Validated<CartEvent> => {
  const event = cleanCartEvent(input, currency);
  return event ? { ok: true, data: event } : validate(CartEventInputSchema, input, currency);
};

/** `orderId: null` (as a store's JSON often says "none") is an order without an id, like a missing one. */
export const validateCheckout = (input: unknown, currency?: string): Validated<Checkout> =>
  validate(CheckoutInputSchema, isRecord(input) && input.orderId === null ? { ...input, orderId: undefined } : input, currency);

/** A `reportCart` line at `index`, its issues named `[index].field`; a missing currency is the `currency` option. */
export function validateReportLine(
  input: unknown,
  index: number,
  currency?: string,
): Validated<v.InferOutput<typeof ReportCartLineSchema>> {
  const checked = validate(ReportCartLineSchema, input, currency);
  if (checked.ok) return checked;
  return {
    ok: false,
    issues: checked.issues.map(({ path, message }) => ({ path: `[${index}]${path === 'input' ? '' : `.${path}`}`, message })),
  };
}

export const validateSyncCart = (input: unknown): Validated<v.InferOutput<typeof SyncCartSchema>> => validate(SyncCartSchema, input);
