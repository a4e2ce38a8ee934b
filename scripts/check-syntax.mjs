#!/usr/bin/env node
// The built files must parse as ES2021: that is what the README's browser support (Chrome and Edge 85+,
// Firefox 79+, Safari 14+) rests on. A newer syntax slipping in (class fields, `#private`, static blocks,
// top-level await) fails here rather than on a shopper's older phone.
import { readFileSync } from 'node:fs';
import { parse } from 'acorn';

const FILES = [
  ['dist/alhena-cart.min.js', 'script'],
  ['dist/index.mjs', 'module'],
  ['dist/index.cjs', 'script'],
];

let failed = false;
for (const [file, sourceType] of FILES) {
  try {
    parse(readFileSync(file, 'utf8'), { ecmaVersion: 2021, sourceType });
    console.log(`✓ ${file} parses as ES2021`);
  } catch (error) {
    failed = true;
    console.log(`✗ ${file} is not ES2021: ${error.message}`);
  }
}
process.exit(failed ? 1 : 0);
