// npm entry `@alhena/cart-events/inspector`: the inspector panel, on the same observer interface as the
// trackers of `@alhena/cart-events`. `inspect()` from the main entry loads it with a dynamic import.

import { createInspector, type Inspector } from './inspector/inspector';
import { observe } from './observe';

let inspector: Inspector | undefined;

/** Opens the inspector panel on this page (again, if it was closed). */
export function openInspector(): Inspector {
  if (inspector) inspector.open();
  else inspector = createInspector({ observe });
  return inspector;
}

export { createInspector, type Inspector, type ObservedSdk } from './inspector/inspector';
