/** Set while the inspector is open in this tab (by URL or by call), so that it opens on the next page too; its × clears it. */
export const INSPECT_REMEMBER_KEY = 'alhena-cart:inspect';

/** `?alhena-inspect` in the page's address, or the inspector left open in this tab. */
export function inspectionAsked(): boolean {
  try {
    return /[?&]alhena-inspect(?:[=&]|$)/.test(location.search) || sessionStorage.getItem(INSPECT_REMEMBER_KEY) === '1';
  } catch {
    return false;
  }
}
