import type { Logger } from '../lib/logger';
import { emit } from '../observe';
import type { SessionContext, TrackerCalls, TrackerPlugin } from '../tracker/plugin';
import type { Platform } from '../types';

/**
 * What the tag hands a platform's code: the tracker's calls, its HTTP client and logger, and the observer
 * interface's `emit` (its module state lives in the tag). `platforms/host.ts` makes the code's
 * `PlatformHost` from it, in the platform's own file.
 */
export interface PlatformSession {
  name: Platform;
  calls: TrackerCalls;
  readJson(url: string): Promise<unknown>;
  logger: Logger;
  emit: typeof emit;
}

/** A platform's code: starts following the store's cart, and returns the function that stops it. */
export type PlatformStart = (session: PlatformSession) => () => void;

/** Loads a platform's code: the script tag's file beside it, or npm's chunk. Undefined when there is none. */
export type PlatformLoader = (name: Platform) => Promise<PlatformStart | undefined>;

const hasGlobal = (name: string) => name in window;
const bodyHas = (pattern: RegExp) => pattern.test(String(document.body?.className ?? ''));

/**
 * Each platform by what its own pages carry, each sign one no other platform (and no plain page) has:
 * - WooCommerce: its localized script data, and the body class `woocommerce-no-js` that it puts on every front-end
 *   page (`wc_body_class`, includes/wc-template-functions.php), which its inline script turns into `woocommerce-js`.
 * - Magento 2: the `text/x-magento-init` scripts its layouts render on every page (lib/web/mage/apply/scripts.js reads them).
 * - BigCommerce: `BCData`, rendered into every Stencil page's head, and the theme's `stencilBootstrap`.
 * - PrestaShop: the `prestashop` object every front page defines (FrontController::assignGeneralPurposeVariables);
 *   an element whose id is `prestashop` is a global too, so the object's `urls` decide.
 */
export const PLATFORM_SIGNS: [Platform, () => boolean][] = [
  [
    'woocommerce',
    () =>
      hasGlobal('wc_add_to_cart_params') ||
      hasGlobal('woocommerce_params') ||
      hasGlobal('wc_cart_fragments_params') ||
      bodyHas(/(^|\s)woocommerce(-js|-no-js|-page)?(\s|$)/),
  ],
  ['magento', () => !!document.querySelector('script[type="text/x-magento-init"]')],
  ['bigcommerce', () => hasGlobal('BCData') || hasGlobal('stencilBootstrap')],
  ['prestashop', () => typeof (window as { prestashop?: { urls?: unknown } }).prestashop?.urls === 'object'],
];

/** The platform this page is built on, from its globals and markup, or undefined. */
export function recognisePlatform(): Platform | undefined {
  return PLATFORM_SIGNS.find(([, sign]) => sign())?.[0];
}

/** Runs `then` once the document has been parsed (a platform's own scripts are often deferred). */
function whenParsed(then: () => void): () => void {
  if (document.readyState !== 'loading') {
    then();
    return () => {};
  }
  document.addEventListener('DOMContentLoaded', then, { once: true });
  return () => document.removeEventListener('DOMContentLoaded', then);
}

/**
 * Recognises the store's platform (`platform: 'auto'`) or takes the one named, loads its code and lets it
 * own the cart (contract § 10): data-attribute and dataLayer cart events are then not sent.
 */
export function platformPlugin(load: PlatformLoader): TrackerPlugin {
  return {
    serves: 'platform',
    session(context: SessionContext) {
      const { config, logger, calls } = context;
      const { platform } = config;
      if (platform === 'none') return () => {};
      let stop = () => {};
      let stopped = false;
      const begin = () => {
        try {
          const name = platform === 'auto' ? recognisePlatform() : platform;
          if (!name || stopped) return;
          logger.debug(`platform: ${name}${platform === 'auto' ? ' (recognised)' : ''}`);
          emit(() => ({ kind: 'platform', name }));
          load(name)
            .then((start) => {
              if (stopped) return;
              if (!start) throw new Error('its file registered no code');
              stop = start({ name, calls, readJson: context.readStoreJson, logger, emit });
              // Only once its code runs: a platform whose file could not load leaves capture's cart events as they were.
              context.claimCart(name, true);
              logger.debug(`platform: ${name}'s code runs and owns the cart`);
            })
            .catch((error) => logger.error(`platform ${name}: its code could not run`, error));
        } catch (error) {
          logger.error('platform: could not be recognised', error);
        }
      };
      const unlisten = whenParsed(begin);
      return () => {
        stopped = true;
        unlisten();
        stop();
      };
    },
  };
}
