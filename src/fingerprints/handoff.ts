import type { Fingerprints } from '../types';

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
}
