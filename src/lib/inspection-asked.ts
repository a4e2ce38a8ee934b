/** Set while the inspector is open in this tab (by URL or by call), so that it opens on the next page too; its × clears it. */
export const INSPECT_REMEMBER_KEY = 'alhena-cart:inspect';

/**
 * Opens the inspector when asked for: at once for `?alhena-inspect` in the page's address, or a task
 * later when it was left open in this tab (reading sessionStorage is kept out of the page's own
 * evaluation of the SDK: a first storage access can cost a millisecond).
 */
export function openInspectorIfAsked(open: () => void): void {
  try {
    if (/[?&]alhena-inspect(?:[=&]|$)/.test(location.search)) open();
    else
      setTimeout(() => {
        try {
          if (sessionStorage.getItem(INSPECT_REMEMBER_KEY) === '1') open();
        } catch {
          // Storage refused: the inspector opens by URL or call only.
        }
      }, 0);
  } catch {
    // No location: not a page.
  }
}
