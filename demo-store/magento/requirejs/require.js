// Stand-in for RequireJS and mage/apply (lib/web/requirejs/require.js, lib/web/mage/apply/main.js and scripts.js),
// written for the demo from their behaviour: the components named in the page's `text/x-magento-init` scripts are
// loaded from `require.baseUrl` as separate scripts, after jQuery, each when the one before it has run (so they
// arrive after the page has been parsed, in no promised order with the page's other async scripts), then applied:
// each component's function gets its options and each element its selector matches (`*`: no element).
(() => {
  const baseUrl = String(window.require?.baseUrl ?? '').replace(/\/?$/, '/');
  /** The short names of requirejs-config.js's `map` that Luma's templates use. */
  const ALIASES = {
    catalogAddToCart: 'Magento_Catalog/js/catalog-add-to-cart',
    dataPost: 'mage/dataPost',
    'Magento_Customer/js/section-config': 'Magento_Customer/js/customer-data',
  };
  /** @type {Record<string, (options: unknown, element: Element | null) => void>} */
  const components = {};
  window.mageStandIn = {
    /** A component file registers what applying it does. */
    define(name, apply) {
      components[name] = apply;
    },
  };
  const load = (/** @type {string} */ path) =>
    new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = `${baseUrl}${path}.js`;
      script.async = true;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${path}`));
      document.head.append(script);
    });
  /** @type {[string, Record<string, unknown>][]} */
  const inits = [];
  for (const script of document.querySelectorAll('script[type="text/x-magento-init"]')) {
    for (const [selector, named] of Object.entries(JSON.parse(script.textContent ?? '{}'))) inits.push([selector, named]);
  }
  const files = new Set(inits.flatMap(([, named]) => Object.keys(named).map((name) => ALIASES[name] ?? name)));
  (async () => {
    await load('jquery');
    for (const file of files) await load(file);
    for (const [selector, named] of inits) {
      for (const [name, options] of Object.entries(named)) {
        const apply = components[name] ?? components[ALIASES[name]];
        if (!apply) continue;
        if (selector === '*') apply(options, null);
        else for (const element of document.querySelectorAll(selector)) apply(options, element);
      }
    }
  })().catch((error) => console.error('[stand-in require.js]', error));
})();
