// The demo in one call: the shop on one origin, the sandbox API and its dashboard on another.

import { listen, startSandbox } from './sandbox/server.mjs';
import { dashboardFallback } from './server/dashboard-files.mjs';
import { createShopServer } from './server/shop-server.mjs';

export const COMPANY_KEY = 'demo-store';

/**
 * @typedef {{
 *   shopPort?: number,
 *   sandboxPort?: number,
 *   host?: string,
 *   stateFile?: string,
 * }} DemoOptions
 *   Ports default to 0 (a free one); `host` defaults to 127.0.0.1; `stateFile` keeps the sandbox's
 *   events and tickets across restarts.
 */

/** A listen error that says which server could not start. */
export class PortInUseError extends Error {
  /** @param {'shop' | 'sandbox'} server @param {number} port */
  constructor(server, port) {
    super(`Port ${port} is already in use, so the ${server} cannot start.`);
    this.code = 'EADDRINUSE';
    this.server = server;
    this.port = port;
  }
}

/** @param {unknown} error @param {'shop' | 'sandbox'} server @param {number} port */
const explain = (error, server, port) =>
  /** @type {NodeJS.ErrnoException} */ (error)?.code === 'EADDRINUSE' ? new PortInUseError(server, port) : error;

/**
 * Starts the shop and the sandbox (no automatic tickets: only visitors who chatted are attributed).
 * @param {DemoOptions} [options]
 * @example
 *   const demo = await startDemo();
 *   // browse demo.shopUrl, then: demo.sandbox.requests(), demo.sandbox.summary()
 *   await demo.close();
 */
export async function startDemo({ shopPort = 0, sandboxPort = 0, host = '127.0.0.1', stateFile } = {}) {
  let actualSandboxPort = 0;
  const shop = createShopServer({ companyKey: COMPANY_KEY, host, sandboxPort: () => actualSandboxPort });
  const actualShopPort = await listen(shop, shopPort, host).catch((error) => {
    throw explain(error, 'shop', shopPort);
  });
  let sandbox;
  try {
    sandbox = await startSandbox({
      port: sandboxPort,
      host,
      autoTickets: false,
      stateFile,
      fallback: dashboardFallback({ host, shopPort: () => actualShopPort }),
    });
  } catch (error) {
    shop.closeAllConnections();
    await new Promise((resolve) => shop.close(resolve));
    throw explain(error, 'sandbox', sandboxPort);
  }
  actualSandboxPort = sandbox.port;
  const name = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;

  /** @type {Promise<void> | undefined} */ let closed;
  const shutdown = async () => {
    shop.closeAllConnections();
    await Promise.all([new Promise((resolve) => shop.close(resolve)), sandbox.close()]);
  };
  return {
    shopUrl: `http://${name}:${actualShopPort}/`,
    sandboxUrl: `http://${name}:${actualSandboxPort}`,
    dashboardUrl: `http://${name}:${actualSandboxPort}/`,
    shopPort: actualShopPort,
    sandboxPort: actualSandboxPort,
    /** The running sandbox: requests(), summary(), reset(), addFaults(), waitFor()… */
    sandbox,
    /** Stops both servers; safe to call twice. */
    close: () => (closed ??= shutdown()),
  };
}
