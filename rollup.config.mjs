import { readFileSync } from 'node:fs';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';
import lazyCore from './scripts/rollup-lazy-core.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const banner = `/*! @alhena/cart-events v${version} */`;
const ts = () => typescript({ tsconfig: './tsconfig.json', compilerOptions: { noEmit: false, declaration: false } });

export default [
  // Script tag: one minified file with valibot inside. The SDK's code is wrapped in a function
  // that runs on the first call or just after the file is evaluated (scripts/rollup-lazy-core.mjs).
  {
    input: 'src/script-tag.ts',
    output: { file: 'dist/alhena-cart.min.js', format: 'iife', banner, sourcemap: true },
    plugins: [
      lazyCore({ entry: 'src/script-tag-core.ts', plugins: () => [nodeResolve({ browser: true }), ts()] }),
      nodeResolve({ browser: true }),
      ts(),
      // `(function(){…})()` rather than `!function(){…}()`: V8 compiles a parenthesized function while streaming the file, off the main thread.
      terser({ ecma: 2021, compress: { negate_iife: false }, format: { comments: /^!/, wrap_iife: true } }),
    ],
  },
  // npm: the browser entry and the server entry, ESM and CJS; ky and valibot stay dependencies so
  // bundlers share them with the app.
  ...['index', 'server'].flatMap((entry) => [
    {
      input: `src/${entry}.ts`,
      external: ['valibot', 'ky'],
      output: { file: `dist/${entry}.mjs`, format: 'es', banner, sourcemap: true },
      plugins: [ts()],
    },
    // ky is published as ES modules only: `require()` cannot load it before Node 20.19, so the CJS
    // builds carry their own copy.
    {
      input: `src/${entry}.ts`,
      external: ['valibot'],
      output: { file: `dist/${entry}.cjs`, format: 'cjs', banner, sourcemap: true },
      plugins: [nodeResolve(), ts()],
    },
    // Types, with valibot's inlined so users need not install it to type-check.
    {
      input: `src/${entry}.ts`,
      output: [
        { file: `dist/${entry}.d.ts`, format: 'es' },
        // The same types for `require`: TypeScript reads a .d.ts in a "type": "module" package as ESM.
        { file: `dist/${entry}.d.cts`, format: 'es' },
      ],
      plugins: [dts({ respectExternal: true })],
    },
  ]),
];
