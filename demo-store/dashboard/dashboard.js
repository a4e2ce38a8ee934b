// The sandbox dashboard: live request log (Server-Sent Events), revenue figures, chart, fault buttons.
import { chartSvg, runningTotals } from './chart.js';
import { classifyAnswer, describeFields, formatMoney, formatTime, shortId } from './format.js';

const API = '/__sandbox/';
const $ = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (document.querySelector(selector));

/** @typedef {{ seq: number, at: number, endpoint: 'cart' | 'checkout', body: any, answer: any, fault?: any, slowMs?: number, warnings?: string[] }} RequestRecord */
/** @type {Map<number, RequestRecord>} */
const records = new Map();
/** @type {any[]} */ let events = [];

async function call(/** @type {string} */ path, /** @type {RequestInit} */ init = {}) {
  const response = await fetch(API + path, { ...init, headers: { 'content-type': 'application/json' } });
  return response.json();
}

/** @param {string} name @param {number} value @param {string} text */
function setMetric(name, value, text) {
  for (const el of document.querySelectorAll(`[data-metric="${name}"]`)) {
    el.setAttribute('data-value', String(value));
    el.textContent = text;
  }
}

function showSummary(/** @type {any} */ s) {
  setMetric('gmv', s.addToCartGmv, formatMoney(s.addToCartGmv));
  setMetric('added', s.addedValue, formatMoney(s.addedValue));
  setMetric('removed', s.removedValue, formatMoney(s.removedValue));
  setMetric('carts', s.carts, String(s.carts));
  setMetric('average-cart', s.averageCartValue, formatMoney(s.averageCartValue));
  setMetric('cart-events', s.cartEvents, String(s.cartEvents));
  setMetric('orders', s.orders, String(s.orders));
  setMetric('revenue', s.revenue, formatMoney(s.revenue));
  $('[data-currencies]').textContent = s.currencies.length ? `in ${s.currencies.join(', ')}` : 'no currency yet';
}

function showChart() {
  $('[data-chart]').innerHTML = chartSvg(runningTotals(events), formatMoney, Date.now());
}

function showFaults(/** @type {{ queue: any[], slowMs: number }} */ faults) {
  const describe = (/** @type {any} */ f) =>
    `${f.remaining} × ${f.kind === 'status' ? f.status : f.kind === 'drop' ? 'dropped connection' : f.kind === 'code' ? f.code : `${f.ms} ms delay`}`;
  const parts = faults.queue.map(describe);
  if (faults.slowMs > 0) parts.push(`slow mode (${faults.slowMs / 1000} s per answer)`);
  const el = $('[data-faults]');
  el.textContent = parts.length ? `Queued: ${parts.join(' · ')}` : 'No faults queued.';
  el.classList.toggle('active', parts.length > 0);
  $('[data-fault="slow"]').setAttribute('aria-pressed', String(faults.slowMs > 0));
}

function showTickets(/** @type {any[]} */ tickets) {
  $('[data-ticket-count]').textContent = `(${tickets.length})`;
  const list = $('[data-tickets]');
  list.replaceChildren();
  if (tickets.length === 0) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = 'Nobody has chatted yet: cart events answer ACTIVE_TICKET_NOT_FOUND.';
    return void list.append(li);
  }
  for (const t of [...tickets].reverse()) {
    const li = document.createElement('li');
    li.textContent = `${t.company_key} · visitor ${shortId(t.user_fingerprint)} · since ${new Date(t.opened_at).toLocaleTimeString('en-GB')}`;
    list.append(li);
  }
}

/** @param {RequestRecord} record */
function rowFor(record) {
  const answer = classifyAnswer(record.answer);
  const row = document.createElement('tr');
  row.setAttribute('data-seq', String(record.seq));
  row.setAttribute('data-kind', answer.kind);
  if (record.answer?.status) row.setAttribute('data-status', String(record.answer.status));
  const cell = (/** @type {string} */ text, /** @type {string} */ className = '') => {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    row.append(td);
    return td;
  };
  cell(String(record.seq), 'seq');
  cell(formatTime(record.at), 'time');
  cell(record.endpoint, `endpoint endpoint-${record.endpoint}`);
  const fields = cell('', 'fields');
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = describeFields(record.endpoint, record.body);
  const pre = document.createElement('pre');
  pre.textContent = JSON.stringify(record.body, null, 2);
  details.append(summary, pre);
  fields.append(details);
  cell(shortId(record.body?.user_fingerprint), 'visitor');
  const pill = document.createElement('span');
  pill.className = `answer answer-${answer.kind}`;
  pill.textContent = answer.label;
  if (record.answer && !record.answer.dropped) pill.title = JSON.stringify(record.answer.body);
  const result = cell('', 'result');
  result.append(pill);
  if (record.fault) {
    const note = document.createElement('small');
    note.className = 'injected';
    note.textContent = ' injected';
    result.append(note);
  }
  return row;
}

function showCounts() {
  const all = [...records.values()];
  const count = (/** @type {string[]} */ kinds) => all.filter((r) => kinds.includes(classifyAnswer(r.answer).kind)).length;
  setMetric('requests', all.length, String(all.length));
  $('[data-count="ok"]').textContent = String(count(['ok']));
  $('[data-count="not-attributed"]').textContent = String(count(['not-attributed']));
  $('[data-count="failed"]').textContent = String(count(['fault', 'failed', 'duplicate']));
}

/** @param {RequestRecord} record */
function upsertRow(record) {
  records.set(record.seq, record);
  const body = $('[data-log]');
  body.querySelector('.empty-row')?.remove();
  const fresh = rowFor(record);
  const old = body.querySelector(`tr[data-seq="${record.seq}"]`);
  if (old) {
    fresh.querySelector('details')?.toggleAttribute('open', old.querySelector('details')?.hasAttribute('open') ?? false);
    old.replaceWith(fresh);
  } else {
    const next = [...body.querySelectorAll('tr[data-seq]')].find((tr) => Number(tr.getAttribute('data-seq')) < record.seq);
    body.insertBefore(fresh, next ?? null);
  }
  showCounts();
}

function clearLog() {
  records.clear();
  $('[data-log]').innerHTML = '<tr class="empty-row"><td colspan="6">Waiting for the SDK… add something to the cart in the shop.</td></tr>';
  showCounts();
}

async function refreshFigures() {
  const [summary, list, faults, tickets] = await Promise.all([call('summary'), call('events'), call('faults'), call('tickets')]);
  events = list;
  showSummary(summary);
  showChart();
  showFaults(faults);
  showTickets(tickets);
}

let refreshTimer = 0;
const scheduleRefresh = () => {
  clearTimeout(refreshTimer);
  refreshTimer = window.setTimeout(() => void refreshFigures().catch(() => {}), 60);
};

async function reloadAll() {
  const list = /** @type {RequestRecord[]} */ (await call('requests'));
  clearLog();
  for (const record of list) upsertRow(record);
  await refreshFigures();
}

function connect() {
  const live = $('[data-live]');
  const setLive = (/** @type {string} */ state, /** @type {string} */ text) => {
    live.setAttribute('data-live', state);
    $('[data-live-text]').textContent = text;
  };
  const stream = new EventSource(`${API}stream`);
  stream.addEventListener('open', () => {
    setLive('live', 'live');
    void reloadAll().catch(() => {});
  });
  stream.addEventListener('error', () => setLive('down', 'reconnecting…'));
  stream.addEventListener('request', (e) => upsertRow(JSON.parse(/** @type {MessageEvent} */ (e).data)));
  stream.addEventListener('answer', (e) => {
    const { seq, answer, warnings } = JSON.parse(/** @type {MessageEvent} */ (e).data);
    const record = records.get(seq);
    if (record) upsertRow({ ...record, answer, warnings });
    scheduleRefresh();
  });
  stream.addEventListener('ticket', scheduleRefresh);
  stream.addEventListener('reset', () => {
    clearLog();
    scheduleRefresh();
  });
}

function bindControls() {
  const count = () => Math.min(20, Math.max(1, Number(/** @type {HTMLInputElement} */ ($('#fault-count')).value) || 1));
  /** @type {Record<string, () => object>} */
  const FAULTS = {
    503: () => ({ kind: 'status', status: 503, count: count() }),
    429: () => ({ kind: 'status', status: 429, retryAfter: '1', count: count() }),
    drop: () => ({ kind: 'drop', count: count() }),
    slow: () => ({ kind: 'slow', ms: $('[data-fault="slow"]').getAttribute('aria-pressed') === 'true' ? 0 : 2000 }),
  };
  document.addEventListener('click', (event) => {
    const button = /** @type {Element} */ (event.target).closest('button');
    if (!button) return;
    const fault = button.getAttribute('data-fault');
    const action = button.getAttribute('data-action');
    let done;
    if (fault && FAULTS[fault]) done = call('faults', { method: 'POST', body: JSON.stringify(FAULTS[fault]()) });
    else if (action === 'clear-faults') done = call('faults', { method: 'DELETE' });
    else if (action === 'reset') done = call('reset', { method: 'POST' });
    void done?.then(refreshFigures).catch(() => {});
  });
  const shopUrl = /** @type {any} */ (window).dashboardConfig?.shopUrl;
  if (shopUrl) {
    const link = document.createElement('a');
    link.className = 'shop-link';
    link.href = shopUrl;
    link.target = 'alhena-shop';
    link.textContent = 'Open the shop ↗';
    $('[data-shop-link]').append(link);
  }
}

bindControls();
connect();
setInterval(showChart, 15_000); // the time axis moves on while nothing happens
