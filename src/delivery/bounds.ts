import type { TrackStatus } from '../types';
import type { Entry, Queue } from './queue';

/** Gives an event its final status (and the reason). */
type Conclude = (entry: { id: Entry['id']; body?: Entry['body'] }, status: TrackStatus, code?: string) => void;

/** What is kept is bounded: beyond this, while delivery is stalled, the oldest events are dropped. */
export const MAX_QUEUE_EVENTS = 200;
export const MAX_QUEUE_BYTES = 256 * 1024;

/**
 * Drops the oldest events until the bounds hold, each reported QUEUE_FULL, oldest first. A burst
 * while stalled can leave hundreds over the count: they go in one pass and one storage write (one at
 * a time, that was a long task of 100 ms here). `conclude` reports an event the queue is already past;
 * `finish` moves the queue past one and reports it.
 */
export function trimQueue(queue: Queue, conclude: Conclude, finish: Conclude): void {
  const excess = queue.size() - MAX_QUEUE_EVENTS;
  const over = excess > 0 ? queue.oldest(excess) : [];
  if (over.length) {
    queue.removeThrough(over[over.length - 1].id);
    for (const entry of over) conclude(entry, 'dropped', 'QUEUE_FULL');
  }
  while (queue.bytes() > MAX_QUEUE_BYTES) {
    const oldest = queue.head();
    if (!oldest) break;
    finish(oldest, 'dropped', 'QUEUE_FULL');
  }
}
