// BigCommerce with no template edits: written by its own work item (issue 20). Until then it follows nothing.
import type { PlatformSession } from './platform-plugin';

export function startBigCommerce(_session: PlatformSession): () => void {
  return () => {};
}
