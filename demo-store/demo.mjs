// The demo in one call: the shop on one origin, the sandbox API and its dashboard on another, the
// hosted checkout's payment provider on a third.
import { randomBytes } from 'node:crypto';
import { listen, startSandbox } from '../sandbox/index.mjs';
import { dashboardFallback } from './server/dashboard-files.mjs';
import { createPaymentServer } from './server/payment-provider.mjs';
import { createShopServer } from './server/shop-server.mjs';
import { localOrigin } from './server/static-files.mjs';

export const COMPANY_KEY = 'demo-store';

/**
 * @typedef {{
 *   shopPort?: number,
 *   sandboxPort?: number,
 *   paymentPort?: number,
 *   host?: string,
 *   stateFile?: string,
 *   paymentSecret?: string,
 *   log?: (line: string) => void,
 * }} DemoOptions
 *   Ports default to 0 (a free one); `host` defaults to 127.0.0.1; `stateFile` keeps the sandbox's
 *   events and tickets across restarts; `paymentSecret` signs the payment provider's webhooks (random
 *   by default); `log` receives the shop server's and the provider's lines (orders, webhooks, reports).
 */

/** @typedef {'shop' | 'sandbox' | 'payment provider'} DemoServer */

/** A listen error that says which server could not start. */
export class PortInUseError extends Error {
  /** @param {DemoServer} server @param {number} port */
  constructor(server, port) {
    super(`Port ${port} is already in use, so the ${server} cannot start.`);
    this.code = 'EADDRINUSE';
    this.server = server;
    this.port = port;
  }
}

/** @param {unknown} error @param {DemoServer} server @param {number} port */
const explain = (error, server, port) =>
  /** @type {NodeJS.ErrnoException} */ (error)?.code === 'EADDRINUSE' ? new PortInUseError(server, port) : error;

/** Ends a server's connections and stops it. @param {import('node:http').Server} server @returns {Promise<void>} */
function closeServer(server) {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Starts the shop, the sandbox (no automatic tickets: only visitors who chatted are attributed) and the
 * hosted checkout's payment provider.
 * @param {DemoOptions} [options]
 * @example
 *   const demo = await startDemo();
 *   // browse demo.shopUrl, then: demo.sandbox.requests(), demo.sandbox.summary()
 *   await demo.close();
 */
export async function startDemo({
  shopPort = 0,
  sandboxPort = 0,
  paymentPort = 0,
  host = '127.0.0.1',
  stateFile,
  paymentSecret = randomBytes(16).toString('hex'),
  log,
} = {}) {
  let actualSandboxPort = 0;
  let actualPaymentPort = 0;
  const shop = createShopServer({
    companyKey: COMPANY_KEY,
    host,
    sandboxPort: () => actualSandboxPort,
    paymentPort: () => actualPaymentPort,
    paymentSecret,
    log,
  });
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
    await closeServer(shop);
    throw explain(error, 'sandbox', sandboxPort);
  }
  actualSandboxPort = sandbox.port;
  const webhookUrl = () => `${localOrigin(host, actualShopPort)}/hosted/webhook`;
  const payment = createPaymentServer({ secret: paymentSecret, webhookUrl, log });
  try {
    actualPaymentPort = await listen(payment, paymentPort, host);
  } catch (error) {
    await Promise.all([closeServer(shop), sandbox.close()]);
    throw explain(error, 'payment provider', paymentPort);
  }
  const name = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;

  /** @type {Promise<void> | undefined} */ let closed;
  const shutdown = async () => {
    await Promise.all([closeServer(shop), closeServer(payment), sandbox.close()]);
  };
  return {
    shopUrl: `http://${name}:${actualShopPort}/`,
    sandboxUrl: `http://${name}:${actualSandboxPort}`,
    dashboardUrl: `http://${name}:${actualSandboxPort}/`,
    /** The stand-in payment provider of the hosted checkout (/hosted/). */
    paymentUrl: `http://${name}:${actualPaymentPort}/`,
    shopPort: actualShopPort,
    sandboxPort: actualSandboxPort,
    paymentPort: actualPaymentPort,
    /** The running sandbox: requests(), summary(), reset(), addFaults(), waitFor()… */
    sandbox,
    /** Stops the three servers; safe to call twice. */
    close: () => (closed ??= shutdown()),
  };
}
