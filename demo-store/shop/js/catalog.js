// The shop's products and prices: the shop's own data, which the SDK never holds.

export const SHOP_NAME = 'Ember & Oak';
export const CURRENCY = 'USD';

/**
 * @typedef {{ id: string, name: string, price: number, blurb: string, description: string, art: string, tint: string }} Product
 *   `price` is the unit price in CURRENCY; `art` names a drawing in art.js; `tint` its background.
 * @type {readonly Product[]}
 */
export const PRODUCTS = Object.freeze([
  {
    id: 'EO-BEANS-01',
    name: 'Midnight Espresso Beans',
    price: 18.5,
    blurb: 'Dark chocolate, molasses, 340 g',
    description: 'A dense, syrupy espresso roast from Huila and Sidama lots. Pulls thick shots and holds up to milk.',
    art: 'bag-dark',
    tint: '#efe3d3',
  },
  {
    id: 'EO-BEANS-02',
    name: 'Highland Filter Roast',
    price: 16,
    blurb: 'Stone fruit, honey, 340 g',
    description: 'A light roast for pour-over and batch brew: bright, sweet and clean, from a single Kenyan washing station.',
    art: 'bag-light',
    tint: '#f3e8cf',
  },
  {
    id: 'EO-MUG-01',
    name: 'Stoneware Mug',
    price: 24,
    blurb: 'Hand-thrown, 350 ml',
    description: 'Thrown and glazed by hand in small batches, so no two are quite alike. Dishwasher safe.',
    art: 'mug',
    tint: '#dfe7e4',
  },
  {
    id: 'EO-DRIP-01',
    name: 'Ceramic Pour-Over Dripper',
    price: 32,
    blurb: 'Single cup, spiral ribs',
    description: 'Spiral ribs keep the paper off the walls for an even, quick draw-down. Fits most mugs and carafes.',
    art: 'dripper',
    tint: '#e9e1ef',
  },
  {
    id: 'EO-KETTLE-01',
    name: 'Gooseneck Kettle',
    price: 69.9,
    blurb: 'Matte black, 0.9 l',
    description: 'A counterbalanced handle and a slender spout for a steady, precise pour. Works on gas, electric and induction.',
    art: 'kettle',
    tint: '#e4e6ec',
  },
  {
    id: 'EO-GRIND-01',
    name: 'Hand Burr Grinder',
    price: 89,
    blurb: 'Steel burrs, 40 settings',
    description: 'Conical steel burrs and a stepped dial from Turkish to French press. Grinds 20 g in under a minute.',
    art: 'grinder',
    tint: '#f0e0d6',
  },
  {
    id: 'EO-PITCHER-01',
    name: 'Steel Milk Pitcher',
    price: 21.5,
    blurb: 'For latte art, 350 ml',
    description: 'A sharp, tapered spout for latte art and a size that steams milk for one or two cups.',
    art: 'pitcher',
    tint: '#e6e9ee',
  },
  {
    id: 'EO-TEA-01',
    name: 'Sencha Green Tea Tin',
    price: 14.25,
    blurb: 'Loose leaf, 100 g',
    description: 'First-flush sencha from Shizuoka: grassy, sweet and a little savoury. For the tea drinker in the house.',
    art: 'tin',
    tint: '#e3ecd9',
  },
]);

/** @param {string | null | undefined} id @returns {Product | undefined} */
export const findProduct = (id) => PRODUCTS.find((product) => product.id === id);

/** Amounts in cents are exact; prices times quantities are rounded back to them. */
export const toMoney = (/** @type {number} */ amount) => Math.round(amount * 100) / 100;

const formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency: CURRENCY });

/** @param {number} amount */
export const formatPrice = (amount) => formatter.format(amount);

/** A plain decimal for data attributes: `69.90`. */
export const decimal = (/** @type {number} */ amount) => amount.toFixed(2);
