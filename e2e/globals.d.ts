// What the e2e pages expose on window: the script-tag API and the spies the tests install.
import type { ScriptTagApi } from '../src/script-tag';
import type { TrackResult } from '../src/types';

declare global {
  interface Window {
    alhenaCart: ScriptTagApi;
    __fetches: { url: string; keepalive: boolean; credentials: string; method: string }[];
    __result: TrackResult;
    __gtmSeen: unknown[];
    __results: string[];
    floorCart: unknown;
  }
}
