#!/usr/bin/env node
// Benchmarks the built script-tag bundle in headless Chromium beside a hand-written keepalive sender (the floor).
// Usage: npm run bench [-- --runs 7]. Prints medians; numbers are for this machine, not assertions.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium } from '@playwright/test';
import { startDemo } from '../demo-store/demo.mjs';
import { CHROMIUM } from '../e2e/chromium.mjs';
import { startSink } from './sink.mjs';

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 9;
const CALLS = 1000;
const EXIT_TRIALS = 10;
/** Page loads traced for the evaluation figures: a millisecond-scale median needs more samples. */
const TRACED_LOADS = 21;
const bundle = readFileSync(new URL('../dist/alhena-cart.min.js', import.meta.url), 'utf8');
const floor = readFileSync(new URL('./floor.js', import.meta.url), 'utf8');
const FP = { user: '550e8400-e29b-41d4-a716-446655440000', faq: '660e8400-e29b-41d4-a716-446655441111' };
const widget = `window.gleenWidget = { getFingerprint: () => '${FP.user}', getFAQFingerprint: () => '${FP.faq}' };`;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * The store's pages, on their own origin: one per tracker under test, and a page to navigate to. Each
 * tracker is loaded as the README installs it, an external `<script async>`.
 */
async function startStore(sinkUrl) {
  const scripts = { 'sdk.js': bundle, 'floor.js': floor };
  const pages = {
    sdk: `<!doctype html><script>${widget}</script>
<script async src="/sdk.js" data-company-key="bench" data-api-base-url="${sinkUrl}" data-auto-track="false"></script>
<script>window.trackerName = 'alhenaCart';</script>`,
    floor: `<!doctype html><script>${widget}</script><script>window.FLOOR_API = '${sinkUrl}';</script>
<script async src="/floor.js"></script><script>window.trackerName = 'floorCart';</script>`,
    next: '<!doctype html><title>next</title>',
  };
  const server = createServer((req, res) => {
    const name = new URL(req.url, 'http://x').pathname.slice(1);
    if (scripts[name]) return res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(scripts[name]);
    if (!pages[name]) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(pages[name]);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://localhost:${server.address().port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}

/** Runs `action` with a DevTools trace (timeline events) running; returns its result and the events. */
async function withTrace(page, action) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline'] } });
  const result = await action();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return { result, events };
}

/**
 * Loads a page with a DevTools trace running and returns the tracker's main-thread time as the
 * Performance panel shows it: its file's "Evaluate Script" (which includes the script tag's init),
 * and the tasks that then run its code (deferred start, resuming stored events) until the page is idle.
 * Times are the main thread's CPU time (the trace's thread duration): on a 2-core machine the wall
 * time of a 1 ms task also counts the moments the thread waited for a core.
 */
async function loadTraced(page, url, scriptName) {
  const { events } = await withTrace(page, async () => {
    await page.goto(url);
    await page.waitForFunction(() => window[window.trackerName]);
    await page.waitForTimeout(500);
  });
  const ours = events.filter((e) => e.ph === 'X' && e.args?.data?.url?.endsWith(`/${scriptName}`));
  const evaluation = ours.find((e) => e.name === 'EvaluateScript');
  let after = 0;
  let end = evaluation.ts + evaluation.dur;
  for (const e of ours.filter((e) => e.name === 'FunctionCall').sort((a, b) => a.ts - b.ts)) {
    if (e.ts < end) continue; // nested in one already counted
    after += e.tdur;
    end = e.ts + e.dur;
  }
  return { evaluation: evaluation.tdur / 1000, evaluationWall: evaluation.dur / 1000, after: after / 1000 };
}

const event = (i) => ({ type: 'ITEM_ADDED', productId: `P-${i}`, productName: 'Bench product', value: 9.99, currency: 'USD', quantity: 1 });

/**
 * CALLS trackCartEvent calls in one synchronous loop, as a page's event handler would make them, run
 * in a task of their own with a DevTools trace running. Returns the loop's wall time (performance.now)
 * and the main-thread CPU time of the loop and of its whole task, which ends with the microtasks the
 * calls leave behind (the SDK writes the events to storage there).
 */
async function timeCalls(page, prefix, traced = true) {
  const run = () =>
    page.evaluate(
      ([n, p]) =>
        new Promise((resolve) =>
          setTimeout(() => {
            const t0 = performance.now();
            const tracker = window[window.trackerName];
            for (let i = 0; i < n; i++) {
              tracker.trackCartEvent({
                type: 'ITEM_ADDED',
                productId: `${p}-${i}`,
                productName: 'Bench product',
                value: 9.99,
                currency: 'USD',
                quantity: 1,
              });
            }
            resolve(performance.now() - t0);
          }, 0),
        ),
      [CALLS, prefix],
    );
  if (!traced) return { wall: await run() };
  const { result: wall, events } = await withTrace(page, run);
  const call = events.filter((e) => e.ph === 'X' && e.name === 'FunctionCall').sort((a, b) => b.dur - a.dur)[0];
  const task = events
    // The timer's task: its callback, then the microtask checkpoint.
    .filter((e) => e.ph === 'X' && e.name === 'TimerFire' && e.tid === call.tid && e.ts <= call.ts && e.ts + e.dur >= call.ts + call.dur)
    .sort((a, b) => a.dur - b.dur)[0];
  return { wall, cpu: call.tdur / 1000, taskCpu: (task ?? call).tdur / 1000 };
}

async function measure(browser, store, sink, name, scriptName) {
  const init = [];
  const initWall = [];
  const after = [];
  for (let load = 0; load < TRACED_LOADS; load++) {
    const context = await browser.newContext();
    const traced = await loadTraced(await context.newPage(), `${store.origin}/${name}`, scriptName);
    init.push(traced.evaluation);
    initWall.push(traced.evaluationWall);
    after.push(traced.after);
    await context.close();
  }
  const calls = [];
  const callsWall = [];
  const task = [];
  const warm = [];
  const delivered = [];
  let inOrder = true;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    sink.reset();
    sink.setDelay(0);
    await page.goto(`${store.origin}/${name}`);
    await page.waitForFunction(() => window[window.trackerName]);
    await page.waitForTimeout(100);
    const started = Date.now();
    const timed = await timeCalls(page, 'P');
    calls.push(timed.cpu);
    callsWall.push(timed.wall);
    task.push(timed.taskCpu);
    while (sink.received.length < CALLS && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 5));
    delivered.push(Date.now() - started);
    const ids = sink.received.map((b) => b?.product_id);
    if (ids.length !== CALLS || ids.some((id, i) => id !== event(i).productId)) inOrder = false;
    // The same page again: the code is compiled and warm now (steady state rather than first use).
    warm.push((await timeCalls(page, 'W', false)).wall);
    await context.close();
  }
  const exit = {};
  for (const delayMs of [0, 2000]) {
    let arrived = 0;
    sink.setDelay(delayMs);
    for (let trial = 0; trial < EXIT_TRIALS; trial++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      sink.reset();
      await page.goto(`${store.origin}/${name}`);
      await page.waitForFunction(() => window[window.trackerName]);
      await page.evaluate(
        ([e, next]) => {
          window[window.trackerName].trackCartEvent(e);
          location.href = next;
        },
        [event(trial), `${store.origin}/next`],
      );
      await page.waitForURL(`${store.origin}/next`);
      const until = Date.now() + delayMs + 2000;
      while (sink.received.length < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      arrived += Math.min(1, sink.received.length);
      await context.close();
    }
    exit[delayMs] = `${arrived}/${EXIT_TRIALS}`;
  }
  return {
    init: median(init),
    initWall: median(initWall),
    after: median(after),
    calls: median(calls),
    callsWall: median(callsWall),
    task: median(task),
    warm: median(warm),
    delivered: median(delivered),
    inOrder,
    exitFast: exit[0],
    exitSlow: exit[2000],
  };
}

/**
 * WooCommerce on the demo's stand-in store (`/woo/`) beside a page that is not WooCommerce (`/`): what the
 * tag asks of the network on each page load, and what a burst of the store's signals costs. Counted from the
 * shop server's own record of its requests.
 */
async function measureWooCommerce(browser) {
  const demo = await startDemo();
  const requests = async () => (await fetch(`${demo.shopUrl}__demo/requests`)).json();
  const clear = () => fetch(`${demo.shopUrl}__demo/requests`, { method: 'DELETE' });
  const count = (list, test) => list.filter(test).length;
  const isFile = (r) => r.path === '/alhena-cart.woocommerce.min.js';
  const isRead = (r) => `${r.path}${decodeURIComponent(r.search)}`.includes('wc/store/v1/cart') && r.method === 'GET';
  const rows = [];
  try {
    for (const [name, path] of [
      ['a page that is not WooCommerce (/)', ''],
      ['a WooCommerce page (/woo/)', 'woo/'],
      ['a WooCommerce block-theme page (/woo-blocks/)', 'woo-blocks/'],
    ]) {
      const files = [];
      const reads = [];
      const evaluation = [];
      for (let run = 0; run < 5; run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await clear();
        const { events } = await withTrace(page, async () => {
          await page.goto(`${demo.shopUrl}${path}`);
          await page.waitForFunction(() => window.alhenaCart?.flush);
          await page.evaluate(() => window.alhenaCart.flush());
          await page.waitForTimeout(800);
        });
        const list = await requests();
        files.push(count(list, isFile));
        reads.push(count(list, isRead));
        const ours = events.filter(
          (e) => e.ph === 'X' && e.name === 'EvaluateScript' && e.args?.data?.url?.endsWith('/alhena-cart.woocommerce.min.js'),
        );
        evaluation.push(ours.reduce((sum, e) => sum + e.tdur / 1000, 0));
        await context.close();
      }
      rows.push({ name, file: median(files), reads: median(reads), evaluation: median(evaluation) });
    }
    // A burst: five of WooCommerce's jQuery events in one task (cart.js fires updated_wc_div and updated_cart_totals
    // together), then one more while that read is in flight.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${demo.shopUrl}woo/`);
    await page.waitForFunction(() => window.alhenaCart?.flush);
    await page.waitForTimeout(800);
    await clear();
    await page.evaluate(() => {
      for (const name of ['added_to_cart', 'updated_wc_div', 'updated_cart_totals', 'removed_from_cart', 'added_to_cart'])
        document[`on${name}`]?.({ type: name });
    });
    await page.waitForTimeout(800);
    const burst = count(await requests(), isRead);
    await clear();
    await page.evaluate(async () => {
      document.onadded_to_cart?.({ type: 'added_to_cart' });
      await new Promise((resolve) => setTimeout(resolve, 120)); // the read has left
      document.onupdated_wc_div?.({ type: 'updated_wc_div' });
      document.onupdated_wc_div?.({ type: 'updated_wc_div' });
    });
    await page.waitForTimeout(1000);
    const during = count(await requests(), isRead);
    await context.close();
    return { rows, burst, during };
  } finally {
    await demo.close();
  }
}

const sink = await startSink();
const store = await startStore(sink.url);
const browser = await chromium.launch({ ...CHROMIUM, headless: true });
try {
  const rows = {
    'alhena-cart.min.js': await measure(browser, store, sink, 'sdk', 'sdk.js'),
    'floor (15-line fetch keepalive)': await measure(browser, store, sink, 'floor', 'floor.js'),
  };
  const f = (n) => `${n.toFixed(2)} ms`;
  console.log(
    `\nBenchmark: headless Chromium; evaluation: median of ${TRACED_LOADS} page loads; calls and delivery: median of ${RUNS} runs; page exit: ${EXIT_TRIALS} trials each\n`,
  );
  console.log(
    '| | evaluation + init | then, in later tasks | 1,000 trackCartEvent calls, fresh page | their whole task | 1,000 more, warm (wall) | 1,000 delivered (local sink) | delivered in order | page exit, sink answers at once | page exit, sink answers after 2 s |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, r] of Object.entries(rows)) {
    console.log(
      `| ${name} | ${f(r.init)} (wall ${f(r.initWall)}) | ${f(r.after)} | ${f(r.calls)} (wall ${f(r.callsWall)}) | ${f(r.task)} | ${f(r.warm)} | ${r.delivered} ms | ${r.inOrder ? 'yes' : 'no'} | ${r.exitFast} | ${r.exitSlow} |`,
    );
  }
  console.log(`
Times are main-thread CPU time from a DevTools trace, wall time beside them: on this 2-core machine a
task's wall time also counts the moments its thread waited for a core (the GC's helper threads, the
browser's other processes).
Evaluation + init: the file's "Evaluate Script", loaded as the README installs it (<script async src>).
Later tasks: what its code then runs until the page is idle, before any call (the deferred start).
Calls: one synchronous loop in a task of its own, as a page's handler would make them; their whole task
adds the microtasks they leave (the SDK writes the 1,000 events to localStorage there).`);
  console.log(
    '\nTargets: evaluation + init < 2 ms; 1,000 calls < 25 ms of main-thread time; all 1,000 delivered in order; no loss at page exit.',
  );
  const woo = await measureWooCommerce(browser);
  console.log("\nWooCommerce (the demo's stand-in store; median of 5 page loads; requests from the shop server's own record)\n");
  console.log("| page | requests for alhena-cart.woocommerce.min.js | cart reads (GET …/wc/store/v1/cart) | its file's evaluation |");
  console.log('|---|---|---|---|');
  for (const row of woo.rows) console.log(`| ${row.name} | ${row.file} | ${row.reads} | ${f(row.evaluation)} |`);
  console.log(
    `\nFive signals in one task: ${woo.burst} cart read(s). A signal, then two more while its read is in flight: ${woo.during} cart read(s).`,
  );
  console.log(
    'Targets: no extra request on a page that is not WooCommerce; one file request and one cart read per WooCommerce page; one read per burst, at most one more for signals during a read.',
  );
} finally {
  await browser.close();
  await store.close();
  await sink.close();
}
