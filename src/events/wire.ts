import * as v from 'valibot';
import { object } from '../lib/schema';
import type { CartEventType } from './fields';
import { CartEventTypeField, CurrencyField, IdField, LineQuantityField, MoneyField, NameField, QuantityField } from './fields';
import type { CartEvent, Checkout } from './input';

const Text = v.pipe(v.string(), v.nonEmpty());

/**
 * The wire types: the vendor page's bodies, without the fingerprints. The schemas below are checked against
 * them (`satisfies`), and the observer's view of a body (`WireBody`) is made from them.
 */
export interface CartBody {
  company_key: string;
  type: CartEventType;
  product_id: string;
  product_name: string;
  value: number;
  currency: string;
  quantity: number;
  source: string;
}
export interface CheckoutLine {
  product_id: string;
  product_name: string;
  quantity: number;
  value: number;
  currency: string;
}
export interface CheckoutBody {
  company_key: string;
  value: number;
  currency: string;
  orderId?: string;
  order_id?: string;
  line_items: CheckoutLine[];
}

/** The visitor's identity on the wire: both values come from the Alhena widget, never invented. */
export const FingerprintFields = {
  user_fingerprint: Text,
  user_faq_fingerprint: Text,
};

/** `POST /analytics/cart_events` body, minus the fingerprints that are added when it is sent. */
export const CartBodySchema = object({
  company_key: Text,
  type: CartEventTypeField,
  product_id: IdField,
  product_name: NameField,
  value: MoneyField,
  currency: CurrencyField,
  quantity: QuantityField,
  source: Text,
}) satisfies v.GenericSchema<unknown, CartBody>;

/** `POST /analytics/checkout_events` body, minus the fingerprints that are added when it is sent. */
export const CheckoutBodySchema = object({
  company_key: Text,
  value: MoneyField,
  currency: CurrencyField,
  // The vendor's field table says `orderId`, its example `order_id`: both are sent, with the same value.
  orderId: v.optional(IdField),
  order_id: v.optional(IdField),
  line_items: v.pipe(
    v.array(
      object({
        product_id: IdField,
        product_name: NameField,
        quantity: LineQuantityField,
        value: MoneyField,
        currency: CurrencyField,
      }),
    ),
    v.nonEmpty(),
  ),
}) satisfies v.GenericSchema<unknown, CheckoutBody>;

/** The whole request body as the API receives it (the tests check every body against it). */
export const CartWireSchema = /* @__PURE__ */ object({ ...CartBodySchema.entries, ...FingerprintFields });
export const CheckoutWireSchema = /* @__PURE__ */ object({ ...CheckoutBodySchema.entries, ...FingerprintFields });

export type EventBody = CartBody | CheckoutBody;

export function toCartBody(event: CartEvent, companyKey: string, source: string): CartBody {
  return {
    company_key: companyKey,
    type: event.type,
    product_id: event.productId,
    product_name: event.productName,
    value: event.value,
    currency: event.currency,
    quantity: event.quantity,
    source,
  };
}

export function toCheckoutBody(order: Checkout, companyKey: string): CheckoutBody {
  const body = { company_key: companyKey, value: order.value, currency: order.currency } as CheckoutBody;
  if (order.orderId !== undefined) body.orderId = body.order_id = order.orderId;
  body.line_items = order.lineItems.map((item) => ({
    product_id: item.productId,
    product_name: item.productName,
    quantity: item.quantity,
    value: item.value,
    currency: item.currency,
  }));
  return body;
}

export const isCheckoutBody = (body: EventBody): body is CheckoutBody => 'line_items' in body;

/** Where a body is POSTed. */
export const endpointOf = (apiBaseUrl: string, body: EventBody) =>
  `${apiBaseUrl}/analytics/${isCheckoutBody(body) ? 'checkout_events' : 'cart_events'}`;

/** The request body as it goes out: the stored body with the visitor's fingerprints after the company key. */
export function withFingerprints(body: EventBody, user: string, faq: string) {
  const { company_key, ...fields } = body;
  return { company_key, user_fingerprint: user, user_faq_fingerprint: faq, ...fields };
}
