// Stand-in for the Cart block (client/blocks/assets/js/blocks/cart and base/context/hooks/cart/
// use-store-cart-item-quantity.ts, through the data store's thunks.ts), written for the demo: a quantity change
// is sent alone as `POST /wc/store/v1/cart/update-item { key, quantity }` 400 ms after the last change to that
// line (the hook's useDebounce(quantity, 400)); "Remove item" sends `cart/remove-item { key }`. After each answer
// the only signal is `wc-blocks_store_sync_required` on window: no event on body for a removal or a quantity.
import { announceSync, formatMoney, postToStoreApi, receiveCart, showNotice, state } from './store.js';

const DEBOUNCE_MS = 400;
const root = document.querySelector('.wp-block-woocommerce-cart');
/** @type {Map<string, ReturnType<typeof setTimeout>>} */ const pending = new Map();

/** The text an HTML-escaped Store API name reads as (`Barista&#8217;s` → `Barista’s`). @param {string} text */
const decode = (text) => new DOMParser().parseFromString(text, 'text/html').body.textContent ?? text;

/** @param {string} tag @param {Record<string, string>} attributes @param {(Node | string)[]} children */
function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** After a Store API answer: the cart, the page, the sync event. @param {{ status: number, body: any }} answer */
function settle(answer) {
  if (answer.status >= 200 && answer.status < 300) receiveCart(answer.body);
  else showNotice(answer.body?.message ?? 'Something went wrong.');
  render();
  announceSync({ type: 'from_@wordpress/data' });
}

/** @param {string} key @param {number} quantity */
function changeQuantity(key, quantity) {
  clearTimeout(pending.get(key));
  pending.set(
    key,
    setTimeout(() => {
      pending.delete(key);
      postToStoreApi('/wc/store/v1/cart/update-item', { key, quantity }).then(settle, () => showNotice('Unable to update the cart.'));
    }, DEBOUNCE_MS),
  );
}

/** @param {string} key */
function removeItem(key) {
  clearTimeout(pending.get(key));
  pending.delete(key);
  postToStoreApi('/wc/store/v1/cart/remove-item', { key }).then(settle, () => showNotice('Unable to remove this item.'));
}

/** One line of the Cart block's table (wc-block-cart-items__row). @param {any} item */
function row(item) {
  const name = decode(item.name);
  const input = /** @type {HTMLInputElement} */ (
    element('input', {
      class: 'wc-block-components-quantity-selector__input',
      type: 'number',
      step: '1',
      min: '1',
      max: String(item.quantity_limits.maximum),
      'aria-label': `Quantity of ${name} in your cart.`,
      value: String(item.quantity),
    })
  );
  const minus = element(
    'button',
    {
      class: 'wc-block-components-quantity-selector__button wc-block-components-quantity-selector__button--minus',
      'aria-label': `Reduce quantity of ${name}`,
    },
    ['－'],
  );
  const plus = element(
    'button',
    {
      class: 'wc-block-components-quantity-selector__button wc-block-components-quantity-selector__button--plus',
      'aria-label': `Increase quantity of ${name}`,
    },
    ['＋'],
  );
  const remove = element('button', { class: 'wc-block-cart-item__remove-link', 'aria-label': `Remove ${name} from cart` }, ['Remove item']);
  const set = (/** @type {number} */ quantity) => {
    const next = Math.max(1, Math.min(quantity, item.quantity_limits.maximum));
    input.value = String(next);
    minus.toggleAttribute('disabled', next <= 1);
    changeQuantity(item.key, next);
  };
  minus.toggleAttribute('disabled', item.quantity <= 1);
  minus.addEventListener('click', () => set(Number(input.value) - 1));
  plus.addEventListener('click', () => set(Number(input.value) + 1));
  input.addEventListener('change', () => set(Math.floor(Number(input.value)) || 1));
  remove.addEventListener('click', () => removeItem(item.key));
  const details = item.variation.map((/** @type {any} */ v) =>
    element('span', { class: 'wc-block-components-product-details__value' }, [`${v.attribute}: ${v.value}`]),
  );
  return element('tr', { class: 'wc-block-cart-items__row' }, [
    element('td', { class: 'wc-block-cart-item__product' }, [
      element('a', { class: 'wc-block-components-product-name', href: item.permalink }, [name]),
      element('div', { class: 'wc-block-components-product-metadata' }, details),
      element('div', { class: 'wc-block-cart-item__quantity' }, [
        element('div', { class: 'wc-block-components-quantity-selector' }, [input, minus, plus]),
        remove,
      ]),
    ]),
    element('td', { class: 'wc-block-cart-item__total' }, [
      element('span', { class: 'wc-block-components-formatted-money-amount' }, [formatMoney(item.totals.line_total, item.totals)]),
    ]),
  ]);
}

function render() {
  if (!root) return;
  root.classList.remove('is-loading');
  const { cart } = state;
  if (cart.items.length === 0) {
    root.replaceChildren(
      element('div', { class: 'wp-block-woocommerce-empty-cart-block' }, [
        element('h2', { class: 'wc-block-cart__empty-cart__title' }, ['Your cart is currently empty!']),
      ]),
    );
    return;
  }
  const table = element('table', { class: 'wc-block-cart-items wp-block-woocommerce-cart-line-items-block' }, [
    element('tbody', {}, cart.items.map(row)),
  ]);
  const total = element('div', { class: 'wc-block-components-totals-footer-item' }, [
    element('span', { class: 'wc-block-components-totals-item__label' }, ['Estimated total ']),
    element('span', { class: 'wc-block-components-totals-item__value' }, [formatMoney(cart.totals.total_price, cart.totals)]),
  ]);
  root.replaceChildren(element('div', { class: 'wc-block-cart' }, [table, total]));
}

render();
