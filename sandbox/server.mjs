// The sandbox: a local emulator of Alhena's analytics API, with a control API for tests and the dashboard.
import { createServer } from 'node:http';
import { inspect } from 'node:util';
import { ANALYTICS_PATHS, handleAnalyticsPost } from './analytics-route.mjs';
import { ERROR_SHAPES } from './answers.mjs';
import { CONTROL_PREFIX, handleControl } from './control-route.mjs';
import { createEventHub } from './event-hub.mjs';
import { addFaults, clearFaults, createFaults } from './faults.mjs';
import { corsHeaders, sendJson } from './http-io.mjs';
import { createRequestLog } from './request-log.mjs';
import { clearState, createState, openTicket, restoreState, summarize, toSnapshot } from './rules.mjs';
import { createStateWriter, readStateFile } from './state-file.mjs';
import { waitForRecords } from './wait-for-records.mjs';

/**
 * @typedef {object} SandboxOptions
 * @property {number} [port] port to listen on; `0` (the default) picks a free one
 * @property {string} [host] interface to listen on (default `'127.0.0.1'`)
 * @property {'*' | string[]} [companies] known company keys; `'*'` (the default) knows every key
 * @property {boolean} [autoTickets] every visitor has an active ticket (default `true`); `false` requires opening tickets
 * @property {string} [stateFile] JSON file that keeps events and tickets across restarts (default: none)
 * @property {import('./answers.mjs').ErrorShape} [errorShape] key of the code in error answers, or `'text'` (default `'error_code'`)
 * @property {boolean} [allowCredentials] add `Access-Control-Allow-Credentials: true`, what `sendBeacon` needs (default `false`)
 * @property {Fallback} [fallback] answers other paths (the demo store's dashboard); resolves false to leave them 404
 *
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean | Promise<boolean>} Fallback
 *
 * @typedef {Required<Omit<SandboxOptions, 'stateFile' | 'fallback'>> & { stateFile: string | undefined, fallback: Fallback | undefined }} SandboxConfig
 * @typedef {{
 *   options: SandboxConfig,
 *   state: import('./rules.mjs').State,
 *   faults: import('./faults.mjs').Faults,
 *   log: ReturnType<typeof createRequestLog>,
 *   hub: ReturnType<typeof createEventHub>,
 *   closing: AbortSignal,
 *   stateChanged: () => void,
 *   reset: () => void,
 * }} SandboxContext
 */

const DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  companies: /** @type {'*' | string[]} */ ('*'),
  autoTickets: true,
  stateFile: /** @type {string | undefined} */ (undefined),
  errorShape: /** @type {import('./answers.mjs').ErrorShape} */ ('error_code'),
  allowCredentials: false,
  fallback: /** @type {Fallback | undefined} */ (undefined),
};

/** @type {Record<keyof typeof DEFAULTS, (value: any) => boolean>} */
const OPTION_CHECKS = {
  port: (v) => Number.isInteger(v) && v >= 0 && v <= 65535,
  host: (v) => typeof v === 'string' && v !== '',
  companies: (v) => v === '*' || (Array.isArray(v) && v.every((key) => typeof key === 'string')),
  autoTickets: (v) => typeof v === 'boolean',
  stateFile: (v) => v === undefined || (typeof v === 'string' && v !== ''),
  errorShape: (v) => ERROR_SHAPES.includes(v),
  allowCredentials: (v) => typeof v === 'boolean',
  fallback: (v) => v === undefined || typeof v === 'function',
};

/** @param {SandboxOptions} options @returns {SandboxConfig} */
function toConfig(options) {
  for (const [name, value] of Object.entries(options)) {
    if (!Object.hasOwn(OPTION_CHECKS, name)) throw new TypeError(`startSandbox: unknown option ${name}`);
    const check = OPTION_CHECKS[/** @type {keyof typeof DEFAULTS} */ (name)];
    if (value !== undefined && !check(value)) throw new TypeError(`startSandbox: invalid ${name}: ${inspect(value)}`);
  }
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...DEFAULTS, ...defined };
}

/**
 * @param {SandboxContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
async function route(ctx, req, res) {
  req.on('error', () => {}); // a client that aborts its upload is not the sandbox's problem
  const cors = corsHeaders(req, ctx.options.allowCredentials);
  try {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    if (req.method === 'OPTIONS') {
      const { origin = null, 'access-control-request-method': method = null } = req.headers;
      ctx.log.addPreflight({ path, origin, method, headers: req.headers['access-control-request-headers'] ?? null });
      res.writeHead(204, cors).end();
    } else if (Object.hasOwn(ANALYTICS_PATHS, path)) {
      if (req.method === 'POST') await handleAnalyticsPost(ctx, req, res, path, cors);
      else sendJson(res, 405, { status: 'error', message: 'Method not allowed' }, { ...cors, allow: 'POST, OPTIONS' });
    } else if (path.startsWith(CONTROL_PREFIX)) {
      await handleControl(ctx, req, res, url, cors);
    } else if (!(await ctx.options.fallback?.(req, res))) {
      sendJson(res, 404, { status: 'error', message: 'Not found' }, cors);
    }
  } catch (error) {
    if (ctx.closing.aborted || res.headersSent) return void res.destroy();
    const message = `Sandbox failure: ${error instanceof Error ? error.message : String(error)}`;
    sendJson(res, 500, { status: 'error', message }, cors);
  }
}

/**
 * @param {import('node:http').Server} server
 * @param {number} port
 * @param {string} host
 * @returns {Promise<number>} the port listened on
 */
export function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(/** @type {import('node:net').AddressInfo} */ (server.address()).port);
    });
  });
}

/**
 * Starts the sandbox. Rejects with the listen error (`code: 'EADDRINUSE'`) when the port is taken.
 * @param {SandboxOptions} [options]
 * @example
 *   const sandbox = await startSandbox({ autoTickets: false });
 *   await sandbox.openTicket({ company_key: 'acme', user_fingerprint: 'fp-1' });
 *   // … point the SDK's apiBaseUrl at sandbox.url …
 *   await sandbox.close();
 */
export async function startSandbox(options = {}) {
  const config = toConfig(options);
  const state = createState();
  const snapshot = config.stateFile ? await readStateFile(config.stateFile) : null;
  if (snapshot) restoreState(state, snapshot);
  const hub = createEventHub();
  const log = createRequestLog(hub.publish);
  const faults = createFaults();
  const writer = config.stateFile
    ? createStateWriter(
        config.stateFile,
        () => toSnapshot(state),
        (error) => console.error('[sandbox] cannot write state file:', error),
      )
    : null;
  const closing = new AbortController();

  function reset() {
    log.clear();
    clearFaults(faults);
    clearState(state);
    writer?.schedule();
    hub.publish('reset', {});
  }

  /** @type {SandboxContext} */
  const ctx = { options: config, state, faults, log, hub, closing: closing.signal, stateChanged: () => writer?.schedule(), reset };
  const server = createServer((req, res) => void route(ctx, req, res));
  const port = await listen(server, config.port, config.host);
  server.on('error', (error) => console.error('[sandbox] server error:', error));

  /** @type {Promise<void> | undefined} */ let closed;
  async function shutdown() {
    closing.abort();
    hub.closeStreams();
    const serverClosed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    await serverClosed;
    await writer?.flush();
  }

  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    state,
    /** Stops listening, ends every open connection and stream, writes the state file; safe to call twice. */
    close: () => (closed ??= shutdown()),
    /** Clears requests, preflights, faults and state; keeps the options. */
    reset,
    /** @param {string} [companyKey] */
    requests: (companyKey) => log.list(companyKey),
    preflights: () => log.listPreflights(),
    /** @param {unknown} input one fault or an array; throws on an invalid fault */
    addFaults(input) {
      const added = addFaults(faults, input);
      if (!added.ok) throw new TypeError(`addFaults: ${added.message}`);
    },
    clearFaults: () => clearFaults(faults),
    /** @param {{ company_key: string, user_fingerprint: string, user_faq_fingerprint?: string }} ticket */
    openTicket(ticket) {
      const opened = openTicket(state, ticket);
      if (!opened.ok) throw new TypeError(`openTicket: ${opened.message}`);
      writer?.schedule();
      hub.publish('ticket', opened.ticket);
      return opened.ticket;
    },
    /** @param {string} [companyKey] */
    summary: (companyKey) => summarize(state, companyKey),
    subscribe: hub.subscribe,
    /** @param {(records: import('./request-log.mjs').RequestRecord[]) => boolean} predicate @param {{ timeoutMs?: number }} [options] */
    waitFor: (predicate, options) => waitForRecords(log, hub, predicate, options),
  };
}
