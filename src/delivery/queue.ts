import type { EventBody } from '../events/wire';
import { toJson } from '../lib/json';
import type { Storage } from '../lib/storage';
import type { StorageKeys } from '../lib/storage-keys';
import { createSegmentIndex, type Segment } from './segment-index';
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
  const segments = createSegmentIndex();
  let open: Segment | undefined;
  let count = 0;

  const drop = (id: string) => {
    storage.remove(keys.segment(id));
    storage.remove(keys.cursor(id));
    segments.remove(id);
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
    for (const key of storage.keys(keys.segmentPrefix)) {
      const segment = segmentOfKey(key, storage.get(key)?.length ?? 0);
      if (segment) segments.add(segment);
    }
    if (open) segments.add(open);
  };

  /** A new segment goes after the newest stored; within one millisecond, one tab's segments stay in their own order. */
  const openSegment = (at: number): Segment => {
    const segment: Segment = {
      id: formatSegmentId({ at: segments.nextAt(at), tab, count: count++ }),
      events: [],
      length: 0,
      bytes: 0,
      open: true,
      own: true,
    };
    segments.add(segment);
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
      for (let oldest = segments.ids()[0]; oldest !== undefined; oldest = segments.ids()[0]) {
        const segment = segments.get(oldest) as Segment;
        const entry = firstOf(segment);
        if (entry) return entry;
        if (segments.get(oldest)) drop(oldest);
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
      for (const segmentId of segments.ids()) {
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
      for (let oldest = segments.ids()[0]; oldest !== undefined && oldest < id.segment; oldest = segments.ids()[0]) drop(oldest);
      queue.remove(id);
    },
    size() {
      let total = 0;
      for (const segment of segments.all()) {
        eventsOf(segment);
        total += Math.max(0, segment.length - cursorOf(segment).index);
      }
      return total;
    },
    bytes() {
      let total = 0;
      // The open segment is measured only when asked: bounds are checked rarely, events are added often.
      for (const segment of segments.all()) total += segment.open ? toJson(segment.events).length : segment.bytes;
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
      if (text === null) segments.remove(key.slice(keys.segmentPrefix.length));
      else if (segment) segments.add(segment);
    },
  };
  rebuild();
  return queue;
}
