#!/usr/bin/env node
// npm start: builds the SDK if needed, then runs the shop, the sandbox API and its dashboard, and the
// hosted checkout's payment provider.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PortInUseError, startDemo } from './demo.mjs';
import { buildNeeded, buildSdk } from './server/build.mjs';

export { startDemo };

const USAGE = `Usage: npm start -- [options]
  --shop-port <n>       the shop's port (default 4000, or SHOP_PORT)
  --sandbox-port <n>    the sandbox API and dashboard's port (default 4010, or SANDBOX_PORT)
  --payment-port <n>    the hosted checkout's payment provider's port (default 4020, or PAYMENT_PORT)
  --host <host>         interface to listen on (default 127.0.0.1, or DEMO_HOST)
  --state-file <path>   keep the sandbox's events and tickets in this JSON file (or DEMO_STATE_FILE)
  --no-build            do not build the SDK, even when dist/ is missing or stale
  --quiet               do not print each request, order and webhook`;

function readOptions() {
  const { values } = parseArgs({
    options: {
      'shop-port': { type: 'string', default: process.env.SHOP_PORT ?? '4000' },
      'sandbox-port': { type: 'string', default: process.env.SANDBOX_PORT ?? '4010' },
      'payment-port': { type: 'string', default: process.env.PAYMENT_PORT ?? '4020' },
      host: { type: 'string', default: process.env.DEMO_HOST ?? '127.0.0.1' },
      'state-file': { type: 'string', default: process.env.DEMO_STATE_FILE },
      'no-build': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const port = (/** @type {string} */ text, /** @type {string} */ name) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--${name} must be a port number, not ${JSON.stringify(text)}`);
    return n;
  };
  return {
    demo: {
      shopPort: port(values['shop-port'], 'shop-port'),
      sandboxPort: port(values['sandbox-port'], 'sandbox-port'),
      paymentPort: port(values['payment-port'], 'payment-port'),
      host: values.host,
      stateFile: values['state-file'] || undefined,
    },
    build: !values['no-build'],
    quiet: values.quiet,
    help: values.help,
  };
}

const stamp = (/** @type {string} */ line) => console.log(`${new Date().toLocaleTimeString('en-GB')}  ${line}`);

/** One line per answered request: `#3 cart ITEM_ADDED EO-KETTLE-01 ×1 → 200`. */
function logRequests(/** @type {Awaited<ReturnType<typeof startDemo>>['sandbox']} */ sandbox) {
  /** @type {Map<number, string>} */ const pending = new Map();
  sandbox.subscribe((type, data) => {
    const event = /** @type {any} */ (data);
    if (type === 'request') {
      const body = event.body ?? {};
      const what =
        event.endpoint === 'cart'
          ? `${body.type} ${body.product_id} ×${body.quantity}`
          : `order ${body.orderId ?? body.order_id ?? '(no id)'} ${body.value} ${body.currency}`;
      pending.set(event.seq, `#${event.seq} ${event.endpoint} ${what}`);
    } else if (type === 'answer') {
      const line = pending.get(event.seq) ?? `#${event.seq}`;
      pending.delete(event.seq);
      const { answer } = event;
      const code = answer.dropped ? 'dropped' : `${answer.status} ${answer.body?.event_type ?? answer.body?.error_code ?? ''}`;
      stamp(`${line} → ${code}`);
    } else if (type === 'reset') {
      stamp('sandbox reset');
    }
  });
}

async function main() {
  let parsed;
  try {
    parsed = readOptions();
  } catch (error) {
    console.error(`${/** @type {Error} */ (error).message}\n\n${USAGE}`);
    return 1;
  }
  if (parsed.help) return void console.log(USAGE);
  if (parsed.build) {
    const reason = await buildNeeded();
    if (reason) {
      console.log(`Building the SDK (${reason})…`);
      await buildSdk();
    }
  }
  let demo;
  try {
    demo = await startDemo({ ...parsed.demo, log: parsed.quiet ? undefined : stamp });
  } catch (error) {
    if (error instanceof PortInUseError) {
      const flag = {
        shop: '--shop-port (or SHOP_PORT)',
        sandbox: '--sandbox-port (or SANDBOX_PORT)',
        'payment provider': '--payment-port (or PAYMENT_PORT)',
      }[error.server];
      console.error(`${error.message} Stop what uses it, or pick another port with ${flag}.`);
    } else {
      console.error(`Cannot start the demo: ${/** @type {Error} */ (error).message}`);
    }
    return 1;
  }
  console.log(`
  Alhena cart-events demo

  Shop (script tag + data attributes)  ${demo.shopUrl}
  Shop (single-page app + npm build)   ${demo.shopUrl}spa/
  Shop (GTM dataLayer)                 ${demo.shopUrl}gtm/
  Shop (hosted checkout, server entry) ${demo.shopUrl}hosted/
  WooCommerce stand-in (tag alone)     ${demo.shopUrl}woo/  (block theme: ${demo.shopUrl}woo-blocks/)
  Dashboard                            ${demo.dashboardUrl}
  Sandbox API                          ${demo.sandboxUrl}  (POST /analytics/…; control: ${demo.sandboxUrl}/__sandbox/requests)
  Payment provider (hosted checkout)   ${demo.paymentUrl}
${parsed.demo.stateFile ? `  State file                           ${parsed.demo.stateFile}\n` : ''}
  Chat with the assistant (bottom right) before adding to the cart to see revenue attributed.
  Ctrl-C stops.
`);
  if (!parsed.quiet) logRequests(demo.sandbox);
  let stopping = false;
  const stop = (/** @type {string} */ signal) => {
    if (stopping) process.exit(130); // a second Ctrl-C does not wait
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    void demo.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const exitCode = await main();
    if (exitCode) process.exit(exitCode);
  } catch (error) {
    console.error(/** @type {Error} */ (error).message);
    process.exit(1);
  }
}
