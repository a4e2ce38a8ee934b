// POST /analytics/cart_events and /analytics/checkout_events: record, inject faults, validate, apply rules, answer.
import { setTimeout as sleep } from 'node:timers/promises';
import { errorAnswer, statusFaultAnswer, successAnswer, tooLargeAnswer } from './answers.mjs';
import { takeFault } from './faults.mjs';
import { parseJson, readBody, sendAnswer } from './http-io.mjs';
import { companyKeyOf } from './request-log.mjs';
import { applyEvent } from './rules.mjs';
import { validateEvent } from './validate.mjs';

/**
 * @typedef {import('./server.mjs').SandboxContext} SandboxContext
 * @typedef {import('./answers.mjs').Answer} Answer
 * @typedef {import('./request-log.mjs').RequestRecord} RequestRecord
 */

export const ANALYTICS_PATHS = { '/analytics/cart_events': 'cart', '/analytics/checkout_events': 'checkout' };

export const MAX_BODY_BYTES = 1024 * 1024;

const RECORDED_HEADERS = ['origin', 'content-type', 'cookie'];

/** @param {import('node:http').IncomingMessage} req */
function pickHeaders(req) {
  /** @type {Record<string, string>} */ const headers = {};
  for (const name of RECORDED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

/**
 * The answer the API itself gives (no fault): validation, then the business rules.
 * @param {SandboxContext} ctx
 * @param {'cart' | 'checkout'} endpoint
 * @param {unknown} body
 * @param {import('./validate.mjs').Validation} validation
 * @param {RequestRecord} record
 * @returns {Answer}
 */
function decideAnswer(ctx, endpoint, body, validation, record) {
  const { errorShape } = ctx.options;
  if (!validation.ok) return errorAnswer(validation.code, validation.message, errorShape);
  const outcome = applyEvent(ctx.state, endpoint, /** @type {Record<string, any>} */ (body), ctx.options);
  if (!outcome.ok) return errorAnswer(outcome.code, outcome.message, errorShape);
  if (outcome.warnings.length > 0) record.warnings = outcome.warnings;
  ctx.stateChanged();
  return successAnswer(outcome.eventType);
}

/**
 * @param {SandboxContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} path
 * @param {Record<string, string>} cors
 */
export async function handleAnalyticsPost(ctx, req, res, path, cors) {
  const endpoint = /** @type {'cart' | 'checkout'} */ (ANALYTICS_PATHS[/** @type {keyof typeof ANALYTICS_PATHS} */ (path)]);
  const { raw, tooLarge } = await readBody(req, MAX_BODY_BYTES);
  const parsed = raw === null ? undefined : parseJson(raw);
  const body = parsed ?? null;
  const validation = validateEvent(endpoint, parsed);
  const { fault, slowMs } = tooLarge ? { fault: null, slowMs: 0 } : takeFault(ctx.faults, companyKeyOf(body));
  const record = ctx.log.append({
    path,
    endpoint,
    origin: req.headers.origin ?? null,
    contentType: req.headers['content-type'] ?? null,
    headers: pickHeaders(req),
    body,
    raw,
    unexpectedFields: validation.unexpectedFields,
    ...(fault && { fault: { ...fault } }),
    ...(slowMs > 0 && { slowMs }),
  });
  if (tooLarge) return answerWith(ctx, res, record, tooLargeAnswer(MAX_BODY_BYTES), cors);

  const waitMs = slowMs + (fault?.kind === 'delay' ? fault.ms : 0);
  if (waitMs > 0) await sleep(waitMs, undefined, { signal: ctx.closing });

  if (fault?.kind === 'drop') {
    if (fault.apply) decideAnswer(ctx, endpoint, body, validation, record);
    res.socket?.destroy();
    ctx.log.answer(record, { dropped: true });
    return;
  }
  if (fault?.kind === 'status') return answerWith(ctx, res, record, statusFaultAnswer(fault), cors);
  if (fault?.kind === 'code') {
    const answer = errorAnswer(fault.code, `${fault.code} (injected by the sandbox)`, ctx.options.errorShape, fault.status);
    return answerWith(ctx, res, record, answer, cors);
  }
  return answerWith(ctx, res, record, decideAnswer(ctx, endpoint, body, validation, record), cors);
}

/**
 * @param {SandboxContext} ctx
 * @param {import('node:http').ServerResponse} res
 * @param {RequestRecord} record
 * @param {Answer} answer
 * @param {Record<string, string>} cors
 */
function answerWith(ctx, res, record, answer, cors) {
  sendAnswer(res, answer, cors);
  ctx.log.answer(record, { status: answer.status, body: answer.body });
}
