// Rollup plugin for the script-tag build: replaces `src/lazy-core.ts` with a module whose `loadCore()`
// runs the SDK's code (bundled here by a nested rollup run, valibot inside) on its first call.
// The page's evaluation of the file then only parses that code and installs `window.alhenaCart`.
import { resolve } from 'node:path';
import { rollup } from 'rollup';

const ID = resolve('src/lazy-core.bundle.js'); // virtual: never written to disk

export default function lazyCore({ entry, plugins }) {
  return {
    name: 'lazy-core',
    resolveId: (source, importer) => (source === './lazy-core' && importer?.endsWith('script-tag.ts') ? ID : null),
    async load(id) {
      if (id !== ID) return null;
      const bundle = await rollup({ input: entry, plugins: plugins(), onwarn: (warning) => this.warn(warning) });
      for (const file of bundle.watchFiles) this.addWatchFile(file);
      const { output } = await bundle.generate({ format: 'iife', name: 'core', sourcemap: true });
      await bundle.close();
      const { code, map } = output[0];
      map.sources = map.sources.map((source) => resolve(source)); // this module has no directory of its own
      // Run once, on the first call: every later call gets the same core (one tracker registry, one
      // observer interface). Same first line as the chunk: its source map stays true.
      return { code: `let loaded; export function loadCore() { if (loaded) return loaded;${code}\nreturn (loaded = core);\n}`, map };
    },
  };
}
