// The SDK's data attributes (contract §5), added to the shop's markup in the script-tag variant only.
// The SPA and GTM variants render the same markup without them (ctx.tagged = false).
import { CURRENCY, decimal } from './catalog.js';
import { attrs, raw } from './html.js';

const NONE = raw('');

/**
 * Product context: on a card, the product form, or a cart line.
 * @param {{ tagged: boolean }} ctx
 * @param {import('./catalog.js').Product} product
 */
export const productContext = (ctx, product) =>
  ctx.tagged
    ? attrs({
        'data-alhena-product-id': product.id,
        'data-alhena-product-name': product.name,
        'data-alhena-price': decimal(product.price),
        'data-alhena-currency': CURRENCY,
      })
    : NONE;

/**
 * `add-to-cart`, `remove-from-cart`, `increase-quantity`, `decrease-quantity` or `set-quantity`.
 * @param {{ tagged: boolean }} ctx
 * @param {string} name
 */
export const action = (ctx, name) => (ctx.tagged ? attrs({ 'data-alhena-action': name }) : NONE);

/** The product form's quantity field. @param {{ tagged: boolean }} ctx */
export const quantityInput = (ctx) => (ctx.tagged ? attrs({ 'data-alhena-quantity-input': true }) : NONE);

/**
 * The order confirmation element.
 * @param {{ tagged: boolean }} ctx
 * @param {import('./orders.js').Order} order
 */
export const orderContext = (ctx, order) =>
  ctx.tagged
    ? attrs({
        'data-alhena-order': true,
        'data-alhena-order-id': order.id,
        'data-alhena-order-value': decimal(order.value),
        'data-alhena-currency': order.currency,
      })
    : NONE;

/**
 * One line of the order confirmation.
 * @param {{ tagged: boolean }} ctx
 * @param {import('./orders.js').OrderLine} line
 */
export const orderLine = (ctx, line) =>
  ctx.tagged
    ? attrs({
        'data-alhena-line-item': true,
        'data-alhena-product-id': line.id,
        'data-alhena-product-name': line.name,
        'data-alhena-price': decimal(line.price),
        'data-alhena-currency': CURRENCY,
        'data-alhena-quantity': line.quantity,
        'data-alhena-line-value': decimal(line.lineValue),
      })
    : NONE;
