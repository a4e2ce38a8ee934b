import type { Config } from '../config/options';
import type { HandoffSource } from '../fingerprints/fingerprints';
import type { Logger } from '../lib/logger';
import type { EventOrigin } from '../observe';
import type { AlhenaCartError, CartProduct, TrackResult } from '../types';

/**
 * What a plugin may ask of the tracker: the page's own calls, through the same guard, each with the origin
 * of its event (what observers such as the inspector show).
 */
export interface TrackerCalls {
  addToCart(product: CartProduct, quantity: number, origin: EventOrigin): Promise<TrackResult>;
  /** `shown`: the line's quantity as the page shows it now (a cart line's markup), trusted over the record. */
  updateQuantity(product: CartProduct, quantity: number, shown: number | undefined, origin: EventOrigin): Promise<TrackResult>;
  removeFromCart(product: CartProduct, shown: number | undefined, origin: EventOrigin): Promise<TrackResult>;
  trackCheckout(order: unknown, origin: EventOrigin): Promise<TrackResult>;
  /** The quantity the cart record holds for a product (0 when it does not know it). */
  quantityOf(productId: string): number;
  /** The store's whole cart, reconciled with the record (`reportCart`); `total`: the cart's total, as its data states it. */
  reportCart(items: unknown, total: { value: number; currency: string } | undefined, origin: EventOrigin): Promise<TrackResult[]>;
  /** The total the last `reportCart` with one stated. */
  cartTotal(): { value: number; currency: string } | undefined;
  /** Runs `task` (a cart read and its comparison) as the only one across this store's tabs. */
  oneTabAtATime(task: () => Promise<void>): Promise<void>;
  /** The record's lines (the last cart read, on a platform), as `reportCart` lines. */
  cartLines(): { productId: string; productName?: string; value?: number; quantity: number; currency?: string }[];
  /** Whether this browser has already tracked the order. */
  orderTracked(orderId: string): boolean;
  /** Reads (and with `value`, first writes) a platform's small fact about this store, as consent allows. */
  remember(name: string, value?: string): string | null;
}

/** What a running tracker gives a plugin once its configuration is read. */
export interface SessionContext {
  config: Config;
  logger: Logger;
  calls: TrackerCalls;
  reportError(error: AlhenaCartError): void;
  /**
   * One source of cart events per page: the first to ask owns it, unless `owner` is given (a platform's
   * code, which owns the cart while it runs). False for a source that does not own it; debug mode says why.
   */
  claimCart(source: string, owner?: boolean): boolean;
  /** JSON from the page's own origin (a platform's cart or order), through the SDK's one HTTP client. */
  readStoreJson(url: string): Promise<unknown>;
}

/**
 * An optional part of the tracker (capture is one: `@alhena/cart-events/capture`), so that an app that
 * does not use it does not carry it. Each hook returns the function that stops what it started.
 */
export interface TrackerPlugin {
  /** The option this plugin serves, when a tracker without it must say that the option needs another entry. */
  serves?: 'platform';
  /** Page events on which the tracker starts at once, so that the plugin's listeners are in place for that very event. */
  startOn?: readonly string[];
  /** As the tracker starts, before its configuration is read: no company key needed. */
  page?(win: Window, handoff: HandoffSource): () => void;
  /** Once the configuration is read and the tracker runs for its company key. */
  session?(context: SessionContext): () => void;
}
