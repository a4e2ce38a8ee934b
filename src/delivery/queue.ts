import type { EventBody } from '../events/wire';
import { toJson } from '../lib/json';
import type { Storage } from '../lib/storage';
import type { StorageKeys } from '../lib/storage-keys';
import { MAX_EVENT_AGE_MS } from './retry-policy';
import {
  type Cursor,
  type EntryId,
  formatSegmentId,
  parseSegmentId,
  readCursor,
  readStoredEvent,
  type StoredEvent,
  writeCursor,
} from './segments';

/** One event waiting for a final answer. */
export interface Entry extends Omit<Cursor, 'index'> {
  id: EntryId;
  body: EventBody;
  /** [user, faq] fingerprints when known as the event was tracked. */
  fp?: [string, string];
  /** Tracked at (ms). */
  at: number;
}

/** What the queue knows of a segment without reading it. */
interface Segment {
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

export interface Queue {
  add(body: EventBody, fp: [string, string] | undefined, at: number): Entry;
  /** The oldest unfinished event, read fresh from storage (another tab may have moved on). */
  head(): Entry | undefined;
  /** Persists the head's attempt state (tries, notBefore, sentAt). */
  save(entry: Entry): void;
  /** Finishes the head: the queue moves past it. */
  remove(id: EntryId): void;
  /** The `n` oldest unfinished events (id and stored body), read without changing anything. */
  oldest(n: number): Pick<Entry, 'id' | 'body'>[];
  /** Finishes every event up to and including `id`, in one write: for dropping many at once. */
  removeThrough(id: EntryId): void;
  size(): number;
  bytes(): number;
  /** Removes every event, returning their ids oldest first. */
  clear(): EntryId[];
  /** Whether a storage key is one of the queue's segments. */
  owns(key: string): boolean;
  /** Reads the index again after another tab changed `key` (null: storage was cleared). */
  noteExternalChange(key: string | null): void;
}

/**
 * A persisted FIFO, cheap to write however long it grows. Events tracked in one task (a burst of
 * calls, a click handler) become one segment key, written once at the end of the task, before the
 * page can navigate away; a segment never changes afterwards. Progress is a tiny cursor key per
 * segment holding the head's attempt state, so finishing an event never rewrites the queue.
 */
export function createQueue(storage: Storage, keys: StorageKeys, tab: string): Queue {
  const segments = new Map<string, Segment>();
  /** Segment ids, oldest first (their text sorts by time). */
  let order: string[] = [];
  let open: Segment | undefined;
  let lastAt = 0;
  let count = 0;

  const track = (segment: Segment) => {
    if (segments.has(segment.id)) return;
    segments.set(segment.id, segment);
    let i = order.length;
    while (i > 0 && order[i - 1] > segment.id) i--;
    order.splice(i, 0, segment.id);
  };
  const forget = (id: string) => {
    if (segments.delete(id)) order.splice(order.indexOf(id), 1);
  };
  const drop = (id: string) => {
    storage.remove(keys.segment(id));
    storage.remove(keys.cursor(id));
    forget(id);
  };
  const cursorOf = (segment: Segment): Cursor =>
    segment.open ? { index: 0, tries: 0, notBefore: 0 } : readCursor(storage, keys.cursor(segment.id));

  const eventsOf = (segment: Segment): unknown[] | null => {
    if (segment.events === undefined) {
      try {
        const parsed: unknown = JSON.parse(storage.get(keys.segment(segment.id)) ?? 'null');
        segment.events = Array.isArray(parsed) ? parsed : null;
      } catch {
        segment.events = null;
      }
      if (segment.events) segment.length = segment.events.length;
    }
    return segment.events;
  };

  /** Writes the open segment: at the end of the task that added to it, or before any other write. */
  const close = () => {
    const segment = open;
    open = undefined;
    if (!segment) return;
    segment.open = false;
    const text = toJson(segment.events);
    segment.bytes = text.length;
    storage.set(keys.segment(segment.id), text);
  };

  /** A key of `keys.segmentPrefix` as a segment the queue tracks; junk keys are ignored. */
  const segmentOfKey = (key: string, bytes: number): Segment | undefined => {
    const id = key.slice(keys.segmentPrefix.length);
    return parseSegmentId(id) ? { id, length: 1, bytes } : undefined;
  };
  const rebuild = () => {
    segments.clear();
    order = [];
    for (const key of storage.keys(keys.segmentPrefix)) {
      const segment = segmentOfKey(key, storage.get(key)?.length ?? 0);
      if (segment) track(segment);
    }
    if (open) track(open);
  };

  /**
   * A new segment goes after the newest stored, even when the clock went back since it was written
   * (within the day an event lives: a later one is junk). Within one millisecond, one tab's segments
   * stay together and in their own order.
   */
  const openSegment = (at: number): Segment => {
    const newest = order.length ? (parseSegmentId(order[order.length - 1])?.at ?? 0) : 0;
    lastAt = Math.max(lastAt, at, newest - at > MAX_EVENT_AGE_MS ? 0 : newest + 1);
    const segment: Segment = {
      id: formatSegmentId({ at: lastAt, tab, count: count++ }),
      events: [],
      length: 0,
      bytes: 0,
      open: true,
      own: true,
    };
    track(segment);
    queueMicrotask(close);
    return segment;
  };

  /** The segment's first unfinished event, or undefined once the segment is done, gone or unreadable. */
  const firstOf = (segment: Segment): Entry | undefined => {
    const list = eventsOf(segment);
    const cursor = cursorOf(segment);
    if (!list || (!segment.open && storage.get(keys.segment(segment.id)) === null) || cursor.index >= list.length) return undefined;
    const id = { segment: segment.id, index: cursor.index };
    // This tab's own events never left memory; what was read back from storage is checked.
    const stored = segment.own ? (list[cursor.index] as StoredEvent) : undefined;
    const event = stored
      ? { body: stored.b, fp: stored.f as [string, string] | undefined, at: stored.t }
      : readStoredEvent(list[cursor.index]);
    if (!event) {
      queue.remove(id); // tampered or corrupt: never sent as it is
      return firstOf(segment);
    }
    return { id, ...event, tries: cursor.tries, notBefore: cursor.notBefore, sentAt: cursor.sentAt };
  };

  const queue: Queue = {
    add(body, fp, at) {
      open ??= openSegment(at);
      const stored: StoredEvent = fp ? { b: body, f: fp, t: at } : { b: body, t: at };
      (open.events as unknown[]).push(stored);
      return { id: { segment: open.id, index: open.length++ }, body, fp, at, tries: 0, notBefore: 0 };
    },
    head() {
      while (order.length) {
        const segment = segments.get(order[0]) as Segment;
        const entry = firstOf(segment);
        if (entry) return entry;
        if (segments.has(segment.id)) drop(segment.id);
      }
      return undefined;
    },
    save({ id, tries, notBefore, sentAt }) {
      close();
      writeCursor(storage, keys.cursor(id.segment), { index: id.index, tries, notBefore, sentAt });
    },
    remove({ segment: segmentId, index }) {
      const segment = segments.get(segmentId);
      if (!segment) return;
      close();
      const next = index + 1;
      if (next >= segment.length) return drop(segmentId);
      writeCursor(storage, keys.cursor(segmentId), { index: next, tries: 0, notBefore: 0 });
      segment.bytes -= segment.bytes / (segment.length - next + 1);
    },
    oldest(n) {
      const found: Pick<Entry, 'id' | 'body'>[] = [];
      for (const segmentId of order) {
        const segment = segments.get(segmentId) as Segment;
        const list = eventsOf(segment) ?? [];
        for (let i = cursorOf(segment).index; i < list.length && found.length < n; i++) {
          const body = (list[i] as Partial<StoredEvent> | null)?.b;
          found.push({ id: { segment: segmentId, index: i }, body: (typeof body === 'object' && body !== null ? body : {}) as EventBody });
        }
        if (found.length >= n) break;
      }
      return found;
    },
    removeThrough(id) {
      close();
      while (order.length && order[0] < id.segment) drop(order[0]);
      queue.remove(id);
    },
    size() {
      let total = 0;
      for (const segment of segments.values()) {
        eventsOf(segment);
        total += Math.max(0, segment.length - cursorOf(segment).index);
      }
      return total;
    },
    bytes() {
      let total = 0;
      // The open segment is measured only when asked: bounds are checked rarely, events are added often.
      for (const segment of segments.values()) total += segment.open ? toJson(segment.events).length : segment.bytes;
      return total;
    },
    clear() {
      const ids: EntryId[] = [];
      for (let entry = queue.head(); entry; entry = queue.head()) {
        ids.push(entry.id);
        queue.remove(entry.id);
      }
      return ids;
    },
    owns: (key) => key.startsWith(keys.segmentPrefix),
    noteExternalChange(key) {
      if (key === null) return rebuild();
      if (!queue.owns(key)) return;
      const text = storage.get(key);
      const segment = segmentOfKey(key, text?.length ?? 0);
      if (text === null) forget(key.slice(keys.segmentPrefix.length));
      else if (segment) track(segment);
    },
  };
  rebuild();
  return queue;
}
