import type { Consent } from '../types';

type Push = (...entries: unknown[]) => number;
/** A command as gtag pushes it (`arguments`, or an array): `['consent', 'default' | 'update', { analytics_storage, … }]`. */
type Command = { 0?: unknown; 1?: unknown; 2?: { analytics_storage?: unknown; region?: unknown } };

/**
 * Follows Google Consent Mode v2 in `window.dataLayer`: the commands already there (pushed before the SDK
 * loaded), then each one pushed later. `analytics_storage` decides (contract § 11): `granted` is granted and
 * `denied` denied, a `default`'s as an `update`'s (a call while denied is dropped, never sent later); an `update`
 * (the visitor's answer) wins over any `default`, as in gtag; no signal yet is `pending`. `push`
 * is wrapped as the dataLayer bridge does (keep the previous one, call it first), so GTM and other wrappers
 * chain in either order. Returns the state now (`pending` without a signal) and the stop.
 */
export function followConsentMode(
  win: Window,
  changed: (consent: Consent) => void,
  failed: (error: unknown) => void,
): { consent: Consent; stop: () => void } {
  const w = win as unknown as { dataLayer?: unknown };
  w.dataLayer ??= [];
  const layer = w.dataLayer;
  let byDefault: Consent = 'pending';
  let updated: Consent | undefined;
  const current = () => updated ?? byDefault;
  const read = (entry: unknown) => {
    const { 0: name, 1: command, 2: params } = (entry ?? {}) as Command;
    const choice = params?.analytics_storage;
    if (name !== 'consent' || (choice !== 'granted' && choice !== 'denied')) return;
    if (command === 'update') updated = choice;
    // A default for some regions only does not count: the SDK cannot tell the visitor's region.
    else if (command === 'default' && !params?.region) byDefault = choice;
  };
  if (!Array.isArray(layer)) return { consent: 'pending', stop: () => {} };
  for (const entry of [...layer]) read(entry);
  const previous: Push = layer.push;
  const push: Push = function (this: unknown, ...entries) {
    const length = previous.apply(this, entries);
    try {
      const before = current();
      for (const entry of entries) read(entry);
      if (current() !== before) changed(current());
    } catch (error) {
      failed(error); // never into the page's own push
    }
    return length;
  };
  layer.push = push;
  return {
    consent: current(),
    stop: () => {
      if (layer.push === push) layer.push = previous;
    },
  };
}
