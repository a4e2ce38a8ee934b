// The control API under /__sandbox/, for tests and the demo store's dashboard.
import { addFaults, clearFaults, describeFaults } from './faults.mjs';
import { parseJson, readBody, sendJson } from './http-io.mjs';
import { listEvents, openTicket, summarize } from './rules.mjs';

/**
 * @typedef {import('./server.mjs').SandboxContext} SandboxContext
 * @typedef {{ status: number, body: unknown }} ControlAnswer
 * @typedef {(ctx: SandboxContext, input: { query: URLSearchParams, body: unknown }) => ControlAnswer} ControlHandler
 */

export const CONTROL_PREFIX = '/__sandbox/';

const MAX_CONTROL_BODY_BYTES = 1024 * 1024;

const ok = (/** @type {unknown} */ body, status = 200) => ({ status, body });
const refuse = (/** @type {string} */ message) => ({ status: 400, body: { status: 'error', message } });
const queryKey = (/** @type {URLSearchParams} */ query) => query.get('company_key') ?? undefined;

/** @type {Record<string, ControlHandler>} */
const ROUTES = {
  'GET requests': (ctx, { query }) => ok(ctx.log.list(queryKey(query))),
  'GET preflights': (ctx) => ok(ctx.log.listPreflights()),
  'GET faults': (ctx) => ok(describeFaults(ctx.faults)),
  'POST faults': (ctx, { body }) => {
    const added = addFaults(ctx.faults, body);
    return added.ok ? ok({ added: added.added, ...describeFaults(ctx.faults) }) : refuse(added.message);
  },
  'DELETE faults': (ctx) => ok({ removed: clearFaults(ctx.faults) }),
  'GET tickets': (ctx) => ok(ctx.state.tickets),
  'POST tickets': (ctx, { body }) => {
    const opened = openTicket(ctx.state, body);
    if (!opened.ok) return refuse(opened.message);
    ctx.stateChanged();
    ctx.hub.publish('ticket', opened.ticket);
    return ok(opened.ticket, 201);
  },
  'GET summary': (ctx, { query }) => ok(summarize(ctx.state, queryKey(query))),
  'GET events': (ctx, { query }) => ok(listEvents(ctx.state, queryKey(query))),
  'POST reset': (ctx) => {
    ctx.reset();
    return ok({ status: 'reset' });
  },
  'GET health': (ctx) => ok({ status: 'ok', requests: ctx.log.size() }),
};

/**
 * @param {SandboxContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {Record<string, string>} cors
 */
export async function handleControl(ctx, req, res, url, cors) {
  const name = url.pathname.slice(CONTROL_PREFIX.length);
  if (req.method === 'GET' && name === 'stream') return ctx.hub.attachStream(res, cors);
  const route = `${req.method} ${name}`;
  if (!Object.hasOwn(ROUTES, route)) {
    return sendJson(res, 404, { status: 'error', message: `No control route ${route}` }, cors);
  }
  let body = null;
  if (req.method === 'POST') {
    const { raw, tooLarge } = await readBody(req, MAX_CONTROL_BODY_BYTES);
    if (tooLarge) return sendJson(res, 413, { status: 'error', message: 'Body too large' }, cors);
    body = raw === '' ? null : parseJson(raw ?? '');
    if (body === undefined) return sendJson(res, 400, { status: 'error', message: 'The body must be JSON' }, cors);
  }
  const answer = ROUTES[route](ctx, { query: url.searchParams, body });
  sendJson(res, answer.status, answer.body, cors);
}
