// The shop's origin: the store variants (with the hosted checkout's server routes and the stand-in WooCommerce
// store), the stand-in widget, and the SDK's built files.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createBigCommerceStore } from './bigcommerce-store.mjs';
import { createHostedCheckout } from './hosted-checkout.mjs';
import { createMagentoStore } from './magento-store.mjs';
import { DEMO_ROOT, DIST, REPO_ROOT } from './paths.mjs';
import { createPrestaShopStore } from './prestashop-store.mjs';
import { createRequestLog } from './request-log.mjs';
import { requestHostname, resolveInside, sendFile, sendScript, sendText } from './static-files.mjs';
import { createWooStore } from './woo-store.mjs';

/**
 * URL prefix → folder. The SDK is served as a store would serve it: the script-tag build at
 * /alhena-cart.min.js, the npm build at /sdk/index.mjs with its two dependencies (valibot, ky) for the import map.
 */
const FOLDERS = [
  ['/shop/', join(DEMO_ROOT, 'shop')],
  ['/gtm/', join(DEMO_ROOT, 'gtm')],
  ['/hosted/', join(DEMO_ROOT, 'hosted')],
  ['/spa/', join(DEMO_ROOT, 'spa')],
  ['/widget/', join(DEMO_ROOT, 'widget')],
  ['/vendor/valibot/', join(REPO_ROOT, 'node_modules/valibot/dist')],
  ['/vendor/ky/', join(REPO_ROOT, 'node_modules/ky/distribution')],
  // The npm build: its entries import their shared chunks (dist/chunks/) relative to themselves.
  ['/sdk/', DIST],
  // The stand-in WooCommerce store's scripts, where WordPress serves WooCommerce's (README: The stand-in WooCommerce store).
  ['/wp-content/plugins/woocommerce/assets/js/frontend/', join(DEMO_ROOT, 'woo/frontend')],
  ['/wp-content/plugins/woocommerce/assets/client/blocks/', join(DEMO_ROOT, 'woo/blocks')],
];

const FILES = {
  '/alhena-cart.min.js': join(DIST, 'alhena-cart.min.js'),
  '/alhena-cart.min.js.map': join(DIST, 'alhena-cart.min.js.map'),
  // Loaded by the script tag from its own folder, only when the inspector is asked for (the footer's Inspect link).
  '/alhena-cart.inspector.min.js': join(DIST, 'alhena-cart.inspector.min.js'),
  '/alhena-cart.inspector.min.js.map': join(DIST, 'alhena-cart.inspector.min.js.map'),
  // Loaded by the script tag from its own folder, only on that platform's store (/woo/, /magento/, /bigcommerce/, /prestashop/).
  ...Object.fromEntries(
    ['woocommerce', 'magento', 'bigcommerce', 'prestashop'].flatMap((name) =>
      [`alhena-cart.${name}.min.js`, `alhena-cart.${name}.min.js.map`].map((file) => [`/${file}`, join(DIST, file)]),
    ),
  ),
  '/favicon.svg': join(DEMO_ROOT, 'shop/favicon.svg'),
  // WordPress's jQuery, which WooCommerce's classic scripts trigger their events with.
  '/wp-includes/js/jquery/jquery.min.js': join(REPO_ROOT, 'node_modules/jquery/dist/jquery.min.js'),
  '/wp-includes/js/jquery/jquery.min.map': join(REPO_ROOT, 'node_modules/jquery/dist/jquery.min.map'),
  '/wp-content/themes/stand-in/style.css': join(DEMO_ROOT, 'woo/style.css'),
};

/** The multi-page store's pages, at the root. */
const PAGES = ['index.html', 'product.html', 'cart.html', 'checkout.html', 'order.html'];

/**
 * @typedef {import('./hosted-checkout.mjs').HostedCheckoutOptions} ShopServerOptions
 *   `sandboxPort` and `paymentPort` are read per request: the sandbox and the payment provider start after the shop.
 */

/** `window.demoStore`: where this visitor's browser finds the sandbox and its dashboard. */
function demoConfig(/** @type {import('node:http').IncomingMessage} */ req, /** @type {ShopServerOptions} */ options) {
  const sandboxUrl = `http://${requestHostname(req, options.host)}:${options.sandboxPort()}`;
  const config = { companyKey: options.companyKey, sandboxUrl, dashboardUrl: `${sandboxUrl}/` };
  return `// Demo only: where the local Alhena sandbox runs.\nwindow.demoStore = ${JSON.stringify(config)};\n`;
}

/**
 * GET /__demo/requests: what this server answered, oldest first (tests count a page's requests with it);
 * DELETE clears it.
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
 * @param {import('./request-log.mjs').RequestLog} requests
 */
function sendRequestLog(req, res, requests) {
  if (req.method === 'DELETE') requests.clear();
  else if (req.method !== 'GET') return sendText(res, 405, 'Method not allowed');
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(requests.list()));
}

/** @param {string} path @returns {string | null} */
function fileFor(path) {
  if (Object.hasOwn(FILES, path)) return FILES[/** @type {keyof typeof FILES} */ (path)];
  if (path === '/' || PAGES.includes(path.slice(1))) return join(DEMO_ROOT, 'shop', path === '/' ? 'index.html' : path);
  for (const base of ['gtm', 'hosted']) if (path === `/${base}/` || path === `/${base}`) return join(DEMO_ROOT, base, 'index.html');
  for (const [prefix, folder] of FOLDERS) {
    if (path.startsWith(prefix)) return resolveInside(folder, path.slice(prefix.length));
  }
  return null;
}

/** @param {ShopServerOptions} options */
export function createShopServer(options) {
  const handleHostedCheckout = createHostedCheckout(options);
  const handleWoo = createWooStore(options);
  const handlePlatforms = [createMagentoStore(options), createBigCommerceStore(options), createPrestaShopStore(options)];
  const requests = createRequestLog();
  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://shop');
      const path = decodeURIComponent(url.pathname);
      if (path === '/__demo/requests') return sendRequestLog(req, res, requests);
      requests.record(req, url);
      if (await handleHostedCheckout(req, res, path)) return;
      if (await handleWoo(req, res, url)) return;
      for (const handle of handlePlatforms) if (await handle(req, res, url)) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
      if (path === '/demo-config.js') return sendScript(res, demoConfig(req, options));
      if (path === '/favicon.ico') return void res.writeHead(204).end();
      if (await sendFile(req, res, fileFor(path))) return;
      // The single-page app's own routes (/spa/cart, /spa/product/…) all load its one page.
      if (path === '/spa' || (path.startsWith('/spa/') && !/\.\w+$/.test(path))) {
        if (await sendFile(req, res, join(DEMO_ROOT, 'spa/index.html'))) return;
      }
      const missingBuild = Object.values(FILES)
        .filter((file) => file.startsWith(DIST))
        .includes(fileFor(path) ?? '');
      sendText(res, 404, missingBuild ? `Not found: ${path}. Build the SDK first: npm run build` : `Not found: ${path}`);
    } catch (error) {
      sendText(res, error instanceof URIError ? 400 : 500, error instanceof URIError ? 'Bad URL' : 'Demo server failure');
    }
  });
}
