// GTM variant: the shop knows nothing of Alhena. It pushes the GA4 e-commerce events a GTM store
// already pushes (dataLayer.push, and gtag for the purchase); the SDK's dataLayer bridge reads them.
import { CURRENCY, PRODUCTS, toMoney } from '../catalog.js';

/** @typedef {import('../catalog.js').Product} Product */

/** @param {Product} product @param {number} quantity */
const gaItem = (product, quantity) => ({ item_id: product.id, item_name: product.name, price: product.price, quantity });

/** @param {{ product: Product, quantity: number }[]} lines */
const gaEcommerce = (lines) => ({
  currency: CURRENCY,
  value: toMoney(lines.reduce((sum, { product, quantity }) => sum + product.price * quantity, 0)),
  items: lines.map(({ product, quantity }) => gaItem(product, quantity)),
});

/** The GTM habit: clear the previous ecommerce object, then push the event. @param {string} event @param {object} ecommerce */
function push(event, ecommerce) {
  const w = /** @type {any} */ (window);
  w.dataLayer = w.dataLayer || [];
  w.dataLayer.push({ ecommerce: null });
  w.dataLayer.push({ event, ecommerce });
}

/** @returns {import('../controller.js').Integration} */
export function gtmIntegration() {
  return {
    listViewed: () => push('view_item_list', { item_list_name: 'Shop', items: PRODUCTS.map((p) => gaItem(p, 1)) }),
    productViewed: (product) => push('view_item', gaEcommerce([{ product, quantity: 1 }])),
    added: (product, quantity) => push('add_to_cart', gaEcommerce([{ product, quantity }])),
    // GA4 counts units: a quantity change is an add_to_cart or remove_from_cart of the difference.
    quantityChanged(product, { before, after }) {
      const event = after > before ? 'add_to_cart' : 'remove_from_cart';
      push(event, gaEcommerce([{ product, quantity: Math.abs(after - before) }]));
    },
    removed: (product, { before }) => push('remove_from_cart', gaEcommerce([{ product, quantity: before }])),
    cartViewed: (lines) => push('view_cart', gaEcommerce(lines)),
    checkoutStarted: (lines) => push('begin_checkout', gaEcommerce(lines)),
    orderViewed(order) {
      const gtag = /** @type {any} */ (window).gtag;
      gtag('event', 'purchase', {
        transaction_id: order.id,
        value: order.value,
        currency: order.currency,
        items: order.lines.map((line) => ({ item_id: line.id, item_name: line.name, price: line.price, quantity: line.quantity })),
      });
    },
  };
}
