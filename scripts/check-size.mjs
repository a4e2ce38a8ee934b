#!/usr/bin/env node
// Size budgets, checked in the test command. Prints the figures; fails when a build outgrows its budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { explore } from 'source-map-explorer';
import virtual from './rollup-virtual.mjs';

/** At most 5 % above the measured figures (see the README), so that growth is a decision, not a drift. */
const BUDGETS = {
  'dist/alhena-cart.min.js (script tag, everything inside)': 22_300,
  'ESM, only trackCheckout imported (tree-shaken, with ky and valibot, minified)': 21_200,
};
/** The product's goal for the script tag; not reachable with every feature and valibot in (README, Size). */
const GOAL = 10_000;

const gzip = (code) => gzipSync(code, { level: 9 }).length;

async function treeShaken(entry) {
  const bundle = await rollup({ input: 'entry', plugins: [virtual({ entry }), nodeResolve({ browser: true }), terser({ ecma: 2022 })] });
  const { output } = await bundle.generate({ format: 'es' });
  return output[0].code;
}

const iife = readFileSync('dist/alhena-cart.min.js', 'utf8');
const esm = await treeShaken(`export { trackCheckout } from '${new URL('../dist/index.mjs', import.meta.url).pathname}';`);
const figures = [
  ['dist/alhena-cart.min.js (script tag, everything inside)', iife],
  ['ESM, only trackCheckout imported (tree-shaken, with ky and valibot, minified)', esm],
];
let failed = false;
for (const [name, code] of figures) {
  const size = gzip(code);
  const budget = BUDGETS[name];
  const ok = size <= budget;
  failed ||= !ok;
  console.log(
    `${ok ? '✓' : '✗'} ${name}: ${(code.length / 1000).toFixed(1)} kB minified, ${(size / 1000).toFixed(2)} kB gzip (budget ${(budget / 1000).toFixed(1)} kB)`,
  );
}
// What each dependency costs the script tag: its share of the minified bytes (from the source map), and
// that share of the gzip size (gzip compresses the whole file, so a part's gzip size is an estimate).
const { bundles } = await explore(
  { code: 'dist/alhena-cart.min.js', map: 'dist/alhena-cart.min.js.map' },
  { output: { format: 'json' }, noBorderChecks: true },
);
const shares = { ky: 0, valibot: 0 };
for (const [file, { size }] of Object.entries(bundles[0].files)) {
  for (const dependency of Object.keys(shares)) if (file.includes(`node_modules/${dependency}/`)) shares[dependency] += size;
}
const iifeGzip = gzip(iife);
for (const [dependency, bytes] of Object.entries(shares)) {
  console.log(
    `  of which ${dependency}: ${(bytes / 1000).toFixed(1)} kB minified, about ${(((bytes / iife.length) * iifeGzip) / 1000).toFixed(2)} kB of the gzip size`,
  );
}
console.log(
  `  goal for the script tag: ${GOAL / 1000} kB gzip, ${iifeGzip <= GOAL ? 'met' : `not met (${((iifeGzip - GOAL) / 1000).toFixed(2)} kB over; where the bytes go: README, Size)`}`,
);
process.exit(failed ? 1 : 0);
