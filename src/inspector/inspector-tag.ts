// The inspector's script-tag file, `dist/alhena-cart.inspector.min.js`: loaded by `alhenaCart.inspect()`
// or `?alhena-inspect`, never otherwise. It reads the SDK through `alhenaCart.observe` only.

import { createLogger } from '../lib/logger';
import { createInspector, type Inspector, type ObservedSdk } from './inspector';

const logger = /* @__PURE__ */ createLogger();
const page = window as unknown as { alhenaCart?: Partial<ObservedSdk>; alhenaCartInspector?: Inspector };

try {
  if (page.alhenaCartInspector) page.alhenaCartInspector.open();
  else if (typeof page.alhenaCart?.observe === 'function') page.alhenaCartInspector = createInspector(page.alhenaCart as ObservedSdk);
  else logger.error('the inspector needs the SDK’s script tag (window.alhenaCart) on this page');
} catch (error) {
  logger.error('the inspector could not open', error);
}
