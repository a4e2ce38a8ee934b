// The stand-in PrestaShop store's catalogue and carts. Written for the demo from PrestaShop's data model (no
// PrestaShop code): a product with combinations is bought as one of them (`id_product_attribute`, chosen from the
// product page's `group[ID]` selects: CartController::processChangeProductInCart), each with its own price impact;
// prices in cents, taxes included, in euros.

/**
 * @typedef {{ id: number, group: number, name: string, impact: number }} PsCombination
 *   `id`: the combination's `id_product_attribute`; `group`: the attribute's id in the `group[1]` select (Size).
 * @typedef {{ id: number, slug: string, name: string, price: number, stock?: number, reference: string, combinations?: readonly PsCombination[] }} PsProduct
 *   `stock`: units left (unlimited when absent); the listing and product page were cached while it was in stock.
 * @typedef {{ idProduct: number, idProductAttribute: number, quantity: number }} PsLine
 * @typedef {{ id: number, lines: PsLine[], carrier: number }} PsCart
 *   `carrier`: the chosen delivery option's `id_carrier`.
 */

export const PS_CURRENCY = Object.freeze({ id: 1, name: 'Euro', iso_code: 'EUR', iso_code_num: '978', sign: '€' });
/** The carriers the checkout offers (`id_carrier`, PrestaShop's demo "My carrier" and an express one), prices in cents. */
export const CARRIERS = Object.freeze([
  { id: 2, name: 'My carrier', delay: 'Delivery next day!', price: 700 },
  { id: 3, name: 'Express', delay: 'Delivery within hours', price: 1200 },
]);

/** @type {readonly PsProduct[]} */
export const PS_PRODUCTS = Object.freeze([
  {
    id: 1,
    slug: 'hummingbird-printed-t-shirt',
    name: 'Hummingbird printed t-shirt',
    price: 2390,
    reference: 'demo_1',
    combinations: [
      { id: 1, group: 1, name: 'S', impact: 0 },
      { id: 2, group: 2, name: 'M', impact: 0 },
      { id: 3, group: 3, name: 'L', impact: 200 },
    ],
  },
  { id: 6, slug: 'mug-the-best-is-yet-to-come', name: 'Mug The best is yet to come', price: 1190, reference: 'demo_11' },
  { id: 7, slug: 'mug-the-adventure-begins', name: 'Mug The adventure begins', price: 1290, reference: 'demo_12', stock: 3 },
  { id: 9, slug: 'mountain-fox-notebook', name: 'Mountain fox notebook', price: 1290, reference: 'demo_9', stock: 0 },
]);

/** @param {unknown} id */
export const findProduct = (id) => PS_PRODUCTS.find((p) => p.id === Number(id));
/** @param {PsProduct} product @param {number} idProductAttribute */
export const combinationOf = (product, idProductAttribute) => product.combinations?.find((c) => c.id === idProductAttribute);
/** The unit price of a product or one of its combinations, in cents. @param {PsProduct} product @param {number} idProductAttribute */
export const unitPrice = (product, idProductAttribute) => product.price + (combinationOf(product, idProductAttribute)?.impact ?? 0);
/** "€23.90", as PrestaShop's English demo shop formats euros (formatted text: the SDK never reads it). @param {number} cents */
export const formatPrice = (cents) => `€${(cents / 100).toFixed(2)}`;

let nextCartId = 10;
/** @returns {PsCart} */
export const createCart = () => ({ id: nextCartId++, lines: [], carrier: CARRIERS[0].id });
/** The cart's shipping in cents: its carrier's price, none for an empty cart. @param {PsCart} cart */
export const shippingOf = (cart) => (cart.lines.length ? (CARRIERS.find((c) => c.id === cart.carrier) ?? CARRIERS[0]).price : 0);

/** @param {PsCart} cart @param {number} idProduct @param {number} idProductAttribute */
export const lineOf = (cart, idProduct, idProductAttribute) =>
  cart.lines.find((l) => l.idProduct === idProduct && l.idProductAttribute === idProductAttribute);

/**
 * Adds or changes a line as CartController::processChangeProductInCart does: a product with combinations and none
 * named gets its default one (the first); `op` down lowers the quantity (to 0 removes the line); a quantity the
 * stock cannot cover is refused with PrestaShop's message and changes nothing.
 * @param {PsCart} cart @param {{ idProduct: number, idProductAttribute: number, quantity: number, op: 'up' | 'down' }} change
 * @returns {{ ok: true, idProductAttribute: number } | { ok: false, error: string }}
 */
export function changeQuantity(cart, { idProduct, idProductAttribute, quantity, op }) {
  const product = findProduct(idProduct);
  if (!product) return { ok: false, error: 'Product not found' };
  if (quantity <= 0) return { ok: false, error: 'Null quantity.' };
  let attribute = product.combinations ? idProductAttribute : 0;
  if (product.combinations && !combinationOf(product, attribute)) attribute = product.combinations[0].id;
  const line = lineOf(cart, idProduct, attribute);
  const wanted = (line?.quantity ?? 0) + (op === 'down' ? -quantity : quantity);
  if (product.stock !== undefined && wanted > product.stock)
    return {
      ok: false,
      error: 'There are not enough products in stock.',
    };
  if (wanted <= 0) cart.lines = cart.lines.filter((l) => l !== line);
  else if (line) line.quantity = wanted;
  else cart.lines.push({ idProduct, idProductAttribute: attribute, quantity: wanted });
  return { ok: true, idProductAttribute: attribute };
}

/** CartController::processDeleteProductInCart. @param {PsCart} cart @param {number} idProduct @param {number} idProductAttribute */
export function deleteLine(cart, idProduct, idProductAttribute) {
  cart.lines = cart.lines.filter((l) => !(l.idProduct === idProduct && l.idProductAttribute === idProductAttribute));
}

/** The products' total in cents. @param {PsCart} cart */
export const productsTotal = (cart) =>
  cart.lines.reduce((sum, l) => sum + unitPrice(/** @type {PsProduct} */ (findProduct(l.idProduct)), l.idProductAttribute) * l.quantity, 0);

/** The amount and formatted value of a subtotal (CartPresenter's `['type', 'label', 'amount', 'value']`). */
const amount = (/** @type {string} */ type, /** @type {string} */ label, /** @type {number} */ cents) => ({
  type,
  label,
  amount: cents / 100,
  value: formatPrice(cents),
});

/**
 * The presented cart as CartPresenter::present gives it and src/Core/Filter/FrontEndObject/CartFilter.php and
 * ProductFilter.php keep it for the page's `prestashop.cart` and displayAjaxUpdate's `cart`: ids as the database's
 * strings, `price_amount` the unit price, `quantity` a number, the totals with shipping.
 * @param {PsCart} cart @param {string} token the cart URLs' static token
 */
export function presentCart(cart, token) {
  const products = cart.lines.map((line) => {
    const product = /** @type {PsProduct} */ (findProduct(line.idProduct));
    const combination = combinationOf(product, line.idProductAttribute);
    const price = unitPrice(product, line.idProductAttribute);
    const query = `id_product=${product.id}&id_product_attribute=${line.idProductAttribute}&token=${token}`;
    return {
      id_product: String(product.id),
      id_product_attribute: String(line.idProductAttribute),
      id_customization: null,
      name: product.name,
      reference: product.reference,
      attributes: combination ? { Size: combination.name } : [],
      price: formatPrice(price),
      price_amount: price / 100,
      price_wt: price / 100,
      quantity: line.quantity,
      total: formatPrice(price * line.quantity),
      total_wt: (price * line.quantity) / 100,
      url: `/prestashop/${product.id}-${product.slug}.html`,
      remove_from_cart_url: `/prestashop/cart?delete=1&${query}`,
      up_quantity_url: `/prestashop/cart?update=1&${query}&op=up`,
      down_quantity_url: `/prestashop/cart?update=1&${query}&op=down`,
      update_quantity_url: `/prestashop/cart?update=1&${query}`,
    };
  });
  const subtotal = productsTotal(cart);
  const shipping = shippingOf(cart);
  const count = cart.lines.reduce((n, l) => n + l.quantity, 0);
  return {
    products,
    products_count: count,
    subtotals: { products: amount('products', 'Subtotal', subtotal), shipping: amount('shipping', 'Shipping', shipping) },
    totals: {
      total: amount('total', 'Total', subtotal + shipping),
      total_including_tax: amount('total', 'Total (tax incl.)', subtotal + shipping),
      total_excluding_tax: amount('total', 'Total (tax excl.)', Math.round((subtotal + shipping) / 1.2)),
    },
    summary_string: `${count} ${count === 1 ? 'item' : 'items'}`,
    vouchers: { allowed: 0, added: [] },
    discounts: [],
    minimalPurchase: 0,
    minimalPurchaseRequired: '',
  };
}
