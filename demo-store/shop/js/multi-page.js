// Entry of the multi-page variants: one HTML page per step, the variant named on <body data-variant>.
import { bindShop } from './controller.js';
import { showHostedOrder } from './hosted-order.js';
import { attributesIntegration } from './integrations/attributes.js';
import { gtmIntegration } from './integrations/gtm.js';
import { pageRoutes } from './layout.js';
import { refreshPage, renderPage, reportView } from './render.js';

const named = document.body.getAttribute('data-variant');
const variant = named === 'gtm' || named === 'hosted' ? named : 'script-tag';
/** @type {import('./layout.js').ShopContext} */
const ctx = {
  variant,
  tagged: variant !== 'gtm',
  routes: pageRoutes(variant === 'script-tag' ? '/' : `/${variant}/`),
  dashboardUrl: /** @type {any} */ (window).demoStore?.dashboardUrl ?? '#',
  // The hosted checkout's form posts to the shop's server (server/hosted-checkout.mjs).
  checkoutAction: variant === 'hosted' ? '/hosted/checkout' : undefined,
};
const integration = variant === 'gtm' ? gtmIntegration() : attributesIntegration();

const params = new URLSearchParams(location.search);
const page = /** @type {import('./render.js').Route['page']} */ (document.body.getAttribute('data-page') ?? 'not-found');
/** @type {import('./render.js').Route} */
const route = { page, id: params.get('id') ?? undefined };
const refresh = () => refreshPage(ctx, route);

renderPage(ctx, route);
reportView(integration, route);
bindShop({ ctx, integration, refresh, navigate: (href) => location.assign(href) });
if (variant === 'hosted' && page === 'order') void showHostedOrder(ctx, route.id, refresh);
