import type { AlhenaCartError, CartProduct, TrackResult } from '../types';

/**
 * What a capture source may do: the tracker supplies these, so capture never touches delivery.
 * `element`: the control or order element it read, named in the report when the event is invalid.
 */
export interface CaptureHandlers {
  addToCart(product: CartProduct, quantity: number, element?: Element): Promise<TrackResult>;
  /** `shown`: the line's current quantity as the page shows it (`data-alhena-quantity` on a cart line). */
  updateQuantity(product: CartProduct, quantity: number, shown?: number, element?: Element): Promise<TrackResult>;
  removeFromCart(product: CartProduct, shown?: number, element?: Element): Promise<TrackResult>;
  quantityOf(productId: string): number;
  trackCheckout(order: unknown, element?: Element): Promise<TrackResult>;
  error(error: AlhenaCartError): void;
  /** One source of cart events per page: the first of DOM capture and the dataLayer bridge to report one wins. */
  claim(source: 'dom' | 'dataLayer'): boolean;
}
