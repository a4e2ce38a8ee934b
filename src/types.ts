// The public types, written out so that an editor shows them as they are (not valibot's inferred types).
// test/types.test-d.ts holds each input type to what its schema (events/input.ts) accepts.
import type { FingerprintFields } from './events/fingerprint-fields';
import type { ValidationIssue } from './events/input';

export type { FingerprintFields, ValidationIssue };

/** What happened to one event. See the README's status table. */
export type TrackStatus = 'recorded' | 'duplicate' | 'not_attributed' | 'rejected' | 'queued' | 'dropped' | 'invalid';

export interface TrackResult {
  status: TrackStatus;
  /** The SDK's id for the event (also given to `onEvent` when its final outcome is known later). */
  eventId: string;
  /** The API's error code, or why the SDK dropped the event (`EXPIRED`, `QUEUE_FULL`, `CONSENT_DENIED`…). */
  code?: string;
  /** For `invalid`: each bad field by path (`lineItems[1].quantity`) with a readable message. */
  issues?: ValidationIssue[];
}

/** The visitor's two Alhena widget fingerprints. */
export interface Fingerprints {
  user: string;
  faq: string;
}

export type Consent = 'granted' | 'pending' | 'denied';
/** The `consent` option: a state, or `'google'` to follow Google Consent Mode v2's `analytics_storage` in `window.dataLayer`. */
export type ConsentOption = Consent | 'google';
export type Region = 'us' | 'eu';

/** Given to `onError`: a configuration problem, a dropped event, or a malformed capture. */
export interface AlhenaCartError {
  code: string;
  message: string;
  eventId?: string;
  element?: Element;
}

export type { CartEventType } from './events/fields';

import type { CartEventType } from './events/fields';

/** A cart event: `value` is the unit price after discounts, `quantity` the quantity after the change. */
export interface CartEventInput {
  type: CartEventType;
  productId: string | number;
  productName: string | number;
  value: number;
  /** ISO 4217; the `currency` option when left out. */
  currency?: string;
  quantity: number;
}

/** One line of an order: `value` is the line's total (price × quantity). */
export interface LineItemInput {
  productId: string | number;
  productName: string | number;
  quantity: number;
  value: number;
  /** The order's currency when left out. */
  currency?: string;
}

/**
 * An order: `value` is the total after discounts and taxes. `orderId: null` is an order without an id,
 * as a store's JSON often says it.
 */
export interface CheckoutInput {
  orderId?: string | number | null;
  value: number;
  /** ISO 4217; the `currency` option when left out. */
  currency?: string;
  lineItems: LineItemInput[];
}

/** A product for the cart helpers: name, unit price and currency may be left out when the cart already holds it. */
export interface CartProduct {
  productId: string | number;
  productName?: string | number;
  /** Unit price after discounts. */
  value?: number;
  currency?: string;
}

/** One line of the store's own cart, for `syncCart`. */
export interface CartLineInput extends CartProduct {
  quantity: number;
}

/** One line of the store's own cart for `reportCart`: `value` is the unit price after discounts. */
export interface ReportedCartLine {
  productId: string | number;
  productName: string | number;
  value: number;
  quantity: number;
  /** ISO 4217; the `currency` option when left out. */
  currency?: string;
}

/**
 * The `beforeSend` option. `kind` says which event it is: `'cart'` (a `CartEventInput`) or `'checkout'` (a
 * `CheckoutInput`; in TypeScript, `'lineItems' in event` narrows it), given as the SDK checked it (ids and
 * names as strings, the currency filled in), as a copy. Returns the event to send, changed or not, which is
 * checked like a call's input (a broken one is `invalid`), or `null` to drop it (`dropped`, code
 * `BEFORE_SEND`). A hook that throws or returns anything else sends the event as it was and reports the error
 * to `onError` (`BEFORE_SEND_FAILED`). It must answer at once: a promise is not an event.
 */
export type BeforeSend = (event: CartEventInput | CheckoutInput, kind: 'cart' | 'checkout') => CartEventInput | CheckoutInput | null;

/** A store platform the SDK reads the cart of by itself (README, Platforms). */
export type Platform = 'woocommerce' | 'magento' | 'bigcommerce' | 'prestashop';

export interface Options {
  /** Your Alhena company key. @default document.gleenConfig.company */
  companyKey?: string;
  /** The API host, e.g. a first-party proxy. @default document.gleenConfig.apiBaseUrl, else the region's host */
  apiBaseUrl?: string;
  /** `'us'` or `'eu'`, used only when no `apiBaseUrl` is known. @default from the widget script's origin, else 'us' */
  region?: Region;
  /** Currency for events that do not name one (ISO 4217). @default none: such an event is invalid */
  currency?: string;
  /** The wire field `source`. @default 'CUSTOM' */
  source?: string;
  /** Capture `data-alhena-*` attributes. @default true for the script tag, false for npm */
  autoTrack?: boolean;
  /** Turn GA4 e-commerce events pushed to `window.dataLayer` into Alhena events. @default false */
  dataLayer?: boolean;
  /**
   * `'pending'` holds events in memory until `setConsent('granted')`; `'google'` follows Google Consent Mode v2
   * (`analytics_storage` in `window.dataLayer`, pending until a signal). @default 'granted'
   */
  consent?: ConsentOption;
  /** Log every event, attempt and answer to the console. @default false */
  debug?: boolean;
  /** Supplies fingerprints on pages without the widget. @default read from window.gleenWidget */
  fingerprints?: () => Fingerprints | null | undefined;
  /** Receives every final outcome. */
  onEvent?: (result: TrackResult) => void;
  /** Receives configuration errors, dropped events and malformed captures. */
  onError?: (error: AlhenaCartError) => void;
  /**
   * Changes or drops each event before it is sent, whatever its source (calls, data attributes, dataLayer,
   * platforms, order pages). The SDK's own cart record keeps the event as the store gave it.
   * @example beforeSend: (event) => ('productId' in event ? { ...event, productId: skus[event.productId] ?? event.productId } : event)
   */
  beforeSend?: BeforeSend;
  /** Run on Shopify stores too (Alhena records them itself). @default false */
  allowShopify?: boolean;
  /**
   * `'server'`: the store's server reports orders (server entry), so the browser reports none: no order
   * page capture, no GA4 `purchase`, and `trackCheckout` answers `dropped` (`ORDERS_FROM_SERVER`). @default 'browser'
   */
  ordersFrom?: 'browser' | 'server';
  /**
   * The store platform whose own cart the SDK reads and reconciles, with no template edits: `'auto'`
   * recognises it from the page, `'none'` turns this off. @default 'auto' for the script tag, 'none' for npm
   */
  platform?: 'auto' | 'none' | Platform;
  /**
   * Other origins whose forms may be given the fingerprints (`<form data-alhena-fingerprints>` posting to a
   * payment page of the store's own, `['https://pay.example']`). The page's own origin always may. @default []
   */
  handoffOrigins?: string[];
  /**
   * `false`: the inspector cannot be opened on this store, neither by `?alhena-inspect` in a shared link nor by
   * `inspect()`. @default true
   */
  inspector?: boolean;
}

export interface Tracker {
  trackCartEvent(event: CartEventInput): Promise<TrackResult>;
  trackCheckout(order: CheckoutInput): Promise<TrackResult>;
  /** Adds `quantity` units: ITEM_ADDED for a product not in the cart, else QUANTITY_INCREASED with the new total. */
  addToCart(product: CartProduct, quantity?: number): Promise<TrackResult>;
  /** Sets the quantity: QUANTITY_INCREASED, QUANTITY_DECREASED, or ITEM_REMOVED at 0. */
  updateQuantity(product: CartProduct, quantity: number): Promise<TrackResult>;
  /** ITEM_REMOVED: the line goes to 0. */
  removeFromCart(product: CartProduct): Promise<TrackResult>;
  /**
   * The visitor's whole cart as the store holds it now: compared with the SDK's record, one event per line
   * that changed (ITEM_ADDED, QUANTITY_INCREASED/DECREASED, ITEM_REMOVED), then recorded. With no record
   * yet it is recorded and nothing is sent. Resolves with one result per event (and one `invalid` result
   * naming each bad line by index).
   */
  reportCart(items: ReportedCartLine[]): Promise<TrackResult[]>;
  /** Replaces the SDK's record of the cart with the store's own, sending nothing. */
  syncCart(items: CartLineInput[]): void;
  /** The visitor's fingerprints, waiting up to 5 s for the widget; null without them, or without consent. */
  getFingerprints(): Promise<Fingerprints | null>;
  /**
   * The fingerprints as the fields the server entry reads back (`alhena_user_fingerprint`,
   * `alhena_faq_fingerprint`), for a store's own API call or payment-provider metadata. Waits up to 1 s
   * for the widget; null without fingerprints, or while consent is pending or denied.
   */
  getFingerprintFields(): Promise<FingerprintFields | null>;
  /** `'granted'` releases held events in order; `'denied'` drops them and clears the SDK's stored data. */
  setConsent(consent: Consent): void;
  /** Resolves when nothing is queued or in flight, or what is left can only wait (offline, retry later…). */
  flush(): Promise<void>;
  /** Stops capturing and sending on this page; queued events stay stored for the next page. */
  shutdown(): void;
}
