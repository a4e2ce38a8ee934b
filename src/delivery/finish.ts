import type { TrackResult, TrackStatus } from '../types';
import type { Callers } from './callers';
import { orderIdOf } from './next-request';
import type { OrderGuard } from './order-guard';
import type { Entry, Queue } from './queue';
import { formatEntryId } from './segments';

/** Gives an event its final status (and the API's code, if any). */
export type Outcome = (entry: Pick<Entry, 'id' | 'body'>, status: TrackStatus, code?: string) => void;

export interface Finish {
  /** An event's final outcome, once the queue is past it: the order memory, `report`, the waiting caller. */
  conclude: Outcome;
  /** Moves the queue past the event, then concludes it. */
  finish: Outcome;
}

export function createFinish(queue: Queue, orders: OrderGuard, callers: Callers, report: (result: TrackResult) => void): Finish {
  const conclude: Outcome = (entry, status, code) => {
    const orderId = orderIdOf(entry);
    if (orderId) status === 'dropped' ? orders.forget(orderId) : orders.mark(orderId, 2);
    const eventId = formatEntryId(entry.id);
    const result: TrackResult = code ? { status, eventId, code } : { status, eventId };
    report(result);
    callers.answer(eventId, result); // the tab that tracked it may be another
  };
  return {
    conclude,
    finish(entry, status, code) {
      queue.remove(entry.id);
      conclude(entry, status, code);
    },
  };
}
