#!/usr/bin/env node
// `npx @alhena/cart-events sandbox [--port N]`: the API sandbox and its dashboard on one local port, so a
// developer sees `recorded` with no Alhena account (the SDK's `apiBaseUrl` pointed at it, stand-in fingerprints).
import { parseArgs } from 'node:util';
import { dashboardFallback } from '../demo-store/server/dashboard-files.mjs';
import { startSandbox } from '../sandbox/index.mjs';

const USAGE = `Usage: npx @alhena/cart-events sandbox [options]
  --port <n>            port to listen on (default 4010; 0 picks a free one)
  --host <host>         interface to listen on (default 127.0.0.1)
  --state-file <path>   keep events and tickets in this JSON file across restarts
  --quiet               do not print each request`;

/** @param {string[]} args @returns {{ port: number, host: string, stateFile?: string, quiet: boolean, help: boolean }} */
function readOptions(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'state-file': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (!values.help && positionals[0] !== 'sandbox') {
    throw new Error(positionals[0] ? `Unknown command "${positionals[0]}".` : 'Name a command: sandbox.');
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535)
    throw new Error(`--port must be a port number (0 to 65535), not ${JSON.stringify(values.port)}.`);
  return { port, host: values.host, stateFile: values['state-file'], quiet: values.quiet, help: values.help };
}

/** The demo's dashboard, served by the sandbox itself; with no demo shop beside it, no link to one. */
function dashboard(/** @type {string} */ host) {
  const files = dashboardFallback({ host, shopPort: () => 0 });
  /** @type {import('../sandbox/server.mjs').Fallback} */
  return (req, res) => {
    if (new URL(req.url ?? '/', 'http://sandbox').pathname !== '/dashboard-config.js') return files(req, res);
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    res.end('window.dashboardConfig = {};\n');
    return true;
  };
}

/** One line per answered request: `#3 cart ITEM_ADDED SKU-1 ×1 → 200 CART_EVENT_RECORDED`. */
function logRequests(/** @type {Awaited<ReturnType<typeof startSandbox>>} */ sandbox) {
  /** @type {Map<number, string>} */ const pending = new Map();
  sandbox.subscribe((type, data) => {
    const event = /** @type {any} */ (data);
    if (type === 'request') {
      const body = event.body ?? {};
      const what = event.path.endsWith('/cart_events')
        ? `cart ${body.type} ${body.product_id} ×${body.quantity}`
        : `order ${body.orderId ?? body.order_id ?? '(no id)'} ${body.value} ${body.currency}`;
      pending.set(event.seq, `#${event.seq} ${event.raw === null ? `${event.path} (too large)` : what}`);
    } else if (type === 'answer') {
      const { answer } = event;
      const code = answer.dropped ? 'dropped' : `${answer.status} ${answer.body?.event_type ?? answer.body?.error_code ?? ''}`;
      console.log(`${pending.get(event.seq) ?? `#${event.seq}`} → ${code}`);
      pending.delete(event.seq);
    }
  });
}

async function main() {
  let options;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${/** @type {Error} */ (error).message}\n\n${USAGE}`);
    return 1;
  }
  if (options.help) return void console.log(USAGE);
  let sandbox;
  try {
    sandbox = await startSandbox({
      port: options.port,
      host: options.host,
      stateFile: options.stateFile,
      fallback: dashboard(options.host),
    });
  } catch (error) {
    const { code, message } = /** @type {NodeJS.ErrnoException} */ (error);
    if (code === 'EADDRINUSE') console.error(`Port ${options.port} is already in use: stop what uses it, or pick another with --port.`);
    else console.error(`Cannot start the sandbox: ${message}`);
    return 1;
  }
  console.log(`Alhena API sandbox listening on ${sandbox.url}

  Dashboard   ${sandbox.url}/
  API         POST /analytics/cart_events and /analytics/checkout_events there: any company key, every visitor counts as having chatted
  Control     ${sandbox.url}/__sandbox/requests (also /__sandbox/summary, /__sandbox/health)

  Point the SDK at it: apiBaseUrl: '${sandbox.url}', and stand-in fingerprints on a page without the widget.
  Ctrl-C stops.
`);
  if (!options.quiet) logRequests(sandbox);
  // Ctrl-C reaches npx and this process both, and npx passes it on: the repeat changes nothing.
  let stopping = false;
  const stop = () => {
    if (!stopping) void sandbox.close().then(() => process.exit(0));
    stopping = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const exitCode = await main();
if (exitCode) process.exit(exitCode);
