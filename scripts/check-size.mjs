#!/usr/bin/env node
// Size budgets, checked in the test command. Prints the figures; fails when a build outgrows its budget.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { explore } from 'source-map-explorer';
import virtual from './rollup-virtual.mjs';

/** At most 5 % above the measured figures (see the README), so that growth is a decision, not a drift. */
const TAG = 'dist/alhena-cart.min.js (script tag, everything inside)';
const CHECKOUT_ONLY = 'ESM, only trackCheckout imported (tree-shaken, with ky and valibot, minified)';
const CAPTURE = 'ESM, init from @alhena/cart-events/capture (tree-shaken, minified)';
const INSPECTOR = 'dist/alhena-cart.inspector.min.js (the inspector panel, loaded only when asked for)';
const SNIPPET = 'dist/alhena-cart.snippet.min.js (the pre-load snippet, inline on every page)';
/** Each platform's file, loaded only on that platform, with its budget. */
const PLATFORMS = { WooCommerce: 2_700, Magento: 3_000, BigCommerce: 3_000, PrestaShop: 3_000 };
const platformFile = (name) => `dist/alhena-cart.${name.toLowerCase()}.min.js`;
const platformLabel = (name) => `${platformFile(name)} (${name}’s code, loaded only on ${name})`;
const BUDGETS = {
  [TAG]: 27_700,
  [CHECKOUT_ONLY]: 21_700,
  [CAPTURE]: 26_600,
  [INSPECTOR]: 11_300,
  [SNIPPET]: 310,
  ...Object.fromEntries(Object.entries(PLATFORMS).map(([name, budget]) => [platformLabel(name), budget])),
};
/** The targets (issue 19): 20 kB for the tag, 17 kB for an app that only reports orders; 3 kB for a platform's file. */
const TARGETS = {
  [TAG]: 20_000,
  [CHECKOUT_ONLY]: 17_000,
  ...Object.fromEntries(Object.keys(PLATFORMS).map((name) => [platformLabel(name), 3_000])),
};
/** Text only capture holds (its attributes, fingerprint forms, the GA4 bridge): none of it may be in an app that does not import capture. */
const CAPTURE_MARKERS = ['data-alhena-action', 'data-alhena-order', 'formnovalidate', 'add_to_cart', 'remove_from_cart'];

const gzip = (code) => gzipSync(code, { level: 9 }).length;

/**
 * What an app's bundler makes of `entry`: the code the app loads at once (the entry chunk and what it
 * imports statically), and apart, the chunks it loads only on demand (dynamic imports).
 */
async function treeShaken(entry) {
  const bundle = await rollup({ input: 'entry', plugins: [virtual({ entry }), nodeResolve({ browser: true }), terser({ ecma: 2022 })] });
  const { output } = await bundle.generate({ format: 'es' });
  const chunks = new Map(output.filter((item) => item.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
  const loaded = new Set();
  const visit = (chunk) => {
    if (loaded.has(chunk)) return;
    loaded.add(chunk);
    for (const name of chunk.imports) visit(chunks.get(name));
  };
  visit(output[0]);
  const onDemand = [...chunks.values()].filter((chunk) => !loaded.has(chunk));
  return { code: [...loaded].map((chunk) => chunk.code).join('\n'), onDemand: onDemand.map((chunk) => chunk.code).join('\n') };
}

const iife = readFileSync('dist/alhena-cart.min.js', 'utf8');
const inspector = readFileSync('dist/alhena-cart.inspector.min.js', 'utf8');
const dist = (file) => new URL(`../dist/${file}`, import.meta.url).pathname;
const checkoutOnly = await treeShaken(`export { trackCheckout } from '${dist('index.mjs')}';`);
const withCapture = await treeShaken(`export { init } from '${dist('capture.mjs')}';`);
const figures = [
  [TAG, iife],
  [CHECKOUT_ONLY, checkoutOnly.code],
  [CAPTURE, withCapture.code],
  [INSPECTOR, inspector],
  [SNIPPET, readFileSync('dist/alhena-cart.snippet.min.js', 'utf8')],
  ...Object.keys(PLATFORMS).map((name) => [platformLabel(name), readFileSync(platformFile(name), 'utf8')]),
];
let failed = false;
for (const [name, code] of figures) {
  const size = gzip(code);
  const budget = BUDGETS[name];
  const ok = size <= budget;
  failed ||= !ok;
  const target = TARGETS[name];
  const versus = target
    ? `; target ${(target / 1000).toFixed(1)} kB ${size <= target ? 'met' : `not met, ${((size - target) / 1000).toFixed(2)} kB over`}`
    : '';
  console.log(
    `${ok ? '✓' : '✗'} ${name}: ${(code.length / 1000).toFixed(1)} kB minified, ${(size / 1000).toFixed(2)} kB gzip (budget ${(budget / 1000).toFixed(1)} kB${versus})`,
  );
}
console.log(
  `  the trackCheckout-only app's chunks loaded on demand only (capture when autoTrack or dataLayer is on, the inspector when asked for): ${(gzip(checkoutOnly.onDemand) / 1000).toFixed(2)} kB gzip`,
);
const leaked = CAPTURE_MARKERS.filter((marker) => checkoutOnly.code.includes(marker));
failed ||= leaked.length > 0;
console.log(
  leaked.length
    ? `✗ capture code in the trackCheckout-only app: ${leaked.join(', ')}`
    : `✓ no capture code in the trackCheckout-only app (none of ${CAPTURE_MARKERS.join(', ')}); with capture: ${CAPTURE_MARKERS.filter((marker) => withCapture.code.includes(marker)).length} of ${CAPTURE_MARKERS.length}`,
);
// What each dependency costs the script tag: its share of the minified bytes (from the source map), and
// that share of the gzip size (gzip compresses the whole file, so a part's gzip size is an estimate).
const { bundles } = await explore(
  { code: 'dist/alhena-cart.min.js', map: 'dist/alhena-cart.min.js.map' },
  { output: { format: 'json' }, noBorderChecks: true },
);
/** The script tag's bytes by part: ky, valibot, and each folder of src/ (capture, delivery, tracker, …). */
const parts = new Map();
for (const [file, { size }] of Object.entries(bundles[0].files)) {
  const part =
    /node_modules\/(ky|valibot)\//.exec(file)?.[1] ?? /src\/([^/]+)\//.exec(file)?.[1] ?? (file.includes('src/') ? 'entries' : 'other');
  parts.set(part, (parts.get(part) ?? 0) + size);
}
const iifeGzip = gzip(iife);
for (const [part, bytes] of [...parts].sort((a, b) => b[1] - a[1])) {
  console.log(
    `  of which ${part}: ${(bytes / 1000).toFixed(1)} kB minified, about ${(((bytes / iife.length) * iifeGzip) / 1000).toFixed(2)} kB of the gzip size`,
  );
}
// The public types are written out (src/types.ts): none of valibot's declarations may be inlined into them.
const declarations = readdirSync('dist', { recursive: true }).filter((file) => String(file).endsWith('.d.ts'));
const inlined = declarations.filter((file) => /\bBaseSchema\b|\bBaseIssue\b/.test(readFileSync(`dist/${file}`, 'utf8')));
const typesBytes = declarations.reduce((total, file) => total + readFileSync(`dist/${file}`, 'utf8').length, 0);
failed ||= inlined.length > 0;
console.log(
  inlined.length
    ? `✗ valibot's declarations inlined in ${inlined.join(', ')}`
    : `✓ types: ${declarations.length} .d.ts files, ${(typesBytes / 1000).toFixed(1)} kB, none of valibot's declarations inside`,
);
// The SRI manifest a store pins the versioned files with: each hash must be its file's, and the hashes the tag
// carries for the files it loads beside itself (all but the tag and the snippet) the same.
const sri = JSON.parse(readFileSync('dist/alhena-cart.sri.json', 'utf8'));
const wrongHashes = Object.entries(sri).filter(
  ([file, hash]) =>
    hash !==
      `sha384-${createHash('sha384')
        .update(readFileSync(`dist/${file}`))
        .digest('base64')}` ||
    (!['alhena-cart.min.js', 'alhena-cart.snippet.min.js'].includes(file) && !iife.includes(hash)),
);
failed ||= wrongHashes.length > 0 || !sri['alhena-cart.min.js'];
console.log(
  wrongHashes.length
    ? `✗ dist/alhena-cart.sri.json: wrong or missing in the tag for ${wrongHashes.map(([file]) => file).join(', ')}`
    : `✓ dist/alhena-cart.sri.json: the SRI hashes of ${Object.keys(sri).length} files, each its file's, the tag carrying those of the files it loads`,
);
process.exit(failed ? 1 : 0);
