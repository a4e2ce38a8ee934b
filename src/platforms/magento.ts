// Magento 2 / Adobe Commerce (Luma and themes built on it) with no template edits (README, Magento). The store's
// own cart is customer-data's `cart` section: the copy customer-data keeps in localStorage while it is current, else
// the section itself from `customer/section/load`. Magento's events and cart requests only say when to read it
// again. Facts from Magento's own code are cited by file (app/code/Magento/…, lib/web/…).
import {
  type CartRead,
  type CartTotal,
  createHost,
  followCart,
  guarded,
  type PlatformHost,
  reportOrderFromCart,
  watchRequests,
} from './host';
import type { PlatformSession } from './platform-plugin';

/**
 * Requests after which the cart may have changed: the cart actions of Checkout's sections.xml
 * (Magento_Checkout/etc/frontend/sections.xml), and customer-data's own reload of sections, which carries
 * `update_section_id` or, in older releases, `force_new_section_timestamp` (Magento_Customer/view/frontend/web/js/
 * customer-data.js getFromServer). The SDK's own read carries neither, so it never signals itself.
 */
const CART_REQUEST =
  /\/checkout\/(cart\/(add|delete|updatePost|updateItemOptions|couponPost)|sidebar\/(removeItem|updateItemQty))\b|\/customer\/section\/load\/?\?[^#]*(update_section_id|force_new_section_timestamp)/i;
/** The currency last read on this store (`host.remember`, as consent allows): Magento's category pages name none (contract § 10). */
const CURRENCY_KEY = 'magento:currency';

interface SectionItem {
  product_sku?: unknown;
  product_name?: unknown;
  product_price_value?: unknown;
  qty?: unknown;
}
interface QuoteItem {
  sku?: unknown;
  name?: unknown;
  price?: unknown;
  price_incl_tax?: unknown;
  qty?: unknown;
}
interface CartSection {
  items?: SectionItem[];
  subtotalAmount?: unknown;
  data_id?: unknown;
}
interface CheckoutConfig {
  quoteItemData?: QuoteItem[];
  totalsData?: { grand_total?: unknown };
  quoteData?: { quote_currency_code?: unknown };
}

const parse = (text: string | null | undefined): Record<string, unknown> | null => {
  try {
    return JSON.parse(text ?? 'null');
  } catch {
    return null;
  }
};
const cookie = (name: string) => {
  try {
    const value = new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(document.cookie)?.[1];
    return value === undefined ? undefined : decodeURIComponent(value);
  } catch {
    return ''; // a malformed cookie: present, but names no version
  }
};
/** Magento's own storage (customer-data's), read only. */
const storage = (key: string) => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
const bodyHasClass = (name: string) => document.body.classList.contains(name);
/** The one-page checkout's data (Magento_Checkout::onepage.phtml, DefaultConfigProvider::getConfig), also on the cart page. */
const checkoutConfig = () => (window as { checkoutConfig?: CheckoutConfig }).checkoutConfig;
const isCode = (code: unknown): code is string => typeof code === 'string' && /^[A-Z]{3}$/.test(code);
const money = (value: unknown) => (value === null || value === '' ? Number.NaN : Number(value));

/** Section names may come HTML-escaped (the minicart shows them with Knockout's `html` binding): decoded by a parser that runs nothing. */
function decode(text: unknown): unknown {
  if (typeof text !== 'string' || !text.includes('&')) return text;
  try {
    return new DOMParser().parseFromString(text, 'text/html').documentElement.textContent ?? text;
  } catch {
    return text;
  }
}

/**
 * The page's currency: the quote's (checkout and cart pages), else the product page's Open Graph meta
 * (Magento_Catalog::product/view/opengraph/general.phtml); else the one last read on this store, remembered.
 */
function currencyOf(host: PlatformHost): string | undefined {
  const code =
    checkoutConfig()?.quoteData?.quote_currency_code ??
    document.querySelector<HTMLMetaElement>('meta[property="product:price:currency"]')?.content;
  if (isCode(code)) return host.remember(CURRENCY_KEY, code) ?? code;
  const remembered = host.remember(CURRENCY_KEY) ?? host.cartLines()[0]?.currency;
  return isCode(remembered) ? remembered : undefined;
}

/**
 * A section line as a `reportCart` line: its SKU is the product id (a configurable line names the child only by
 * SKU, its `product_id` is the parent's); `product_price_value` is `{incl_tax, excl_tax}` with tax shown both ways
 * (Magento_Tax's Plugin/Checkout/CustomerData/Cart.php): the price with tax, as the shopper pays it.
 */
const sectionLine =
  (currency: string | undefined) =>
  ({ product_sku, product_name, product_price_value: price, qty }: SectionItem) => ({
    productId: product_sku,
    productName: decode(product_name),
    value: money(
      typeof price === 'object' && price
        ? ((price as { incl_tax?: unknown }).incl_tax ?? (price as { excl_tax?: unknown }).excl_tax)
        : price,
    ),
    quantity: Number(qty),
    currency,
  });

/** A quote item of the checkout's data: `sku` is the child's for a configurable, as in the section. */
const quoteLine =
  (currency: string | undefined) =>
  ({ sku, name, price, price_incl_tax, qty }: QuoteItem) => ({
    productId: sku,
    productName: name,
    value: money(price_incl_tax ?? price),
    quantity: Number(qty),
    currency,
  });

const totalOf = (value: unknown, currency: string | undefined): CartTotal | undefined => {
  const amount = money(value);
  return Number.isFinite(amount) && amount >= 0 && currency ? { value: amount, currency } : undefined;
};

/**
 * customer-data's copy of the `cart` section (`mage-cache-storage`), unless customer-data itself would not trust
 * it: invalidated (`mage-cache-storage-section-invalidation`, set by every cart POST and form submit), another
 * version than the `section_data_ids` cookie names, or left from a closed browser session (no `mage-cache-sessid`).
 */
function storedCart(): CartSection | undefined {
  const cart = parse(storage('mage-cache-storage'))?.cart as CartSection | undefined;
  const ids = parse(cookie('section_data_ids'));
  if (!cart || parse(storage('mage-cache-storage-section-invalidation'))?.cart || cookie('mage-cache-sessid') === undefined) return;
  return ids?.cart === undefined || ids.cart === cart.data_id ? cart : undefined;
}

/**
 * `customer/section/load` as customer-data is configured with it (its x-magento-init options), else under the
 * store's `BASE_URL` (Magento_Theme::js/require_js.phtml). No `update_section_id`: the read changes nothing.
 */
function sectionUrl(): string {
  let url: unknown;
  for (const script of document.querySelectorAll('script[type="text/x-magento-init"]')) {
    const options = (parse(script.textContent)?.['*'] as Record<string, { sectionLoadUrl?: unknown }> | undefined)?.[
      'Magento_Customer/js/customer-data'
    ];
    url ??= options?.sectionLoadUrl;
  }
  const base = (window as { BASE_URL?: unknown }).BASE_URL;
  let load: URL;
  try {
    load = new URL(String(url ?? `${typeof base === 'string' ? base : '/'}customer/section/load/`), location.href);
  } catch {
    load = new URL('/customer/section/load/', location.href);
  }
  load.searchParams.set('sections', 'cart');
  return load.href;
}

/**
 * The success page's order number (Magento_Checkout::success.phtml: a customer's in `.order-number strong`, a
 * guest's in a `span`), on the page whose body class says so. An address alone is not an order page.
 */
function orderNumber(): string | undefined {
  if (!bodyHasClass('checkout-onepage-success')) return;
  const text = document.querySelector('.checkout-success .order-number strong, .checkout-success p span')?.textContent?.trim();
  return text && /^[\w-]{1,64}$/.test(text) ? text : undefined;
}

/**
 * Hears `ajax:addToCart` (Magento_Catalog/view/frontend/web/js/catalog-add-to-cart.js), which has a `:` in its
 * name and so needs the page's jQuery; RequireJS may define it after this code starts, so again once the page has
 * loaded. Refused adds trigger it too: it is a reason to read, nothing more.
 */
function hearAddToCart(signal: (name: string) => void): () => void {
  let stop: (() => void) | undefined;
  const hook = () =>
    guarded(() => {
      const jQuery = (window as { jQuery?: (target: unknown) => Record<'on' | 'off', (...args: unknown[]) => void> }).jQuery;
      if (stop || typeof jQuery !== 'function') return;
      const heard = () => signal('ajax:addToCart');
      jQuery(document).on('ajax:addToCart', heard);
      stop = () => jQuery(document).off('ajax:addToCart', heard);
    });
  hook();
  window.addEventListener('load', hook, { once: true });
  return () => {
    window.removeEventListener('load', hook);
    stop?.();
  };
}

/** Listens for Magento's signals; returns the function that stops listening. Never throws. */
function listen(signal: (name: string) => void): () => void {
  const stops = [hearAddToCart(signal), watchRequests(CART_REQUEST, signal)];
  const shown = (event: PageTransitionEvent) => event.persisted && signal('pageshow');
  window.addEventListener('pageshow', shown);
  stops.push(() => window.removeEventListener('pageshow', shown));
  return () => {
    for (const stop of stops) guarded(stop);
  };
}

/**
 * Follows a Magento store's cart (`followCart`): the order first on the success page, then a read as the page
 * loads and after each signal. On the checkout page the read is the checkout's own data, lines and grand total:
 * placing the order empties the section there, and those lines were bought, not removed.
 */
export function startMagento(session: PlatformSession): () => void {
  const host = createHost(session);
  const read = async (): Promise<CartRead | undefined> => {
    const currency = currencyOf(host);
    const checkout = checkoutConfig();
    if (bodyHasClass('checkout-index-index') && Array.isArray(checkout?.quoteItemData))
      return { items: checkout.quoteItemData.map(quoteLine(currency)), total: totalOf(checkout.totalsData?.grand_total, currency) };
    const cart = storedCart() ?? ((await host.readJson(sectionUrl())) as { cart?: CartSection } | undefined)?.cart;
    if (!Array.isArray(cart?.items)) return void host.debug('the cart section is not a cart', cart);
    return { items: cart.items.map(sectionLine(currency)), total: totalOf(cart.subtotalAmount, currency) };
  };
  const order = orderNumber();
  const follower = followCart(host, read, order ? () => reportOrderFromCart(host, order) : undefined);
  const unlisten = listen((name) => follower.signal(name));
  return () => {
    follower.stop();
    unlisten();
  };
}
