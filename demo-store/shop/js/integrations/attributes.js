// Script-tag variant: the data attributes in the markup do the tracking. The one call the shop
// makes is syncCart on the cart page, so the SDK's record of the cart matches the shop's.
import { CURRENCY } from '../catalog.js';

/** @returns {import('../controller.js').Integration} */
export function attributesIntegration() {
  return {
    cartViewed(lines) {
      const items = lines.map(({ product, quantity }) => ({
        productId: product.id,
        productName: product.name,
        value: product.price,
        currency: CURRENCY,
        quantity,
      }));
      const w = /** @type {any} */ (window);
      w.alhenaCart = w.alhenaCart || [];
      w.alhenaCart.push(['syncCart', items]);
    },
  };
}
