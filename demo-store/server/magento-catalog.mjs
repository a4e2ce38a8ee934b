// The stand-in Magento store's catalogue and its carts' data, written for the demo from Magento 2.4's data model
// (no Magento code): a configurable product's quote item is the parent's, and names the chosen child by SKU only
// (app/code/Magento/ConfigurableProduct/Model/Product/Type/Configurable.php getSku); the customer-data `cart`
// section's lines (app/code/Magento/Checkout/CustomerData/Cart.php getSectionData, DefaultItem.php doGetItemData);
// the checkout's quote data (app/code/Magento/Checkout/Model/DefaultConfigProvider.php getConfig).
import { html } from '../shop/js/html.js';

export const CURRENCY = 'EUR';
/** Flat rate shipping per order, in the checkout's totals (Magento_OfflineShipping's flatrate, "per order"). */
export const SHIPPING = 5;
/** The size attribute's id, as `super_attribute[144]` names it (sample data's `size`). */
export const SIZE_ATTRIBUTE = 144;

/**
 * @typedef {{ id: number, sku: string, label: string, optionId: number, price: number }} MagentoChild
 * @typedef {{
 *   id: number, sku: string, name: string, urlKey: string, price: number, type: 'simple' | 'configurable',
 *   inStock: boolean, children?: readonly MagentoChild[], blurb: string,
 * }} MagentoProduct
 *   `inStock` false: the category page was cached while it was in stock, so it still shows the add button.
 * @typedef {{ itemId: number, productId: number, childId: number | null, qty: number }} MagentoLine
 * @typedef {{ maskedId: string, lines: MagentoLine[] }} MagentoCart
 */

/** @type {readonly MagentoProduct[]} */
export const PRODUCTS = Object.freeze([
  {
    id: 1,
    sku: '24-MB01',
    name: 'Joust Duffle Bag',
    urlKey: 'joust-duffle-bag',
    price: 34,
    type: 'simple',
    inStock: true,
    blurb: 'Roomy, with a shoe pocket',
  },
  {
    id: 14,
    sku: '24-MB04',
    name: 'Strive Shoulder Pack',
    urlKey: 'strive-shoulder-pack',
    price: 32,
    type: 'simple',
    inStock: true,
    blurb: 'Light, one strap',
  },
  {
    id: 33,
    sku: '24-UG05',
    name: "Go-Get'r Pushup Grips & Mat",
    urlKey: 'go-get-r-pushup-grips',
    price: 19,
    type: 'simple',
    inStock: true,
    blurb: 'Its name needs escaping',
  },
  {
    id: 67,
    sku: 'MH01',
    name: 'Chaz Kangeroo Hoodie',
    urlKey: 'chaz-kangeroo-hoodie',
    price: 52,
    type: 'configurable',
    inStock: true,
    blurb: 'Pick a size',
    children: Object.freeze([
      { id: 68, sku: 'MH01-S', label: 'S', optionId: 168, price: 52 },
      { id: 69, sku: 'MH01-M', label: 'M', optionId: 169, price: 52 },
      { id: 70, sku: 'MH01-L', label: 'L', optionId: 170, price: 54.5 },
    ]),
  },
  {
    id: 40,
    sku: '24-UG06',
    name: 'Affirm Water Bottle',
    urlKey: 'affirm-water-bottle',
    price: 7,
    type: 'simple',
    inStock: false,
    blurb: 'Sold out',
  },
]);

export const productById = (/** @type {number} */ id) => PRODUCTS.find((product) => product.id === id);
export const productByUrlKey = (/** @type {string} */ key) => PRODUCTS.find((product) => product.urlKey === key);

const EURO = new Intl.NumberFormat('en-US', { style: 'currency', currency: CURRENCY });
/** `<span class="price">€52.00</span>`, as Magento\Checkout\Helper\Data::formatPrice renders it. @param {number} amount */
export const priceHtml = (amount) => html`<span class="price">${EURO.format(amount)}</span>`;

/** @param {MagentoLine} line */
export function lineParts(line) {
  const product = /** @type {MagentoProduct} */ (productById(line.productId));
  const child = product.children?.find((c) => c.id === line.childId) ?? null;
  return { product, child, sku: child?.sku ?? product.sku, price: child?.price ?? product.price };
}

export const subtotalOf = (/** @type {MagentoCart} */ cart) => cart.lines.reduce((sum, line) => sum + lineParts(line).price * line.qty, 0);

/**
 * Adds `qty` of a product (a configurable's child chosen by its size option) as checkout/cart/add does
 * (Magento\Checkout\Controller\Cart\Add): the same product and option again raise the line's quantity.
 * @param {MagentoCart} cart @param {{ nextItemId: () => number }} ids @param {number} productId @param {number} qty @param {number | null} optionId
 * @returns {{ ok: true } | { ok: false, message: string }}
 */
export function addToCart(cart, ids, productId, qty, optionId) {
  const product = productById(productId);
  if (!product) return { ok: false, message: 'The product that was requested doesn’t exist. Verify the product and try again.' };
  if (!product.inStock) return { ok: false, message: 'Product that you are trying to add is not available.' };
  const child = product.children ? product.children.find((c) => c.optionId === optionId) : null;
  if (product.children && !child) return { ok: false, message: 'You need to choose options for your item.' };
  if (!Number.isInteger(qty) || qty < 1) return { ok: false, message: 'The requested qty is not available' };
  const childId = child?.id ?? null;
  const line = cart.lines.find((l) => l.productId === productId && l.childId === childId);
  if (line) line.qty += qty;
  else cart.lines.push({ itemId: ids.nextItemId(), productId, childId, qty });
  return { ok: true };
}

/** Sets a line's quantity (0 removes it). @param {MagentoCart} cart @param {number} itemId @param {number} qty */
export function setQty(cart, itemId, qty) {
  const line = cart.lines.find((l) => l.itemId === itemId);
  if (!line || !Number.isInteger(qty) || qty < 0) return false;
  if (qty === 0) cart.lines.splice(cart.lines.indexOf(line), 1);
  else line.qty = qty;
  return true;
}

/** @param {string} text */
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#039' }[c]};`);

/**
 * The customer-data `cart` section (Cart::getSectionData, 2.4): newest line first (getRecentItems), each as
 * DefaultItem::doGetItemData gives it, its name HTML-escaped by Magento's escaper; `data_id` added by the section
 * pool (Magento\Customer\CustomerData\SectionPool). Prices are numbers, ids strings, as Magento's JSON has them.
 * @param {MagentoCart} cart @param {string} base the store's base URL @param {number} dataId
 */
export function cartSection(cart, base, dataId) {
  const subtotal = subtotalOf(cart);
  return {
    summary_count: cart.lines.reduce((n, line) => n + line.qty, 0),
    subtotalAmount: subtotal,
    subtotal: priceHtml(subtotal).toString(),
    possible_onepage_checkout: true,
    items: [...cart.lines].reverse().map((line) => {
      const { product, child, sku, price } = lineParts(line);
      return {
        product_type: product.type,
        options: child ? [{ label: 'Size', value: child.label, option_id: SIZE_ATTRIBUTE, option_value: String(child.optionId) }] : [],
        qty: line.qty,
        item_id: String(line.itemId),
        configure_url: `${base}checkout/cart/configure/id/${line.itemId}/product_id/${product.id}/`,
        is_visible_in_site_visibility: true,
        product_id: String(product.id),
        product_name: escapeHtml(product.name),
        product_sku: sku,
        product_url: `${base}${product.urlKey}.html`,
        product_has_url: true,
        product_price: priceHtml(price).toString(),
        product_price_value: price,
        product_image: { src: `${base}static/placeholder.svg`, alt: escapeHtml(product.name), width: 75, height: 75 },
        canApplyMsrp: false,
        message: '',
      };
    }),
    extra_actions: '',
    isGuestCheckoutAllowed: true,
    website_id: '1',
    storeId: '1',
    data_id: dataId,
  };
}

/**
 * What `window.checkoutConfig` holds of the quote (DefaultConfigProvider::getConfig): quote items as
 * `Quote\Item::toArray()` gives them (decimal columns as strings), the totals with shipping, the currency.
 * @param {MagentoCart} cart @param {string} base
 */
export function checkoutConfig(cart, base) {
  const subtotal = subtotalOf(cart);
  const grandTotal = cart.lines.length ? subtotal + SHIPPING : 0;
  const decimal = (/** @type {number} */ n) => n.toFixed(4);
  return {
    quoteData: {
      entity_id: cart.maskedId,
      quote_currency_code: CURRENCY,
      base_currency_code: CURRENCY,
      items_count: cart.lines.length,
      items_qty: decimal(cart.lines.reduce((n, line) => n + line.qty, 0)),
      grand_total: decimal(grandTotal),
      is_virtual: 0,
    },
    quoteItemData: cart.lines.map((line) => {
      const { product, child, sku, price } = lineParts(line);
      return {
        item_id: String(line.itemId),
        product_id: String(product.id),
        product_type: product.type,
        sku,
        name: product.name,
        qty: decimal(line.qty),
        price: decimal(price),
        base_price: decimal(price),
        price_incl_tax: decimal(price),
        row_total: decimal(price * line.qty),
        options: child ? [{ label: 'Size', value: child.label }] : [],
      };
    }),
    totalsData: {
      grand_total: grandTotal,
      base_grand_total: grandTotal,
      subtotal,
      shipping_amount: cart.lines.length ? SHIPPING : 0,
      quote_currency_code: CURRENCY,
      base_currency_code: CURRENCY,
      items_qty: cart.lines.reduce((n, line) => n + line.qty, 0),
    },
    isCustomerLoggedIn: false,
    defaultSuccessPageUrl: `${base}checkout/onepage/success/`,
    checkoutUrl: `${base}checkout/`,
    cartUrl: `${base}checkout/cart/`,
    storeCode: 'default',
  };
}
