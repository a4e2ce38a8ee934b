#!/usr/bin/env node
// 1,000 concurrent server calls against a local Node HTTP server standing in for the API (each answer after
// 20 ms): peak sockets open at the server, requests in flight, memory growth and total time, with the
// default maxConcurrent (16) and with no practical limit (what the client did before it had one).
// Usage: npm run build && node bench/server.mjs [--calls 1000] [--latency 20]. Numbers are for
// this machine, not assertions.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createServerClient } from '../dist/server.mjs';

const arg = (name, fallback) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const CALLS = arg('calls', 1_000);
const LATENCY_MS = arg('latency', 20);
const FP = { user: '550e8400-e29b-41d4-a716-446655440000', faq: '660e8400-e29b-41d4-a716-446655441111' };
const SUCCESS = '{"status":"success","event_type":"CART_EVENT_RECORDED"}';

async function startApi() {
  const sockets = new Set();
  let inFlight = 0;
  const peaks = { sockets: 0, inFlight: 0 };
  const server = createServer((request, response) => {
    inFlight++;
    peaks.inFlight = Math.max(peaks.inFlight, inFlight);
    request.resume();
    request.on('end', () =>
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(SUCCESS);
        inFlight--;
      }, LATENCY_MS),
    );
  });
  // The default backlog (511) would refuse part of 1,000 connections at once.
  server.on('connection', (socket) => {
    sockets.add(socket);
    peaks.sockets = Math.max(peaks.sockets, sockets.size);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4_096 }, resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    peaks,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

const heapMb = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

async function run(label, maxConcurrent) {
  const api = await startApi();
  const alhena = createServerClient({ companyKey: 'bench', apiBaseUrl: api.url, maxConcurrent });
  const heapBefore = heapMb();
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss / 2 ** 20);
  }, 5);
  const started = Date.now();
  const results = await Promise.all(
    Array.from({ length: CALLS }, (_, i) =>
      alhena.trackCartEvent(
        { type: 'ITEM_ADDED', productId: `SKU-${i}`, productName: 'Shoe', value: 10, currency: 'USD', quantity: 1 },
        FP,
      ),
    ),
  );
  const totalMs = Date.now() - started;
  clearInterval(sampler);
  const counts = {};
  for (const { status, code } of results)
    counts[code ? `${status}/${code}` : status] = (counts[code ? `${status}/${code}` : status] ?? 0) + 1;
  await api.close();
  console.log(
    [
      `${label}:`,
      `  results ${JSON.stringify(counts)}`,
      `  peak sockets open at the server ${api.peaks.sockets}, peak requests in flight ${api.peaks.inFlight}`,
      `  memory: rss +${(rssPeak - rssBefore).toFixed(0)} MB at peak; heap retained once settled +${(heapMb() - heapBefore).toFixed(1)} MB`,
      `  total time ${totalMs} ms`,
    ].join('\n'),
  );
}

// Each configuration in a process of its own, so that neither inherits the other's memory or connections.
const only = arg('only', 0);
if (only) {
  await run(only === CALLS ? `maxConcurrent ${CALLS} (no practical limit, as before)` : `maxConcurrent ${only}`, only);
} else {
  console.log(`${CALLS} concurrent trackCartEvent calls, API answering after ${LATENCY_MS} ms, Node ${process.version}`);
  for (const maxConcurrent of [16, CALLS]) {
    const args = ['--expose-gc', fileURLToPath(import.meta.url), '--calls', CALLS, '--latency', LATENCY_MS, '--only', maxConcurrent];
    execFileSync(process.execPath, args.map(String), { stdio: 'inherit' });
  }
}
