// Fault injection: a FIFO of faults that the next analytics POSTs consume, plus a sticky slow mode.

/**
 * @typedef {{ kind: 'status', status: number, retryAfter?: string, body?: string }
 *   | { kind: 'delay', ms: number }
 *   | { kind: 'drop', apply?: boolean }
 *   | { kind: 'code', code: string, status?: number }} FaultEffect
 *   `drop` with `apply: true` applies the rules first, then drops the answer (the event was recorded, the client never hears).
 * @typedef {FaultEffect & { count: number, company_key?: string }} FaultInput
 * @typedef {FaultEffect & { remaining: number, company_key?: string }} QueuedFault
 * @typedef {{ queue: QueuedFault[], slowMs: number }} Faults
 */

const MAX_DELAY_MS = 600_000;
const MAX_COUNT = 1_000_000;

const isInteger = (/** @type {unknown} */ v, /** @type {number} */ min, /** @type {number} */ max) =>
  Number.isInteger(v) && /** @type {number} */ (v) >= min && /** @type {number} */ (v) <= max;
// Header values must be printable ASCII or Node refuses to send them.
const isHeaderText = (/** @type {unknown} */ v) => typeof v === 'string' && /^[\x20-\x7e]*$/.test(v);

/** Allowed properties of each kind, with their check; `count` and `company_key` are common to all but `slow`. */
const KINDS = {
  status: {
    status: (/** @type {unknown} */ v) => isInteger(v, 200, 599),
    retryAfter: isHeaderText,
    body: (/** @type {unknown} */ v) => typeof v === 'string',
  },
  delay: { ms: (/** @type {unknown} */ v) => isInteger(v, 0, MAX_DELAY_MS) },
  drop: { apply: (/** @type {unknown} */ v) => typeof v === 'boolean' },
  code: {
    code: (/** @type {unknown} */ v) => typeof v === 'string' && /^[A-Z][A-Z0-9_]{0,99}$/.test(v),
    status: (/** @type {unknown} */ v) => isInteger(v, 200, 599),
  },
  slow: { ms: (/** @type {unknown} */ v) => isInteger(v, 0, MAX_DELAY_MS) },
};
const REQUIRED = { status: ['status'], delay: ['ms'], drop: [], code: ['code'], slow: ['ms'] };
const COMMON = {
  count: (/** @type {unknown} */ v) => isInteger(v, 1, MAX_COUNT),
  company_key: (/** @type {unknown} */ v) => typeof v === 'string' && v !== '',
};

/** @returns {Faults} */
export function createFaults() {
  return { queue: [], slowMs: 0 };
}

/**
 * Why a fault object is not acceptable, or null when it is.
 * @param {unknown} input
 * @returns {string | null}
 */
export function findFaultProblem(input) {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'a fault must be an object';
  const fault = /** @type {Record<string, unknown>} */ (input);
  const kind = /** @type {keyof typeof KINDS} */ (fault.kind);
  if (!Object.hasOwn(KINDS, kind)) return `kind must be one of ${Object.keys(KINDS).join(', ')}`;
  /** @type {Record<string, (v: unknown) => boolean>} */
  const checks = kind === 'slow' ? { ...KINDS.slow } : { ...COMMON, ...KINDS[kind] };
  for (const name of REQUIRED[kind]) if (!Object.hasOwn(fault, name)) return `a ${kind} fault needs ${name}`;
  for (const [name, value] of Object.entries(fault)) {
    if (name === 'kind') continue;
    if (!Object.hasOwn(checks, name)) return `a ${kind} fault has no property ${JSON.stringify(name)}`;
    if (!checks[name](value)) return `invalid ${name} in a ${kind} fault`;
  }
  return null;
}

/**
 * Queues one fault or an array of them, all or none.
 * @param {Faults} faults
 * @param {unknown} input
 * @returns {{ ok: true, added: number } | { ok: false, message: string }}
 */
export function addFaults(faults, input) {
  const list = Array.isArray(input) ? input : [input];
  for (const [index, item] of list.entries()) {
    const problem = findFaultProblem(item);
    if (problem) return { ok: false, message: list.length > 1 ? `fault ${index}: ${problem}` : problem };
  }
  for (const { count = 1, ...fault } of list) {
    if (fault.kind === 'slow') faults.slowMs = fault.ms;
    else faults.queue.push({ ...fault, remaining: count });
  }
  return { ok: true, added: list.length };
}

/**
 * Removes every queued fault and turns slow mode off; returns how many queued faults were removed.
 * @param {Faults} faults
 */
export function clearFaults(faults) {
  const removed = faults.queue.length;
  faults.queue.length = 0;
  faults.slowMs = 0;
  return removed;
}

/**
 * Consumes one use of the first queued fault that applies to a request of this company.
 * @param {Faults} faults
 * @param {unknown} companyKey the request body's company_key (anything, since the body may be invalid)
 * @returns {{ fault: FaultEffect & { company_key?: string } | null, slowMs: number }}
 */
export function takeFault(faults, companyKey) {
  const index = faults.queue.findIndex((f) => f.company_key === undefined || f.company_key === companyKey);
  if (index === -1) return { fault: null, slowMs: faults.slowMs };
  const { remaining, ...fault } = faults.queue[index];
  if (remaining <= 1) faults.queue.splice(index, 1);
  else faults.queue[index].remaining = remaining - 1;
  return { fault: /** @type {FaultEffect} */ (fault), slowMs: faults.slowMs };
}

/** @param {Faults} faults */
export function describeFaults(faults) {
  return { queue: faults.queue.map((fault) => ({ ...fault })), slowMs: faults.slowMs };
}
