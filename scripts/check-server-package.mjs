#!/usr/bin/env node
// The server entry as a store's server uses it, from the built package: plain Node ESM and CJS scripts
// import `@alhena/cart-events/server` and report an order to a local API sandbox; the same code runs
// with only the web platform's globals (as edge functions have: no process, require or Buffer); and
// its types check without the DOM library.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { startSandbox } from '../sandbox/index.mjs';

// Not execFileSync: the sandbox runs in this process and must answer meanwhile.
const run = async (file, ...args) => JSON.parse((await promisify(execFile)('node', [file, ...args], { encoding: 'utf8' })).stdout.trim());

/** The built server entry and its dependencies as one script, evaluated with web globals only. */
async function inEdgeRuntime(apiBaseUrl, orderId) {
  const bundle = await rollup({ input: 'dist/server.mjs', plugins: [nodeResolve()], logLevel: 'silent' });
  const { output } = await bundle.generate({ format: 'iife', name: 'alhenaServer' });
  const web = [
    'fetch',
    'Request',
    'Response',
    'Headers',
    'FormData',
    'AbortController',
    'AbortSignal',
    'DOMException',
    'URL',
    'URLSearchParams',
    'TextEncoder',
    'TextDecoder',
    'ReadableStream',
    'crypto',
    'setTimeout',
    'clearTimeout',
    'console',
  ];
  const context = Object.fromEntries(web.map((name) => [name, globalThis[name]]));
  runInNewContext(`${output[0].code}\nthis.alhenaServer = alhenaServer;`, context);
  assert.equal(context.process, undefined);
  const { createServerClient } = context.alhenaServer;
  const order = { orderId, value: 25, currency: 'USD', lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 25 }] };
  const fingerprints = { user: '550e8400-e29b-41d4-a716-446655440000', faq: '660e8400-e29b-41d4-a716-446655441111' };
  return createServerClient({ companyKey: 'acme', apiBaseUrl }).trackCheckout(order, fingerprints);
}

const api = await startSandbox({ port: 0 });
try {
  const results = [
    await run('scripts/server-package/report.mjs', api.url, 'ORD-ESM'),
    await run('scripts/server-package/report.cjs', api.url, 'ORD-CJS'),
    await inEdgeRuntime(api.url, 'ORD-EDGE'),
  ];
  assert.deepEqual(
    results.map((r) => r.status),
    ['recorded', 'recorded', 'recorded'],
  );
  assert.deepEqual(
    api.requests().map((r) => [r.path, r.body.orderId, r.body.user_fingerprint]),
    ['ORD-ESM', 'ORD-CJS', 'ORD-EDGE'].map((id) => ['/analytics/checkout_events', id, '550e8400-e29b-41d4-a716-446655440000']),
  );
} finally {
  await api.close();
}
execFileSync('node_modules/.bin/tsc', ['-p', 'scripts/server-package/tsconfig.json'], { stdio: 'inherit' });
console.log('server entry: plain Node ESM and CJS, and web globals only (edge), each reported an order; its types check without the DOM');
