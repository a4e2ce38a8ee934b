#!/usr/bin/env node
// The built package must import in plain Node (server-side rendering) without a window or document,
// without touching globals, and answer calls without throwing.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

assert.equal(typeof window, 'undefined');
const before = Object.getOwnPropertyNames(globalThis).sort();

const esm = await import('../dist/index.mjs');
const cjs = createRequire(import.meta.url)('../dist/index.cjs');

for (const [name, sdk] of [
  ['ESM', esm],
  ['CJS', cjs],
]) {
  for (const fn of ['init', 'createTracker', 'trackCartEvent', 'trackCheckout', 'getFingerprints', 'flush', 'shutdown']) {
    assert.equal(typeof sdk[fn], 'function', `${name} exports ${fn}`);
  }
  const result = await sdk.createTracker({ companyKey: 'acme' }).trackCheckout({ value: 1, currency: 'USD', lineItems: [] });
  assert.equal(result.status, 'dropped', `${name}: a call during SSR resolves without sending`);
  assert.equal(await sdk.getFingerprints(), null);
}
assert.deepEqual(Object.getOwnPropertyNames(globalThis).sort(), before, 'no global was added');
console.log('SSR import: ESM and CJS builds import in Node without touching globals');
