import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';
import fileHashes, { sriManifest } from './scripts/rollup-file-hashes.mjs';
import lazyCore from './scripts/rollup-lazy-core.mjs';
import virtual from './scripts/rollup-virtual.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const banner = `/*! @alhena/cart-events v${version} */`;
const ENTRIES = { index: 'src/index.ts', capture: 'src/capture.ts', inspector: 'src/inspect.ts', server: 'src/server.ts' };
const ts = () => typescript({ tsconfig: './tsconfig.json', compilerOptions: { noEmit: false, declaration: false } });
/** The platforms whose code is a file of its own beside the tag (`dist/alhena-cart.<platform>.min.js`). */
const PLATFORMS = {
  woocommerce: 'startWooCommerce',
  magento: 'startMagento',
  bigcommerce: 'startBigCommerce',
  prestashop: 'startPrestaShop',
};
/** The files the tag loads beside itself, built before it so that it carries their integrity hashes. */
const BESIDE = ['alhena-cart.inspector.min.js', ...Object.keys(PLATFORMS).map((name) => `alhena-cart.${name}.min.js`)];

export default [
  // The inspector's own file, loaded by the script tag only when asked for (`alhenaCart.inspect()`, `?alhena-inspect`).
  {
    input: 'src/inspector/inspector-tag.ts',
    output: { file: 'dist/alhena-cart.inspector.min.js', format: 'iife', banner, sourcemap: true },
    plugins: [nodeResolve({ browser: true }), ts(), terser({ ecma: 2021, format: { comments: /^!/ } })],
  },
  // Each platform's code, loaded by the tag only on that platform: it registers itself in
  // `window.alhenaCartPlatforms`, where the tag finds it once the file has loaded.
  ...Object.entries(PLATFORMS).map(([name, start]) => ({
    input: `platform:${name}`,
    output: { file: `dist/alhena-cart.${name}.min.js`, format: 'iife', banner, sourcemap: true },
    plugins: [
      virtual({
        [`platform:${name}`]: `import { ${start} } from ${JSON.stringify(resolve(`src/platforms/${name}.ts`))};\n(window.alhenaCartPlatforms ||= {}).${name} = ${start};`,
      }),
      nodeResolve({ browser: true }),
      ts(),
      terser({ ecma: 2021, format: { comments: /^!/ } }),
    ],
  })),
  // The pre-load snippet, pasted inline above the tag (README, The snippet) or served as a file: no banner, every byte is on the page.
  {
    input: 'src/snippet.ts',
    output: { file: 'dist/alhena-cart.snippet.min.js', format: 'iife' },
    plugins: [ts(), terser({ ecma: 2021, format: { comments: false } })],
  },
  // Script tag: one minified file with valibot inside. The SDK's code is wrapped in a function
  // that runs on the first call or just after the file is evaluated (scripts/rollup-lazy-core.mjs).
  {
    input: 'src/script-tag.ts',
    output: { file: 'dist/alhena-cart.min.js', format: 'iife', banner, sourcemap: true },
    plugins: [
      lazyCore({ entry: 'src/script-tag-core.ts', plugins: () => [nodeResolve({ browser: true }), ts()] }),
      fileHashes(BESIDE),
      nodeResolve({ browser: true }),
      ts(),
      // `(function(){…})()` rather than `!function(){…}()`: V8 compiles a parenthesized function while streaming the file, off the main thread.
      terser({ ecma: 2021, compress: { negate_iife: false }, format: { comments: /^!/, wrap_iife: true } }),
      sriManifest([...BESIDE, 'alhena-cart.snippet.min.js']),
    ],
  },
  // npm: the browser entry, its capture and inspector entries and the server entry, built together so that they share
  // one copy of what they have in common (the default tracker above all: `init` from the capture entry
  // configures the tracker that `trackCheckout` from the main entry uses). ky and valibot stay
  // dependencies, so that bundlers share them with the app.
  {
    input: ENTRIES,
    external: ['valibot', 'ky'],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name].mjs', banner, sourcemap: true },
    plugins: [ts()],
  },
  // ky is published as ES modules only: `require()` cannot load it before Node 20.19, so the CJS builds
  // carry their own copy.
  {
    input: ENTRIES,
    external: ['valibot'],
    output: { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name].cjs', banner, sourcemap: true },
    plugins: [nodeResolve(), ts()],
  },
  // Types, written out in src/types.ts (no valibot inside). The same types serve `require` as .d.cts:
  // TypeScript reads a .d.ts in a "type": "module" package as ESM. The server's are built apart, so that
  // they hold nothing of the browser's (no DOM type).
  ...['d.ts', 'd.cts'].flatMap((extension) =>
    [{ index: ENTRIES.index, capture: ENTRIES.capture, inspector: ENTRIES.inspector }, { server: ENTRIES.server }].map((input) => ({
      input,
      output: { dir: 'dist', format: 'es', entryFileNames: `[name].${extension}`, chunkFileNames: `chunks/[name].${extension}` },
      plugins: [dts({ respectExternal: true })],
    })),
  ),
];
