// The ordered record of every analytics POST and every preflight the sandbox received.

/**
 * @typedef {{ status: number, body: unknown } | { dropped: true }} RecordedAnswer
 * @typedef {{
 *   seq: number,
 *   at: number,
 *   path: string,
 *   endpoint: 'cart' | 'checkout',
 *   origin: string | null,
 *   contentType: string | null,
 *   headers: Record<string, string>,
 *   body: unknown,
 *   raw: string | null,
 *   unexpectedFields: string[],
 *   answer: RecordedAnswer | null,
 *   fault?: Record<string, unknown>,
 *   slowMs?: number,
 *   warnings?: string[],
 * }} RequestRecord
 *   `body` is the parsed JSON or null; `raw` is null when the body exceeded the limit; `answer` is null until sent.
 * @typedef {{ seq: number, at: number, path: string, origin: string | null, method: string | null, headers: string | null }} Preflight
 */

// Records and preflights share one sequence, so their relative order shows; reset restarts it.
// Keeps a long-running demo store's memory bounded; tests stay far below it.
const MAX_KEPT_RECORDS = 10_000;

/** @param {import('./event-hub.mjs').HubListener} publish */
export function createRequestLog(publish) {
  /** @type {RequestRecord[]} */ const records = [];
  /** @type {Preflight[]} */ const preflights = [];
  /** @type {Record<string, number>} */ let preflightCounts = Object.create(null);
  let seq = 0;

  /** @param {Omit<RequestRecord, 'seq' | 'at' | 'answer'>} fields */
  function append(fields) {
    /** @type {RequestRecord} */
    const record = { seq: ++seq, at: Date.now(), ...fields, answer: null };
    records.push(record);
    if (records.length > MAX_KEPT_RECORDS) records.shift();
    publish('request', record);
    return record;
  }

  /** @param {RequestRecord} record @param {RecordedAnswer} answer */
  function answer(record, answer) {
    record.answer = answer;
    publish('answer', { seq: record.seq, answer, warnings: record.warnings });
  }

  /** @param {Omit<Preflight, 'seq' | 'at'>} fields */
  function addPreflight(fields) {
    const preflight = { seq: ++seq, at: Date.now(), ...fields };
    preflights.push(preflight);
    if (preflights.length > MAX_KEPT_RECORDS) preflights.shift();
    preflightCounts[fields.path] = (preflightCounts[fields.path] ?? 0) + 1;
    publish('preflight', preflight);
  }

  /**
   * Copies of the records, optionally only those whose body's company_key matches.
   * @param {string} [companyKey]
   * @returns {RequestRecord[]}
   */
  function list(companyKey) {
    const matching = companyKey === undefined ? records : records.filter((r) => companyKeyOf(r.body) === companyKey);
    return structuredClone(matching);
  }

  function listPreflights() {
    return { counts: { ...preflightCounts }, list: structuredClone(preflights) };
  }

  function clear() {
    seq = 0;
    records.length = 0;
    preflights.length = 0;
    preflightCounts = Object.create(null);
  }

  return { append, answer, addPreflight, list, listPreflights, clear, size: () => records.length };
}

/** @param {unknown} body */
export function companyKeyOf(body) {
  return typeof body === 'object' && body !== null ? /** @type {Record<string, unknown>} */ (body).company_key : undefined;
}
