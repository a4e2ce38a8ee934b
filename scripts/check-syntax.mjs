#!/usr/bin/env node
// The built files must be ES2021: that is what the README's browser support (Chrome and Edge 85+,
// Firefox 79+, Safari 14+) rests on. A newer syntax slipping in (class fields, `#private`, static blocks,
// top-level await) fails here rather than on a shopper's older phone, and so does a call to a built-in
// those browsers lack (`.at()` is Chrome 92 and Safari 15.4), which parses but throws there.
import { readFileSync } from 'node:fs';
import { parse } from 'acorn';

const FILES = [
  ['dist/alhena-cart.min.js', 'script'],
  ['dist/index.mjs', 'module'],
  ['dist/index.cjs', 'script'],
];
/** ES2022 and later built-ins, as a minified file calls them. */
const NEWER_BUILT_INS =
  /\.(at|findLast|findLastIndex|toSorted|toReversed|toSpliced|with)\(|\b(Object\.hasOwn|Object\.groupBy|Map\.groupBy|structuredClone|Array\.fromAsync|Promise\.withResolvers)\b/g;

let failed = false;
for (const [file, sourceType] of FILES) {
  const code = readFileSync(file, 'utf8');
  try {
    parse(code, { ecmaVersion: 2021, sourceType });
    const calls = [...new Set(code.match(NEWER_BUILT_INS))];
    if (calls.length) throw new Error(`it calls ${calls.join(', ')} (ES2022 or later)`);
    console.log(`✓ ${file} is ES2021, syntax and built-ins`);
  } catch (error) {
    failed = true;
    console.log(`✗ ${file} is not ES2021: ${error.message}`);
  }
}
process.exit(failed ? 1 : 0);
