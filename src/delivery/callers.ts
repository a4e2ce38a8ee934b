import type { TrackResult } from '../types';

/** Whatever happens (another tab sending, a slow lock), a caller hears back within this long. */
export const ANSWER_TIMEOUT_MS = 15_000;

export interface Callers {
  /** The promise a caller gets for event `id`. */
  wait(id: string): Promise<TrackResult>;
  /** Resolves the promise of a caller of this tab; false when none waits here. */
  resolve(id: string, result: TrackResult): boolean;
  /** Hands a final outcome to the caller, here or in the tab that tracked the event. */
  answer(id: string, result: TrackResult): void;
  /** Every caller still waiting hears `queued`: no answer can come soon. */
  releaseAll(): void;
  close(): void;
}

/**
 * The callers waiting for their events' answers in this tab. An event may be sent by another tab;
 * its answer then comes back over a BroadcastChannel.
 */
export function createCallers(channelName: string, now: () => number): Callers {
  /** Oldest first, with the time by which each hears back anyway. */
  const pending = new Map<string, { resolve: (result: TrackResult) => void; deadline: number }>();
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : undefined;
  let sweepTimer: ReturnType<typeof setTimeout> | undefined;

  const resolve = (id: string, result: TrackResult) => {
    const waiter = pending.get(id);
    if (!waiter) return false;
    pending.delete(id);
    waiter.resolve(result);
    return true;
  };
  /** One timer for all callers (a timer each would cost more than the rest of a call). */
  const sweep = () => {
    sweepTimer = undefined;
    for (const [id, { deadline }] of pending) {
      if (deadline > now()) {
        sweepTimer = setTimeout(sweep, deadline - now());
        return;
      }
      resolve(id, { status: 'queued', eventId: id });
    }
  };
  if (channel) channel.onmessage = (event: MessageEvent) => resolve(event.data?.id, event.data?.result);

  return {
    wait(id) {
      sweepTimer ??= setTimeout(sweep, ANSWER_TIMEOUT_MS);
      return new Promise((done) => pending.set(id, { resolve: done, deadline: now() + ANSWER_TIMEOUT_MS }));
    },
    resolve,
    answer(id, result) {
      if (!resolve(id, result)) channel?.postMessage({ id, result });
    },
    releaseAll() {
      for (const id of [...pending.keys()]) resolve(id, { status: 'queued', eventId: id });
    },
    close() {
      clearTimeout(sweepTimer);
      channel?.close();
    },
  };
}
