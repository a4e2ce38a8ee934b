// Entry of the multi-page variants: one HTML page per step, the variant named on <body data-variant>.
import { bindShop } from './controller.js';
import { attributesIntegration } from './integrations/attributes.js';
import { gtmIntegration } from './integrations/gtm.js';
import { pageRoutes } from './layout.js';
import { refreshPage, renderPage, reportView } from './render.js';

const variant = document.body.getAttribute('data-variant') === 'gtm' ? 'gtm' : 'script-tag';
/** @type {import('./layout.js').ShopContext} */
const ctx = {
  variant,
  tagged: variant === 'script-tag',
  routes: pageRoutes(variant === 'gtm' ? '/gtm/' : '/'),
  dashboardUrl: /** @type {any} */ (window).demoStore?.dashboardUrl ?? '#',
};
const integration = variant === 'gtm' ? gtmIntegration() : attributesIntegration();

const params = new URLSearchParams(location.search);
const page = /** @type {import('./render.js').Route['page']} */ (document.body.getAttribute('data-page') ?? 'not-found');
/** @type {import('./render.js').Route} */
const route = { page, id: params.get('id') ?? undefined };

renderPage(ctx, route);
reportView(integration, route);
bindShop({ ctx, integration, refresh: () => refreshPage(ctx, route), navigate: (href) => location.assign(href) });
