import { afterEach, beforeEach, vi } from 'vitest';
import { shutdownTrackers } from './helpers';

beforeEach(() => {
  if (typeof window === 'undefined') return;
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
  vi.useRealTimers();
});
