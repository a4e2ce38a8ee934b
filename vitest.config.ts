import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    restoreMocks: true,
    unstubGlobals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'sdk',
          environment: 'happy-dom',
          environmentOptions: {
            happyDOM: { settings: { disableJavaScriptFileLoading: true, handleDisabledFileLoadingAsSuccess: true } },
          },
          include: ['test/**/*.test.ts'],
          exclude: ['test/server/**', 'test/examples/**'],
          // The public types' own tests (*.test-d.ts), checked by the compiler.
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: 'tsconfig.test.json' },
          setupFiles: ['test/setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'sandbox', environment: 'node', include: ['sandbox/**/*.test.mjs', 'demo-store/**/*.test.mjs'] },
      },
      // The server entry, in Node as a store's server runs it (no DOM), against real HTTP servers.
      {
        extends: true,
        // Real backoff and Retry-After waits: three retries can take 7 s.
        test: {
          name: 'server',
          environment: 'node',
          include: ['test/server/**/*.test.ts', 'test/examples/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
