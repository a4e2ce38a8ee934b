import type { Wait } from './next-request';

/**
 * One turn of sending, from asking for the sender lock to letting it go. `woken`: something happened
 * meanwhile (an event added, online) that the turn may have missed, having looked at the queue already.
 */
export type Run = { readonly id: number; woken: boolean };

/**
 * Where the sender is:
 * - `idle`: nothing it can send, nothing to wait for;
 * - `locking`: asked for the cross-tab sender lock, not granted yet;
 * - `sending`: holding the lock, sending the queue's head, one event at a time;
 * - `waiting`: the head cannot go yet (a retry later, offline, no fingerprints); `long` when no answer
 *   can come soon, so callers hear `queued`;
 * - `paused`: consent is pending or denied; `stopped`: shut down.
 */
export type SenderState =
  | { name: 'idle' | 'paused' | 'stopped' }
  | { name: 'locking' | 'sending'; run: Run }
  | { name: 'waiting'; wait: Wait; long: boolean; cancel: () => void; retryAt?: number };

export interface Sender {
  readonly state: SenderState;
  /** Moves to `next`, ending a wait's timer or fingerprint watch. */
  enter(next: SenderState): void;
  /** Whether a run is under way (locking or sending). */
  busy(): boolean;
  /** Resolves once nothing can be sent now: idle, waiting long, paused or stopped (for `flush()`). */
  whenIdle(): Promise<void>;
}

const isIdle = (state: SenderState) =>
  state.name === 'idle' || state.name === 'paused' || state.name === 'stopped' || (state.name === 'waiting' && state.long);

export function createSender(initial: SenderState): Sender {
  let state = initial;
  let idleWaiters: (() => void)[] = [];
  return {
    get state() {
      return state;
    },
    enter(next) {
      if (state.name === 'waiting') state.cancel();
      state = next;
      if (!isIdle(next)) return;
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    },
    busy: () => state.name === 'locking' || state.name === 'sending',
    whenIdle: () => new Promise((resolve) => idleWaiters.push(resolve)),
  };
}
