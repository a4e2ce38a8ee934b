import { fingerprintProblem } from '../events/fingerprint-fields';
import type { Fingerprints } from '../types';

/** How often to look for the widget's fingerprints while an event waits for them. */
export const FINGERPRINT_POLL_MS = 250;

interface GleenWidget {
  getFingerprint?: () => unknown;
  getFAQFingerprint?: () => unknown;
  on?: (event: string, callback: () => void) => void;
}

const widget = (): GleenWidget | undefined => (globalThis as { gleenWidget?: GleenWidget }).gleenWidget;

/** Values that passed lately: the widget gives the same two strings call after call. */
const passed = new Set<string>();
/** A fingerprint by the rule the server applies too (`fingerprintProblem`), trimmed; undefined for anything else. */
function fingerprintOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (passed.has(value)) return value;
  const trimmed = value.trim();
  if (fingerprintProblem(trimmed)) return undefined;
  if (trimmed === value) {
    if (passed.size >= 4) passed.clear();
    passed.add(value);
  }
  return trimmed;
}
/** An own property only: a polluted prototype supplies no fingerprint. */
const own = (object: unknown, name: string): unknown =>
  typeof object === 'object' && object !== null && Object.getOwnPropertyDescriptor(object, name)
    ? (object as Record<string, unknown>)[name]
    : undefined;

function both(userValue: unknown, faqValue: unknown): Fingerprints | null {
  const user = fingerprintOf(userValue);
  const faq = fingerprintOf(faqValue);
  return user && faq ? { user, faq } : null;
}

/** Both fingerprints, or null while either is missing. Never throws, never invents a value. */
export function readFingerprints(supply?: () => Fingerprints | null | undefined): Fingerprints | null {
  try {
    if (supply) {
      const given = supply();
      return both(own(given, 'user'), own(given, 'faq'));
    }
    const w = widget();
    return both(w?.getFingerprint?.(), w?.getFAQFingerprint?.());
  } catch {
    return null;
  }
}

/**
 * Calls `onReady` once, as soon as both fingerprints can be read: the widget often loads after
 * the SDK, so poll and also listen for its `widget:loaded` event. Returns a function that stops watching.
 */
export function watchFingerprints(read: () => Fingerprints | null, onReady: () => void): () => void {
  let active = true;
  let subscribed = false;
  const stop = () => {
    active = false;
    clearInterval(timer);
  };
  const check = () => {
    if (!active) return;
    if (read()) {
      stop();
      onReady();
      return;
    }
    if (subscribed) return;
    try {
      const w = widget();
      if (typeof w?.on === 'function') {
        subscribed = true;
        w.on('widget:loaded', check);
      }
    } catch {
      subscribed = true; // A widget that throws as it is read: polling still finds the fingerprints.
    }
  };
  const timer = setInterval(check, FINGERPRINT_POLL_MS);
  check();
  return stop;
}

/** The fingerprints once both can be read, or null after `ms`. */
export function waitForFingerprints(read: () => Fingerprints | null, ms: number): Promise<Fingerprints | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(null);
    }, ms);
    const stop = watchFingerprints(read, () => {
      clearTimeout(timer);
      resolve(read());
    });
  });
}

/** How long a handoff waits for fingerprints the widget has not produced yet (a form's submission, getFingerprintFields). */
export const HANDOFF_WAIT_MS = 1_000;

/** Where a handoff gets the fingerprints from: the tracker, which knows the consent. */
export interface HandoffSource {
  /** Whether the visitor's consent allows handing the fingerprints over (not while pending or denied). */
  allowed(): boolean;
  /** The fingerprints now, or null (none yet). */
  read(): Fingerprints | null;
  /** The fingerprints once they exist, or null after `ms` (or without consent). */
  wait(ms: number): Promise<Fingerprints | null>;
  /** Other origins the store's forms may hand them to (the `handoffOrigins` option), as origins. */
  origins(): readonly string[];
  /** A form that was not given them, and why (debug mode says it). */
  refused(form: Element, why: string): void;
}

/** `https://pay.example/path` → `https://pay.example`; undefined for what is not an http(s) URL. */
export function originOf(text: unknown): string | undefined {
  try {
    const url = new URL(String(text));
    return /^https?:$/.test(url.protocol) ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The option's origins, read leniently (the options' schema words what is wrong with them). */
export const originsOf = (list: unknown): string[] =>
  Array.isArray(list) ? list.map(originOf).filter((origin): origin is string => !!origin) : [];
