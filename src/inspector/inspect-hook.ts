// What the main npm entry has of the inspector: `inspect()` and the `?alhena-inspect` switch. The panel
// itself is a dynamic import (`@alhena/cart-events/inspector`), loaded only when asked for.
import { createLogger } from '../lib/logger';
import { record } from '../observe';
import { inspectorAllowed } from './inspection-asked';

const logger = /* @__PURE__ */ createLogger();

/** Opens the inspector panel: loads it, and keeps what happens meanwhile for it. Sends nothing. */
export function inspect(): void {
  try {
    if (!inspectorAllowed()) {
      logger.warn('the inspector is turned off on this store (inspector: false)');
      return;
    }
    record();
    import('../inspect').then(
      (panel) => panel.openInspector(),
      (error) => logger.error('could not load the inspector', error),
    );
  } catch (error) {
    logger.error('could not open the inspector', error);
  }
}
