// The stand-in WooCommerce store's catalogue: WordPress post ids, prices in minor units, one variable product.
// Written for the demo from WooCommerce's data model (no WooCommerce code): a variation is a product of its own
// with its own id and SKU, whose parent names it (includes/class-wc-product-variation.php).

/**
 * The store's currency as the Store API states it (src/StoreApi/Schemas/V1/AbstractSchema.php
 * get_store_currency_response: a `right_space` position gives an empty prefix and a " €" suffix).
 */
export const WOO_CURRENCY = Object.freeze({
  code: 'EUR',
  symbol: '€',
  minorUnit: 2,
  decimalSeparator: ',',
  thousandSeparator: '.',
  prefix: '',
  suffix: ' €',
});

/**
 * @typedef {{ id: number, attribute: string, value: string, sku: string, regular: number, sale?: number }} WooVariation
 *   `attribute` and `value`: the one attribute ("Size") this variation fixes; prices in cents.
 * @typedef {{
 *   id: number, slug: string, name: string, sku: string, type: 'simple' | 'variable',
 *   regular?: number, sale?: number, stock?: number, listedInStock?: boolean,
 *   attribute?: string, variations?: readonly WooVariation[], blurb: string,
 * }} WooProduct
 *   `stock`: units left (unlimited when absent). `listedInStock`: the shop page was cached while it was in stock,
 *   so its loop button still carries `ajax_add_to_cart` although the server now refuses the add.
 * @typedef {{ product: WooProduct, variation: WooVariation | null }} Purchasable
 *   What a cart line holds: a simple product, or a variable product's variation.
 */

/** @type {readonly WooProduct[]} */
export const WOO_PRODUCTS = Object.freeze([
  {
    id: 12,
    slug: 'midnight-espresso-beans',
    name: 'Midnight Espresso Beans',
    sku: 'EO-BEANS-01',
    type: 'simple',
    regular: 1850,
    blurb: 'Dark chocolate, molasses, 340 g',
  },
  {
    id: 14,
    slug: 'stoneware-mug',
    name: 'Stoneware Mug',
    sku: 'EO-MUG-01',
    type: 'simple',
    regular: 2800,
    sale: 2400,
    blurb: 'Hand-thrown, 350 ml (on sale)',
  },
  {
    id: 15,
    slug: 'gooseneck-kettle',
    name: 'Gooseneck Kettle',
    sku: 'EO-KETTLE-01',
    type: 'simple',
    regular: 6990,
    blurb: 'Matte black, 0.9 l',
  },
  {
    id: 17,
    slug: 'baristas-milk-honey-syrup',
    name: "Barista's Milk & Honey Syrup",
    sku: 'EO-SYRUP-01',
    type: 'simple',
    regular: 990,
    blurb: 'An apostrophe and an ampersand in its name',
  },
  {
    id: 20,
    slug: 'ember-hoodie',
    name: 'Ember Hoodie',
    sku: 'EO-HOODIE',
    type: 'variable',
    attribute: 'Size',
    blurb: 'Three sizes, each a variation with its own id',
    variations: Object.freeze([
      { id: 21, attribute: 'Size', value: 'Small', sku: 'EO-HOODIE-S', regular: 4500 },
      { id: 22, attribute: 'Size', value: 'Medium', sku: 'EO-HOODIE-M', regular: 4500 },
      { id: 23, attribute: 'Size', value: 'Large', sku: 'EO-HOODIE-L', regular: 4900 },
    ]),
  },
  {
    id: 30,
    slug: 'gesha-reserve-beans',
    name: 'Gesha Reserve Beans',
    sku: 'EO-GESHA-01',
    type: 'simple',
    regular: 3400,
    stock: 0,
    listedInStock: true,
    blurb: 'Sold out since this page was cached: the add is refused',
  },
]);

/** The product or variation with this post id, or null. @param {unknown} id @returns {Purchasable | null} */
export function findPurchasable(id) {
  const wanted = Number(id);
  for (const product of WOO_PRODUCTS) {
    if (product.id === wanted) return { product, variation: null };
    const variation = product.variations?.find((v) => v.id === wanted);
    if (variation) return { product, variation };
  }
  return null;
}

/** @param {string} slug */
export const findBySlug = (slug) => WOO_PRODUCTS.find((p) => p.slug === slug) ?? null;

/** The price charged now, in cents: the sale price when there is one. @param {Purchasable} item */
export const priceOf = ({ product, variation }) => {
  const source = variation ?? product;
  return source.sale ?? /** @type {number} */ (source.regular);
};

/** @param {Purchasable} item */
export const regularPriceOf = ({ product, variation }) => /** @type {number} */ ((variation ?? product).regular);

/** @param {Purchasable} item */
export const skuOf = ({ product, variation }) => (variation ?? product).sku;

/** The line's post id: the variation's for a variation (the Store API item `id`). @param {Purchasable} item */
export const idOf = ({ product, variation }) => (variation ?? product).id;

/**
 * A variation's own name, as WooCommerce generates it for order items: "Parent - Value"
 * (includes/data-stores/class-wc-product-variation-data-store-cpt.php generate_product_title).
 * @param {Purchasable} item
 */
export const fullNameOf = ({ product, variation }) => (variation ? `${product.name} - ${variation.value}` : product.name);

/** `18,50 €`: the shop's formatted money (wc_price), from cents. @param {number} cents */
export function formatWooPrice(cents) {
  const [whole, fraction] = (cents / 10 ** WOO_CURRENCY.minorUnit).toFixed(WOO_CURRENCY.minorUnit).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, WOO_CURRENCY.thousandSeparator);
  return `${WOO_CURRENCY.prefix}${grouped}${WOO_CURRENCY.decimalSeparator}${fraction}${WOO_CURRENCY.suffix}`;
}
