#!/usr/bin/env node
// Benchmarks the built script-tag bundle in headless Chromium beside a hand-written keepalive sender (the floor).
// Usage: npm run bench [-- --runs 7]. Prints medians; numbers are for this machine, not assertions.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../e2e/chromium.mjs';
import { startSink } from './sink.mjs';

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const CALLS = 1000;
const EXIT_TRIALS = 10;
const bundle = readFileSync(new URL('../dist/alhena-cart.min.js', import.meta.url), 'utf8');
const floor = readFileSync(new URL('./floor.js', import.meta.url), 'utf8');
const FP = { user: '550e8400-e29b-41d4-a716-446655440000', faq: '660e8400-e29b-41d4-a716-446655441111' };
const widget = `window.gleenWidget = { getFingerprint: () => '${FP.user}', getFAQFingerprint: () => '${FP.faq}' };`;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The store's pages, on their own origin: one per tracker under test, and a page to navigate to. */
async function startStore(sinkUrl) {
  const pages = {
    sdk: `<!doctype html><script>${widget}</script><script>window.__t0 = performance.now();</script>
<script data-company-key="bench" data-api-base-url="${sinkUrl}" data-auto-track="false">${bundle}</script>
<script>window.__init = performance.now() - window.__t0; window.tracker = window.alhenaCart;</script>`,
    floor: `<!doctype html><script>${widget}</script><script>window.FLOOR_API = '${sinkUrl}'; window.__t0 = performance.now();</script>
<script>${floor}</script><script>window.__init = performance.now() - window.__t0; window.tracker = window.floorCart;</script>`,
    next: '<!doctype html><title>next</title>',
  };
  const server = createServer((req, res) => {
    const name = new URL(req.url, 'http://x').pathname.slice(1);
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

const event = (i) => ({ type: 'ITEM_ADDED', productId: `P-${i}`, productName: 'Bench product', value: 9.99, currency: 'USD', quantity: 1 });

/** Main-thread time of CALLS trackCartEvent calls in one synchronous loop, as a page handler would make them. */
const timeCalls = (page, prefix) =>
  page.evaluate(
    ([n, p]) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        window.tracker.trackCartEvent({
          type: 'ITEM_ADDED',
          productId: `${p}-${i}`,
          productName: 'Bench product',
          value: 9.99,
          currency: 'USD',
          quantity: 1,
        });
      }
      return performance.now() - t0;
    },
    [CALLS, prefix],
  );

async function measure(browser, store, sink, name) {
  const init = [];
  const calls = [];
  const warm = [];
  const delivered = [];
  let inOrder = true;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    sink.reset();
    sink.setDelay(0);
    await page.goto(`${store.origin}/${name}`);
    init.push(await page.evaluate(() => window.__init));
    const started = Date.now();
    calls.push(await timeCalls(page, 'P'));
    while (sink.received.length < CALLS && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 5));
    delivered.push(Date.now() - started);
    const ids = sink.received.map((b) => b?.product_id);
    if (ids.length !== CALLS || ids.some((id, i) => id !== event(i).productId)) inOrder = false;
    // The same page again: the code is compiled and warm now (steady state rather than first use).
    warm.push(await timeCalls(page, 'W'));
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
      await page.evaluate(
        ([e, next]) => {
          window.tracker.trackCartEvent(e);
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
    calls: median(calls),
    warm: median(warm),
    delivered: median(delivered),
    inOrder,
    exitFast: exit[0],
    exitSlow: exit[2000],
  };
}

const sink = await startSink();
const store = await startStore(sink.url);
const browser = await chromium.launch({ ...CHROMIUM, headless: true });
try {
  const rows = {
    'alhena-cart.min.js': await measure(browser, store, sink, 'sdk'),
    'floor (15-line fetch keepalive)': await measure(browser, store, sink, 'floor'),
  };
  const f = (n) => `${n.toFixed(2)} ms`;
  console.log(`\nBenchmark: headless Chromium, median of ${RUNS} runs; page exit: ${EXIT_TRIALS} trials each\n`);
  console.log(
    '| | evaluation + init | 1,000 trackCartEvent calls, fresh page | 1,000 more, warm | 1,000 delivered (local sink) | delivered in order | page exit, sink answers at once | page exit, sink answers after 2 s |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, r] of Object.entries(rows)) {
    console.log(
      `| ${name} | ${f(r.init)} | ${f(r.calls)} | ${f(r.warm)} | ${r.delivered} ms | ${r.inOrder ? 'yes' : 'no'} | ${r.exitFast} | ${r.exitSlow} |`,
    );
  }
  console.log(
    '\nTargets: evaluation + init < 2 ms; 1,000 calls < 25 ms of main-thread time; all 1,000 delivered in order; no loss at page exit.',
  );
} finally {
  await browser.close();
  await store.close();
  await sink.close();
}
