// Magento with no template edits: written by its own work item (issue 20). Until then it follows nothing.
import type { PlatformSession } from './platform-plugin';

export function startMagento(_session: PlatformSession): () => void {
  return () => {};
}
