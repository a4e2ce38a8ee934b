#!/usr/bin/env node
// Nothing in the SDK may run strings as code or write markup: no eval, new Function, string timers,
// innerHTML/outerHTML, insertAdjacentHTML or document.write, in src/ or in the built bundles
// (which include valibot). This is what lets the SDK run under a strict Content Security Policy.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FORBIDDEN = [
  [/\beval\s*\(/, 'eval('],
  [/\bnew\s+Function\s*\(/, 'new Function('],
  [/\b(setTimeout|setInterval)\s*\(\s*['"`]/, 'a string timer'],
  [/\.(innerHTML|outerHTML)\b/, 'innerHTML/outerHTML'],
  [/\binsertAdjacentHTML\b/, 'insertAdjacentHTML'],
  [/\bdocument\.write(ln)?\s*\(/, 'document.write'],
];

const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });

const targets = [
  ...files('src').filter((f) => f.endsWith('.ts')),
  ...[
    'alhena-cart.min.js',
    'alhena-cart.woocommerce.min.js',
    'alhena-cart.magento.min.js',
    'alhena-cart.bigcommerce.min.js',
    'alhena-cart.prestashop.min.js',
    'alhena-cart.snippet.min.js',
    'alhena-cart.inspector.min.js',
    'index.mjs',
    'index.cjs',
    'server.mjs',
    'server.cjs',
  ].map((name) => `dist/${name}`),
];
let problems = 0;
for (const file of targets) {
  const text = readFileSync(file, 'utf8');
  for (const [pattern, what] of FORBIDDEN) {
    const match = pattern.exec(text);
    if (match) {
      problems++;
      const line = text.slice(0, match.index).split('\n').length;
      console.error(`${file}:${line}: ${what}`);
    }
  }
}
if (problems) process.exit(1);
console.log(`source check: no eval, new Function, string timers or HTML writes in ${targets.length} files`);
