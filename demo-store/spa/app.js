// The single-page variant: one HTML page, a history-API router, the npm (ESM) build.
import * as alhena from '@alhena/cart-events';
import { bindShop } from '/shop/js/controller.js';
import { refreshPage, renderPage, reportView } from '/shop/js/render.js';
import { npmIntegration } from './npm-integration.js';

const w = /** @type {any} */ (window);

// Zero config: the company key and API host come from document.gleenConfig, set by the widget's snippet.
// The callbacks feed the demo's "Alhena events" drawer.
alhena.init({ onEvent: w.demoOutcomes.record, onError: w.demoOutcomes.error, debug: w.demoOutcomes.debug });
// For the browser console (and the tests): alhenaSdk.getFingerprints(), alhenaSdk.flush()…
w.alhenaSdk = alhena;

const BASE = '/spa/';
/** @type {import('/shop/js/layout.js').Routes} */
const routes = {
  home: BASE,
  cart: `${BASE}cart`,
  checkout: `${BASE}checkout`,
  product: (id) => `${BASE}product/${encodeURIComponent(id)}`,
  order: (id) => `${BASE}order/${encodeURIComponent(id)}`,
};
/** @type {import('/shop/js/layout.js').ShopContext} */
const ctx = { variant: 'spa', tagged: false, routes, dashboardUrl: w.demoStore?.dashboardUrl ?? '#' };
const integration = npmIntegration();

/** @param {string} pathname @returns {import('/shop/js/render.js').Route} */
function parseRoute(pathname) {
  const [page = '', id] = pathname.slice(BASE.length).split('/').map(decodeURIComponent);
  if (page === '') return { page: 'catalogue' };
  if ((page === 'product' || page === 'order') && id) return { page, id };
  if (page === 'cart' || page === 'checkout') return { page };
  return { page: 'not-found' };
}

let route = parseRoute(location.pathname);

/** @param {string} href @param {{ push: boolean }} how */
function show(href, { push }) {
  if (push) history.pushState(null, '', href);
  route = parseRoute(new URL(href, location.href).pathname);
  renderPage(ctx, route);
  reportView(integration, route);
  if (push) window.scrollTo(0, 0);
}

document.addEventListener('click', (event) => {
  const link = /** @type {Element} */ (event.target).closest?.('a[data-link]');
  if (!(link instanceof HTMLAnchorElement) || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || link.target) return;
  const url = new URL(link.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(BASE)) return;
  event.preventDefault();
  show(url.pathname + url.search, { push: true });
});
window.addEventListener('popstate', () => show(location.href, { push: false }));

bindShop({ ctx, integration, refresh: () => refreshPage(ctx, route), navigate: (href) => show(href, { push: true }) });
show(location.href, { push: false });
