import { MAX_EVENT_AGE_MS } from './retry-policy';
import { parseSegmentId } from './segments';

/** What the queue knows of a segment without reading it. */
export interface Segment {
  id: string;
  /** Parsed lazily for segments other tabs wrote; null when unreadable. */
  events?: unknown[] | null;
  length: number;
  bytes: number;
  /** Not yet written: this task is still adding to it. */
  open?: boolean;
  /** Tracked by this tab: its events come from validated calls and are not read back from storage. */
  own?: boolean;
}

/** The queue's segments in delivery order: oldest first, as their ids sort. */
export interface SegmentIndex {
  get(id: string): Segment | undefined;
  /** Segment ids, oldest first. */
  ids(): readonly string[];
  all(): Iterable<Segment>;
  /** Adds a segment in its place; one already known is kept as it is. */
  add(segment: Segment): void;
  remove(id: string): void;
  clear(): void;
  /**
   * When the next segment of this tab is to be tracked: after the newest known, even when the clock went
   * back since it was written (within the day an event lives: a later one is junk), and never twice the same.
   */
  nextAt(at: number): number;
}

export function createSegmentIndex(): SegmentIndex {
  const segments = new Map<string, Segment>();
  let order: string[] = [];
  let lastAt = 0;
  return {
    get: (id) => segments.get(id),
    ids: () => order,
    all: () => segments.values(),
    add(segment) {
      if (segments.has(segment.id)) return;
      segments.set(segment.id, segment);
      let i = order.length;
      while (i > 0 && order[i - 1] > segment.id) i--;
      order.splice(i, 0, segment.id);
    },
    remove(id) {
      if (segments.delete(id)) order.splice(order.indexOf(id), 1);
    },
    clear() {
      segments.clear();
      order = [];
    },
    nextAt(at) {
      const newest = order.length ? (parseSegmentId(order[order.length - 1])?.at ?? 0) : 0;
      lastAt = Math.max(lastAt, at, newest - at > MAX_EVENT_AGE_MS ? 0 : newest + 1);
      return lastAt;
    },
  };
}
