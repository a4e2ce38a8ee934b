#!/usr/bin/env node
// The built files must parse as the ECMAScript version the README's browser support rests on, and call
// no built-in newer than it: a newer syntax or built-in fails here rather than on a shopper's older phone.
// - The script tag bundles ky, which is ES2022 (private methods) and calls `Object.hasOwn` on every
//   request: Chrome and Edge 93+, Firefox 92+, Safari 15.4+. Nothing newer may slip in (class static
//   blocks are Safari 16.4, `findLast` Safari 15.4 but Firefox 104).
// - The CommonJS builds carry ky too (it is published as ES modules only): ES2022, likewise.
// - The ES module builds hold only the SDK's own code (ky and valibot stay dependencies): ES2021.
import { readFileSync } from 'node:fs';
import { parse } from 'acorn';
import { simple } from 'acorn-walk';

const ES2022_BUILT_INS = /\.(at)\(|\bObject\.hasOwn\b/g;
const ES2023_AND_LATER_BUILT_INS =
  /\.(findLast|findLastIndex|toSorted|toReversed|toSpliced|with)\(|\b(Object\.groupBy|Map\.groupBy|structuredClone|Array\.fromAsync|Promise\.withResolvers)\b/g;

const withKy = { ecmaVersion: 2022, newer: [ES2023_AND_LATER_BUILT_INS] };
const ownCode = { ecmaVersion: 2021, newer: [ES2022_BUILT_INS, ES2023_AND_LATER_BUILT_INS] };
const FILES = [
  { file: 'dist/alhena-cart.min.js', sourceType: 'script', ...withKy },
  // The inspector's file holds the SDK's own code and valibot, no ky: it runs wherever the tag does.
  { file: 'dist/alhena-cart.inspector.min.js', sourceType: 'script', ...withKy },
  // A platform's file holds the SDK's own code only: it runs wherever the tag does.
  ...['woocommerce', 'magento', 'bigcommerce', 'prestashop'].map((name) => ({
    file: `dist/alhena-cart.${name}.min.js`,
    sourceType: 'script',
    ...withKy,
  })),
  // The pre-load snippet runs before anything: the SDK's own code only.
  { file: 'dist/alhena-cart.snippet.min.js', sourceType: 'script', ...ownCode },
  { file: 'dist/index.cjs', sourceType: 'script', ...withKy },
  { file: 'dist/server.cjs', sourceType: 'script', ...withKy },
  { file: 'dist/index.mjs', sourceType: 'module', ...ownCode },
  { file: 'dist/server.mjs', sourceType: 'module', ...ownCode },
  { file: 'dist/inspector.mjs', sourceType: 'module', ...ownCode },
];

let failed = false;
for (const { file, sourceType, ecmaVersion, newer } of FILES) {
  const code = readFileSync(file, 'utf8');
  try {
    const ast = parse(code, { ecmaVersion, sourceType });
    // ES2022 syntax that the browsers above still lack.
    simple(ast, {
      StaticBlock() {
        throw new Error('it has a class static block (Safari 16.4)');
      },
    });
    const calls = [...new Set(newer.flatMap((pattern) => code.match(pattern) ?? []))];
    if (calls.length) throw new Error(`it calls ${calls.join(', ')} (newer than ES${ecmaVersion})`);
    console.log(`✓ ${file} is ES${ecmaVersion}, syntax and built-ins`);
  } catch (error) {
    failed = true;
    console.log(`✗ ${file} is not ES${ecmaVersion}: ${error.message}`);
  }
}
process.exit(failed ? 1 : 0);
