// The stand-in PrestaShop store: written by its own work item (issue 20). Until then it answers nothing.

/**
 * @param {import('./woo-store.mjs').WooStoreOptions} _options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL) => Promise<boolean>}
 *   true when it answered the request.
 */
export function createPrestaShopStore(_options) {
  return async () => false;
}
