// The stand-in BigCommerce store's catalogue, carts and orders, and the JSON shapes its APIs answer with.
// Shapes from bigcommerce/docs reference/carts.sf.yml (Storefront Cart: `id`, `currency.code`, `cartAmount`,
// `lineItems.physicalItems[]` with `id, productId, variantId, sku, name, quantity, listPrice, salePrice,
// extendedListPrice, extendedSalePrice`) and reference/orders.sf.yml (Storefront Order: `orderId`, `currency`,
// `orderAmount`, `lineItems.physicalItems[]`); BODL's cart payload from bigcommerce/stencil-utils
// src/bodl/emitters/cart.js (`channel_id, currency, cart_value, line_items`).
import { randomUUID } from 'node:crypto';

/**
 * @typedef {{ id: number, sku: string, price: number, stock: number, label?: string, optionValueId?: number }} BcVariant
 * @typedef {{ id: number, slug: string, name: string, blurb: string, variants: BcVariant[], optionId?: number }} BcProduct
 * @typedef {{ id: string, productId: number, variantId: number, quantity: number }} BcLine
 * @typedef {{ id: string, lines: BcLine[] }} BcCart
 * @typedef {{ id: number, cartId: string, lines: (BcLine & { orderLineId: number, price: number })[], total: number }} BcOrder
 */

export const CURRENCY = { name: 'US Dollars', code: 'USD', symbol: '$', decimalPlaces: 2 };
export const CHANNEL_ID = 1;

/**
 * Every product has a base variant (its own id differs from the product's); the sweater's sizes are variants of
 * one option (Cornerstone's form names it `attribute[optionId]`, its value the option value's id).
 * @type {BcProduct[]}
 */
export const BC_PRODUCTS = [
  {
    id: 111,
    slug: 'canvas-tote-bag',
    name: 'Canvas Tote Bag',
    blurb: 'Heavy cotton canvas, inside pocket.',
    variants: [{ id: 211, sku: 'TOTE-01', price: 24, stock: 50 }],
  },
  {
    id: 112,
    slug: 'salt-pepper-mill',
    name: 'Salt & Pepper Mill',
    blurb: 'Walnut body, ceramic burr.',
    variants: [{ id: 212, sku: 'MILL-01', price: 38.5, stock: 50 }],
  },
  {
    id: 113,
    slug: 'merino-crew-sweater',
    name: 'Merino Crew Sweater',
    blurb: 'Fine merino, three sizes.',
    optionId: 140,
    variants: [
      { id: 231, sku: 'CREW-S', price: 64, stock: 20, label: 'Small', optionValueId: 101 },
      { id: 232, sku: 'CREW-M', price: 64, stock: 20, label: 'Medium', optionValueId: 102 },
      { id: 233, sku: 'CREW-L', price: 68, stock: 20, label: 'Large', optionValueId: 103 },
    ],
  },
  {
    // Sold out since the category page was cached: its add is refused.
    id: 114,
    slug: 'limited-print',
    name: 'Limited Print',
    blurb: 'Signed, numbered, gone.',
    variants: [{ id: 214, sku: 'PRINT-01', price: 120, stock: 0 }],
  },
];

/** @param {string} slug */
export const productBySlug = (slug) => BC_PRODUCTS.find((p) => p.slug === slug);
/** @param {number} id */
export const productById = (id) => BC_PRODUCTS.find((p) => p.id === id);
/** @param {BcLine} line */
export const variantOf = (line) => productById(line.productId)?.variants.find((v) => v.id === line.variantId);
const round = (/** @type {number} */ value) => Math.round(value * 100) / 100;

export const createCart = () => /** @type {BcCart} */ ({ id: randomUUID(), lines: [] });
/** @param {BcCart} cart */
export const cartAmount = (cart) => round(cart.lines.reduce((sum, line) => sum + (variantOf(line)?.price ?? 0) * line.quantity, 0));

/**
 * The cart's add (`/remote/v1/cart/add`, `/cart.php?action=add`): the product's variant from its option's chosen
 * value, refused past the stock. Answers the line, or the message the storefront shows.
 * @param {BcCart} cart @param {URLSearchParams} form
 * @returns {{ ok: true, line: BcLine } | { ok: false, message: string }}
 */
export function addToCart(cart, form) {
  const product = productById(Number(form.get('product_id')));
  if (!product) return { ok: false, message: 'The product you requested could not be found.' };
  const chosen = product.optionId ? Number(form.get(`attribute[${product.optionId}]`)) : undefined;
  const variant = product.optionId ? product.variants.find((v) => v.optionValueId === chosen) : product.variants[0];
  if (!variant) return { ok: false, message: `Please choose a size for ${product.name}.` };
  const quantity = Math.max(1, Number(form.get('qty[]') ?? form.get('qty') ?? 1) || 1);
  const line = cart.lines.find((l) => l.variantId === variant.id);
  if ((line?.quantity ?? 0) + quantity > variant.stock)
    return { ok: false, message: `We don't have enough ${product.name} stock on hand for the quantity you selected. Please try again.` };
  if (line) {
    line.quantity += quantity;
    return { ok: true, line };
  }
  const added = { id: randomUUID(), productId: product.id, variantId: variant.id, quantity };
  cart.lines.push(added);
  return { ok: true, line: added };
}

/**
 * The cart page's update (`/remote/v1/cart/update`, stencil-utils `itemUpdate`/`itemRemove`): each `{ id, quantity }`,
 * 0 removes the line.
 * @param {BcCart} cart @param {unknown} items @returns {boolean} whether every item named a line
 */
export function updateCart(cart, items) {
  if (!Array.isArray(items)) return false;
  let known = true;
  for (const item of items) {
    const line = cart.lines.find((l) => l.id === item?.id);
    const quantity = Number(item?.quantity);
    if (!line || !Number.isInteger(quantity) || quantity < 0) {
      known = false;
      continue;
    }
    const stock = variantOf(line)?.stock ?? 0;
    if (quantity === 0) cart.lines.splice(cart.lines.indexOf(line), 1);
    else line.quantity = Math.min(quantity, stock);
  }
  return known;
}

/** A line as the Storefront APIs give it. @param {BcLine} line @param {number} price */
function apiLine(line, price) {
  const product = /** @type {BcProduct} */ (productById(line.productId));
  const variant = /** @type {BcVariant} */ (variantOf(line));
  return {
    id: line.id,
    parentId: null,
    variantId: variant.id,
    productId: product.id,
    sku: variant.sku,
    name: product.name,
    url: `/bigcommerce/${product.slug}/`,
    quantity: line.quantity,
    brand: 'Field & Loom',
    isTaxable: true,
    imageUrl: '',
    discounts: [],
    discountAmount: 0,
    couponAmount: 0,
    originalPrice: price,
    listPrice: price,
    salePrice: price,
    extendedListPrice: round(price * line.quantity),
    extendedSalePrice: round(price * line.quantity),
    isShippingRequired: true,
    options: variant.label ? [{ name: 'Size', nameId: product.optionId, value: variant.label, valueId: variant.optionValueId }] : [],
  };
}

/** `GET /api/storefront/carts`: the shopper's carts, none or one. @param {BcCart} cart */
export function storefrontCarts(cart) {
  if (!cart.lines.length) return [];
  const amount = cartAmount(cart);
  return [
    {
      id: cart.id,
      customerId: 0,
      email: '',
      currency: CURRENCY,
      isTaxIncluded: false,
      baseAmount: amount,
      discountAmount: 0,
      cartAmount: amount,
      coupons: [],
      discounts: [],
      lineItems: {
        physicalItems: cart.lines.map((line) => apiLine(line, variantOf(line)?.price ?? 0)),
        digitalItems: [],
        giftCertificates: [],
        customItems: [],
      },
      locale: 'en',
      version: 1,
    },
  ];
}

/** `GET /api/storefront/orders/{id}`. @param {BcOrder} order */
export function storefrontOrder(order) {
  return {
    orderId: order.id,
    cartId: order.cartId,
    currency: CURRENCY,
    isTaxIncluded: false,
    baseAmount: order.total,
    discountAmount: 0,
    orderAmount: order.total,
    orderAmountAsInteger: Math.round(order.total * 100),
    coupons: [],
    lineItems: {
      physicalItems: order.lines.map((line) => ({ ...apiLine(line, line.price), id: line.orderLineId })),
      digitalItems: [],
      giftCertificate: [],
    },
    customerId: 0,
    status: 'AWAITING_FULFILLMENT',
    isComplete: true,
    shippingCostTotal: 0,
    handlingCostTotal: 0,
    taxTotal: 0,
    channelId: CHANNEL_ID,
  };
}

/** The BODL cart payload's fields in a `/remote/v1/cart/*` answer (stencil-utils preparePayload reads them). @param {BcCart} cart */
export function bodlCartData(cart) {
  return {
    channel_id: CHANNEL_ID,
    currency: CURRENCY.code,
    cart_value: cartAmount(cart),
    line_items: cart.lines.map((line) => {
      const product = /** @type {BcProduct} */ (productById(line.productId));
      const variant = /** @type {BcVariant} */ (variantOf(line));
      return {
        product_id: String(product.id),
        variant_id: variant.id,
        sku: variant.sku,
        product_name: product.name,
        base_price: variant.price,
        sale_price: variant.price,
        purchase_price: variant.price,
        quantity: line.quantity,
        currency: CURRENCY.code,
      };
    }),
  };
}
