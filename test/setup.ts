import { afterEach, beforeEach, vi } from 'vitest';
import { installWebLocks, removeWebLocks, shutdownTrackers } from './helpers';

/** happy-dom's Request drops `keepalive`; this one keeps it, so tests can assert what the SDK asked for. */
function requestWithKeepalive(Base: typeof Request): typeof Request {
  return class extends Base {
    readonly #keepalive: boolean;
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(input, init);
      this.#keepalive = init?.keepalive ?? (input instanceof Request ? input.keepalive : false) ?? false;
    }
    override get keepalive() {
      return this.#keepalive;
    }
    override clone(): Request {
      return new (this.constructor as typeof Request)(super.clone(), { keepalive: this.#keepalive });
    }
  };
}

beforeEach(() => {
  if (typeof window === 'undefined') return;
  vi.stubGlobal('Request', requestWithKeepalive(Request));
  installWebLocks();
  localStorage.clear();
  sessionStorage.clear();
  document.head.replaceChildren();
  document.body.replaceChildren();
  const w = window as unknown as Record<string, unknown>;
  for (const name of ['gleenWidget', 'Shopify', 'alhenaCart', 'dataLayer', 'gtag']) delete w[name];
  delete (document as unknown as Record<string, unknown>).gleenConfig;
});

afterEach(() => {
  shutdownTrackers();
  if (typeof window !== 'undefined') removeWebLocks();
  vi.restoreAllMocks();
  vi.useRealTimers();
});
