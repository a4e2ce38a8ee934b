// The strict-CSP pages' shared parts: the policy, and the app bundle a storefront's own build makes from the npm package.
import { mkdirSync } from 'node:fs';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';

const ROOT = new URL('..', import.meta.url).pathname;

/** `script-src 'self'` (no inline, no eval) and requests to the API origin only. */
export const cspHeaders = (apiOrigin: string) => ({
  'content-security-policy': `default-src 'none'; script-src 'self'; connect-src ${apiOrigin}; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'`,
});

/**
 * A strict-CSP store page's head with the script tag: the violation listener, the stand-in widget and the
 * tag, each a file of the page's own origin (no inline script).
 */
export const cspScriptTagHead = (apiUrl: string) => `<script src="/e2e/static/csp-listen.js"></script>
<script src="/e2e/static/widget.js"></script>
<script src="/dist/alhena-cart.min.js" data-company-key="acme" data-api-base-url="${apiUrl}"></script>`;

/** Bundles e2e/static/csp-app.entry.js with the built ESM package into e2e/.artifacts/csp-app.js. */
export async function buildCspApp() {
  mkdirSync(`${ROOT}e2e/.artifacts`, { recursive: true });
  const bundle = await rollup({
    input: `${ROOT}e2e/static/csp-app.entry.js`,
    plugins: [
      { name: 'sdk', resolveId: (id) => (id.startsWith('@alhena/cart-events') ? `${ROOT}dist/${id.split('/')[2] ?? 'index'}.mjs` : null) },
      nodeResolve({ browser: true }),
    ],
  });
  // One file: the npm entry's dynamic imports (capture, the inspector) are inlined.
  await bundle.write({ file: `${ROOT}e2e/.artifacts/csp-app.js`, format: 'es', inlineDynamicImports: true });
}
