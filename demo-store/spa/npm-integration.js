// SPA variant: the shop calls the npm build's cart helpers; the SDK works out ITEM_ADDED,
// QUANTITY_INCREASED… from its own record of the cart, which syncCart aligns on the cart page.
import { addToCart, removeFromCart, syncCart, trackCheckout, updateQuantity } from '@alhena/cart-events';
import { CURRENCY } from '/shop/js/catalog.js';

/** @param {import('/shop/js/catalog.js').Product} product */
const sdkProduct = (product) => ({ productId: product.id, productName: product.name, value: product.price, currency: CURRENCY });

/** @returns {import('/shop/js/controller.js').Integration} */
export function npmIntegration() {
  return {
    added: (product, quantity) => void addToCart(sdkProduct(product), quantity),
    quantityChanged: (product, { after }) => void updateQuantity(sdkProduct(product), after),
    removed: (product) => void removeFromCart(sdkProduct(product)),
    cartViewed: (lines) => syncCart(lines.map(({ product, quantity }) => ({ ...sdkProduct(product), quantity }))),
    orderViewed: (order) =>
      void trackCheckout({
        orderId: order.id,
        value: order.value,
        currency: order.currency,
        lineItems: order.lines.map((line) => ({
          productId: line.id,
          productName: line.name,
          quantity: line.quantity,
          value: line.lineValue,
        })),
      }),
  };
}
