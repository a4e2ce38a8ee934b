// What the demo store's pages expose on window, for the demo-store specs.
import type { TrackResult } from '../../src/types';

declare global {
  interface Window {
    /** The stand-in chat widget (demo-store/widget/). */
    gleenWidget?: {
      getFingerprint(): string | undefined;
      getFAQFingerprint(): string | undefined;
      on(event: string, callback: (detail?: unknown) => void): void;
      isLoaded(): boolean;
    };
    /** What the SDK reported to the page through onEvent and onError (demo-store/shop/js/outcomes.js). */
    demoOutcomes: { results: TrackResult[]; errors: { code: string; message: string }[] };
    /** The npm build's module, exposed by the single-page store for the console. */
    alhenaSdk?: { flush(): Promise<void> };
    /** How many times the widget announced `widget:loaded` (widget.spec.ts). */
    __loaded: number;
    __loadedAt: number;
  }
}
