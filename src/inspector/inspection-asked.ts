/** Set while the inspector is open in this tab (by URL or by call), so that it opens on the next page too; its × clears it. */
export const INSPECT_REMEMBER_KEY = 'alhena-cart:inspect';

/**
 * `?alhena-inspect` in the page's address, or the inspector left open in this tab. Callers ask in a task
 * of their own, never while the page evaluates the SDK: reading `location` and sessionStorage there
 * cost the script tag's evaluation half a millisecond (`npm run bench`).
 */
export function inspectionAsked(): boolean {
  try {
    return new URLSearchParams(location.search).has('alhena-inspect') || sessionStorage.getItem(INSPECT_REMEMBER_KEY) === '1';
  } catch {
    return false; // storage refused: the inspector opens by URL or call only
  }
}

/** Opens the inspector (`open`) when it is asked for: the one place both the tag and npm's default tracker ask. */
export function openIfAsked(open: () => void): void {
  if (!turnedOff && inspectionAsked()) open();
}

let turnedOff = false;
/** `inspector: false` on a tracker of this page: from now on the inspector is never opened here. */
export function turnInspectorOff(): void {
  turnedOff = true;
}
/** Whether the inspector may be opened on this page. */
export const inspectorAllowed = (): boolean => !turnedOff;
