// The Store API's JSON shapes for the stand-in WooCommerce store: the cart (CartSchema, CartItemSchema) and an
// order (OrderSchema, OrderItemSchema), written from WooCommerce's schemas in src/StoreApi/Schemas/V1/.
// Money is a string of minor units; HTML fields (names, SKUs) go through wptexturize as prepare_html_response does.
import { cartTotal, itemsCount, purchasableOf } from './woo-cart.mjs';
import { idOf, priceOf, regularPriceOf, skuOf, WOO_CURRENCY } from './woo-catalog.mjs';

/**
 * @typedef {import('./woo-cart.mjs').WooCart} WooCart
 * @typedef {import('./woo-cart.mjs').CartLine} CartLine
 * @typedef {import('./woo-catalog.mjs').Purchasable} Purchasable
 * @typedef {{ id: number, productId: number, variationId: number, name: string, quantity: number, unitPrice: number, sku: string }} OrderLine
 *   `id`: the order item's own id (a row of its own in WooCommerce, not the product's id).
 * @typedef {{
 *   id: number, key: string, status: string, createdAt: number, billingEmail: string,
 *   billing: Record<string, string>, lines: OrderLine[], total: number, paymentMethodTitle: string,
 * }} WooOrder
 *   `createdAt`: ms since the epoch, settable back for the 10-minute rule (see woo-store-api.mjs).
 */

/**
 * The subset of WordPress's wptexturize the catalogue needs: an apostrophe becomes `&#8217;` and a bare `&`
 * `&#038;` (AbstractSchema.php prepare_html_response: wp_kses_post(trim(convert_chars(wptexturize(…))))).
 * @param {string} text
 */
const texturize = (text) =>
  text
    .replace(/&(?!#?\w+;)/g, '&#038;')
    .replace(/(\w)'(\w)/g, '$1&#8217;$2')
    .replace(/ - /g, ' &#8211; ');

/** Cents → the Store API's money string; the raw prices have 6 decimals (`raw_prices.precision`). */
const money = (/** @type {number} */ cents) => String(Math.round(cents));
const rawMoney = (/** @type {number} */ cents) => String(Math.round(cents * 10 ** (6 - WOO_CURRENCY.minorUnit)));

/** The currency fields every money object carries (AbstractSchema.php get_store_currency_response). */
const currencyFields = () => ({
  currency_code: WOO_CURRENCY.code,
  currency_symbol: WOO_CURRENCY.symbol,
  currency_minor_unit: WOO_CURRENCY.minorUnit,
  currency_decimal_separator: WOO_CURRENCY.decimalSeparator,
  currency_thousand_separator: WOO_CURRENCY.thousandSeparator,
  currency_prefix: WOO_CURRENCY.prefix,
  currency_suffix: WOO_CURRENCY.suffix,
});

/** A product's `prices` (ProductItemTrait prepare_product_price_response): the price now, the regular and sale prices. @param {Purchasable} item */
function pricesOf(item) {
  const price = priceOf(item);
  const regular = regularPriceOf(item);
  return {
    price: money(price),
    regular_price: money(regular),
    sale_price: money(price),
    price_range: null,
    ...currencyFields(),
    raw_prices: { precision: 6, price: rawMoney(price), regular_price: rawMoney(regular), sale_price: rawMoney(price) },
  };
}

/** `[{ raw_attribute, attribute, value }]` for a variation, `[]` otherwise (ProductItemTrait format_variation_data). @param {Purchasable} item */
const variationOf = ({ variation }) =>
  variation
    ? [{ raw_attribute: `attribute_${variation.attribute.toLowerCase()}`, attribute: variation.attribute, value: variation.value }]
    : [];

/** @param {Purchasable} item @param {string} origin */
const permalinkOf = ({ product, variation }, origin) =>
  `${origin}/woo/product/${product.slug}/${variation ? `?attribute_${variation.attribute.toLowerCase()}=${variation.value}` : ''}`;

/**
 * What a cart line and an order line share (both ItemSchema in WooCommerce): descriptions, sku, permalink,
 * variation, prices (the product's, now) and the line's totals.
 * @param {Purchasable} item @param {string} origin @param {number} lineTotal @param {string} sku
 */
const itemFields = (item, origin, lineTotal, sku) => ({
  short_description: '',
  description: '',
  sku: texturize(sku),
  low_stock_remaining: null,
  backorders_allowed: false,
  show_backorder_badge: false,
  sold_individually: false,
  permalink: permalinkOf(item, origin),
  images: [],
  variation: variationOf(item),
  item_data: [],
  prices: pricesOf(item),
  totals: {
    line_subtotal: money(lineTotal),
    line_subtotal_tax: '0',
    line_total: money(lineTotal),
    line_total_tax: '0',
    ...currencyFields(),
  },
  catalog_visibility: 'visible',
});

/**
 * A cart line (CartItemSchema.php get_item_response). `id` is the variation's id for a variation; `name` is
 * the product's title (a variation's is its parent's, class-wc-product-variation.php get_title), texturized.
 * @param {CartLine} line @param {string} origin
 */
function cartItemResponse(line, origin) {
  const item = purchasableOf(line);
  const lineTotal = priceOf(item) * line.quantity;
  return {
    key: line.key,
    id: idOf(item),
    type: item.variation ? 'variation' : item.product.type,
    quantity: line.quantity,
    quantity_limits: { minimum: 1, maximum: 9999, multiple_of: 1, editable: true },
    name: texturize(item.product.name),
    ...itemFields(item, origin, lineTotal, skuOf(item)),
    has_cart_item_data: false,
    extensions: {},
  };
}

const emptyAddress = () => ({
  first_name: '',
  last_name: '',
  company: '',
  address_1: '',
  address_2: '',
  city: '',
  state: '',
  postcode: '',
  country: '',
  phone: '',
});

/** The whole cart (CartSchema.php get_item_response, get_totals). @param {WooCart} cart @param {string} origin */
export function cartResponse(cart, origin) {
  const total = money(cartTotal(cart));
  const hasItems = cart.lines.length > 0;
  return {
    items: cart.lines.map((line) => cartItemResponse(line, origin)),
    coupons: [],
    fees: [],
    totals: {
      total_items: total,
      total_items_tax: '0',
      total_fees: '0',
      total_fees_tax: '0',
      total_discount: '0',
      total_discount_tax: '0',
      total_shipping: null,
      total_shipping_tax: null,
      total_price: total,
      total_tax: '0',
      tax_lines: [],
      ...currencyFields(),
    },
    shipping_address: emptyAddress(),
    billing_address: { ...emptyAddress(), email: '' },
    needs_payment: hasItems,
    needs_shipping: hasItems,
    payment_requirements: ['products'],
    has_calculated_shipping: false,
    shipping_rates: [],
    items_count: itemsCount(cart),
    items_weight: 0,
    cross_sells: [],
    errors: [],
    payment_methods: ['cod'],
    extensions: {},
  };
}

/**
 * An order line (OrderItemSchema.php get_item_response): `id` is the order item's id, `key` the order's key,
 * `name` the order item's stored name (not texturized, a variation's includes its value), `prices` the product's
 * prices now, `totals` what was paid.
 * @param {OrderLine} line @param {WooOrder} order @param {string} origin
 */
function orderItemResponse(line, order, origin) {
  const item = /** @type {Purchasable} */ (
    purchasableOf({ key: '', productId: line.productId, variationId: line.variationId, variation: {}, quantity: 0 })
  );
  const lineTotal = line.unitPrice * line.quantity;
  return {
    key: order.key,
    id: line.id,
    quantity: line.quantity,
    quantity_limits: { minimum: line.quantity, maximum: line.quantity, multiple_of: 1, editable: false },
    name: line.name,
    ...itemFields(item, origin, lineTotal, line.sku),
  };
}

/** An order (OrderSchema.php get_item_response, get_totals). @param {WooOrder} order @param {string} origin */
export function orderResponse(order, origin) {
  const total = money(order.total);
  return {
    id: order.id,
    status: order.status,
    items: order.lines.map((line) => orderItemResponse(line, order, origin)),
    coupons: [],
    fees: [],
    totals: {
      subtotal: total,
      total_discount: '0',
      total_shipping: '0',
      total_fees: '0',
      total_tax: '0',
      total_refund: '0',
      total_price: total,
      total_items: total,
      total_items_tax: '0',
      total_fees_tax: '0',
      total_discount_tax: '0',
      total_shipping_tax: '0',
      tax_lines: [],
      ...currencyFields(),
    },
    shipping_address: { ...emptyAddress(), ...order.billing },
    billing_address: { ...emptyAddress(), ...order.billing, email: order.billingEmail },
    needs_payment: false,
    needs_shipping: true,
    payment_requirements: ['products'],
    errors: [],
  };
}
