// Platform recognition (`platform: 'auto'`): each platform's own markers, as its pages carry them, recognise
// that platform and no other; a plain page, and pages with look-alike markers, none. Every sign is tried on
// every page (not only the first that matches), so a store of one is never taken for another in any order.
import { afterEach, describe, expect, it } from 'vitest';
import { PLATFORM_SIGNS, recognisePlatform } from '../../src/platforms/platform-plugin';
import type { Platform } from '../../src/types';

const win = window as unknown as Record<string, unknown>;
const globalsSet: string[] = [];
const setGlobal = (name: string, value: unknown) => {
  win[name] = value;
  globalsSet.push(name);
};
const addScript = (type: string, text: string) => {
  const script = document.createElement('script');
  script.type = type;
  script.textContent = text;
  document.head.append(script);
};

afterEach(() => {
  for (const name of globalsSet.splice(0)) delete win[name];
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  document.body.className = '';
});

/** Each platform's front page, reduced to what recognition could see; the sources are named where each is set. */
const PAGES: Record<Platform, () => void> = {
  woocommerce() {
    // includes/wc-template-functions.php wc_body_class; the classic add-to-cart script's localized data.
    document.body.className = 'home wp-custom-logo theme-storefront woocommerce-no-js';
    setGlobal('wc_add_to_cart_params', { ajax_url: '/wp-admin/admin-ajax.php', wc_ajax_url: '/?wc-ajax=%%endpoint%%' });
  },
  magento() {
    // Magento_Theme's root.phtml body attributes; layouts render `text/x-magento-init` (lib/web/mage/apply/scripts.js).
    document.body.className = 'cms-index-index page-layout-1column';
    document.body.setAttribute('data-container', 'body');
    addScript('text/x-magento-init', '{"*": {"Magento_Ui/js/core/app": {"components": {}}}}');
    setGlobal('require', () => {});
  },
  bigcommerce() {
    // Stencil's head scripts: `var BCData = {...}`; Cornerstone's base layout calls `window.stencilBootstrap`.
    document.body.className = 'page-type-default';
    setGlobal('BCData', { csrf_token: 'abc' });
    setGlobal('stencilBootstrap', () => ({ load() {} }));
  },
  prestashop() {
    // FrontController::assignGeneralPurposeVariables → Media::addJsDef(['prestashop' => …]).
    document.body.id = 'index';
    document.body.className = 'lang-en country-us currency-usd layout-full-width page-index tax-display-enabled';
    setGlobal('prestashop', {
      cart: { products: [] },
      currency: { iso_code: 'USD' },
      page: { page_name: 'index' },
      urls: { base_url: '/' },
      static_token: 't',
    });
  },
};

const signsOn = () => PLATFORM_SIGNS.filter(([, sign]) => sign()).map(([name]) => name);

describe('platform recognition', () => {
  for (const [platform, page] of Object.entries(PAGES) as [Platform, () => void][]) {
    it(`recognises ${platform} from its own page, and no other platform`, () => {
      page();
      expect(signsOn()).toEqual([platform]);
      expect(recognisePlatform()).toBe(platform);
    });
  }

  it('recognises nothing on a plain page', () => {
    document.body.className = 'home page-template-default';
    expect(signsOn()).toEqual([]);
    expect(recognisePlatform()).toBeUndefined();
  });

  it('is not fooled by look-alikes: an element named "prestashop", other script types, class names that only contain a platform’s', () => {
    // An element's id is a window global: `window.prestashop` is that element, with no `urls`.
    document.body.innerHTML = '<div id="prestashop">PrestaShop partners</div><div id="magento"></div>';
    document.body.className = 'not-woocommerce-theme magento-like bigcommerce-style';
    addScript('text/x-template', '<div>text/x-magento-init</div>');
    addScript('application/ld+json', '{"@type": "Product", "name": "BCData"}');
    expect(signsOn()).toEqual([]);
    expect(recognisePlatform()).toBeUndefined();
  });

  it('knows every platform the option names', () => {
    expect(PLATFORM_SIGNS.map(([name]) => name).sort()).toEqual(Object.keys(PAGES).sort());
  });
});
