import * as v from 'valibot';
import { CartBodySchema, CheckoutBodySchema, type EventBody } from '../events/wire';
import { toJson } from '../lib/json';
import { object } from '../lib/schema';
import type { Storage } from '../lib/storage';
import { MAX_EVENT_AGE_MS } from './retry-policy';

/** The stored format's version: part of every key, so a future format never misreads this one. */
export const QUEUE_FORMAT = 1;

/** One event waiting for a final answer. Its id is its place in the queue and the TrackResult's eventId. */
export interface Entry {
  id: string;
  body: EventBody;
  /** [user, faq] fingerprints when known as the event was tracked. */
  fp?: [string, string];
  /** Tracked at (ms). */
  at: number;
  /** Failed attempts so far. */
  tries: number;
  /** Not to be sent before (ms). */
  notBefore: number;
  /** When set, a request for it left at this time and no answer has been seen. */
  sentAt?: number;
}

const bodySchema = (body: unknown) =>
  typeof body === 'object' && body !== null && 'line_items' in body ? CheckoutBodySchema : CartBodySchema;
const isBody = (body: unknown): body is EventBody => v.is(bodySchema(body), body);
/** A stored event: only what the wire needs, plus when it was tracked. */
const StoredEventSchema = object({
  b: v.custom<EventBody>(isBody),
  f: v.optional(v.pipe(v.array(v.pipe(v.string(), v.nonEmpty())), v.length(2))),
  t: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
type StoredEvent = v.InferOutput<typeof StoredEventSchema>;
/** The attempt state of a segment's first unfinished event. */
type Cursor = { i: number; n: number; w: number; s?: number };

/** The events one tab tracked within one task, written to storage once as a single key. */
interface Segment {
  id: string;
  /** Parsed lazily for segments written by other tabs; null when unreadable. */
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
  remove(id: string): void;
  /** The `n` oldest unfinished events (id and stored body), read without changing anything. */
  oldest(n: number): Pick<Entry, 'id' | 'body'>[];
  /** Finishes every event up to and including `id`, in one write: for dropping many at once. */
  removeThrough(id: string): void;
  size(): number;
  bytes(): number;
  /** Removes every event, returning their ids oldest first. */
  clear(): string[];
  /** Re-reads the index after another tab changed `key` (null: storage was cleared). */
  noteExternalChange(key: string | null): void;
  readonly prefix: string;
}

const pad = (n: number, width: number) => n.toString(36).padStart(width, '0');
const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;

/**
 * A persisted FIFO, cheap to write however long it grows. Events tracked in one task (a burst of
 * calls, a click handler) become one segment key, written once at the end of the task, before the
 * page can navigate away; a segment never changes afterwards. Progress is a tiny cursor key per
 * segment holding the head's attempt state, so finishing an event never rewrites the queue.
 */
export function createQueue(storage: Storage, namespace: string, tab: string): Queue {
  const prefix = `${namespace}q`;
  const segmentKey = (id: string) => `${prefix}:${id}`;
  const cursorKey = (id: string) => `${prefix}c:${id}`;
  const segments = new Map<string, Segment>();
  let order: string[] = [];
  let open: Segment | undefined;
  let lastAt = 0;
  let counter = 0;

  const readCursor = (id: string): Cursor => {
    try {
      const c = JSON.parse(storage.get(cursorKey(id)) ?? 'null') as Partial<Cursor> | null;
      if (c && isCount(c.i) && isCount(c.n) && isCount(c.w)) return { i: c.i, n: c.n, w: c.w, s: isCount(c.s) ? c.s : undefined };
    } catch {
      // Unreadable progress: start the segment over rather than skip events.
    }
    return { i: 0, n: 0, w: 0 };
  };

  const track = (segment: Segment) => {
    if (segments.has(segment.id)) return;
    segments.set(segment.id, segment);
    let i = order.length;
    while (i > 0 && order[i - 1] > segment.id) i--;
    order.splice(i, 0, segment.id);
  };
  const forget = (id: string) => {
    if (!segments.delete(id)) return;
    order.splice(order.indexOf(id), 1);
  };
  const drop = (id: string) => {
    storage.remove(segmentKey(id));
    storage.remove(cursorKey(id));
    forget(id);
  };

  const events = (segment: Segment): unknown[] | null => {
    if (segment.events === undefined) {
      try {
        const parsed: unknown = JSON.parse(storage.get(segmentKey(segment.id)) ?? 'null');
        segment.events = Array.isArray(parsed) ? parsed : null;
      } catch {
        segment.events = null;
      }
      if (segment.events) segment.length = segment.events.length;
    }
    return segment.events;
  };

  const flush = () => {
    const segment = open;
    open = undefined;
    if (!segment) return;
    segment.open = false;
    const text = toJson(segment.events);
    segment.bytes = text.length;
    storage.set(segmentKey(segment.id), text);
  };

  const rebuild = () => {
    segments.clear();
    order = [];
    for (const key of storage.keys(`${prefix}:`)) {
      track({ id: key.slice(prefix.length + 1), length: 1, bytes: storage.get(key)?.length ?? 0 });
    }
    if (open) track(open);
  };

  const queue: Queue = {
    prefix,
    add(body, fp, at) {
      if (!open) {
        // After the newest segment stored, even when the clock went back since it was written (within
        // the day an event lives: a later one is junk). Within one millisecond, one tab's segments
        // stay together and in their own order.
        const newest = order.length ? Number.parseInt(order[order.length - 1], 36) : 0;
        lastAt = Math.max(lastAt, at, newest - at > MAX_EVENT_AGE_MS ? 0 : newest + 1);
        open = { id: `${pad(lastAt, 9)}.${tab}.${pad(counter++ % 36 ** 4, 4)}`, events: [], length: 0, bytes: 0, open: true, own: true };
        track(open);
        queueMicrotask(flush);
      }
      const stored: StoredEvent = fp ? { b: body, f: fp, t: at } : { b: body, t: at };
      (open.events as unknown[]).push(stored);
      return { id: `${open.id}.${open.length++}`, body, fp, at, tries: 0, notBefore: 0 };
    },
    head() {
      while (order.length) {
        const segment = segments.get(order[0]) as Segment;
        const list = events(segment);
        const cursor = segment.open ? { i: 0, n: 0, w: 0 } : readCursor(segment.id);
        if (!list || (!segment.open && storage.get(segmentKey(segment.id)) === null) || cursor.i >= list.length) {
          drop(segment.id);
          continue;
        }
        // What was read back from storage is checked; this tab's own events never left memory.
        const parsed = segment.own
          ? { success: true as const, output: list[cursor.i] as StoredEvent }
          : v.safeParse(StoredEventSchema, list[cursor.i]);
        if (!parsed.success) {
          // Tampered or corrupt: never sent as it is.
          queue.remove(`${segment.id}.${cursor.i}`);
          continue;
        }
        const { b, f, t } = parsed.output;
        return {
          id: `${segment.id}.${cursor.i}`,
          // Read back, it goes out as the schema gives it: no field it does not know, ids and currency normalized.
          body: segment.own ? b : (v.safeParse(bodySchema(b), b).output as EventBody),
          fp: f as [string, string] | undefined,
          at: t,
          tries: cursor.n,
          notBefore: cursor.w,
          sentAt: cursor.s,
        };
      }
      return undefined;
    },
    save(entry) {
      const cut = entry.id.lastIndexOf('.');
      flush();
      const cursor: Cursor = { i: Number(entry.id.slice(cut + 1)), n: entry.tries, w: entry.notBefore, s: entry.sentAt };
      storage.set(cursorKey(entry.id.slice(0, cut)), toJson(cursor));
    },
    remove(id) {
      const cut = id.lastIndexOf('.');
      const segmentId = id.slice(0, cut);
      const segment = segments.get(segmentId);
      if (!segment) return;
      flush();
      const next = Number(id.slice(cut + 1)) + 1;
      if (next >= segment.length) drop(segmentId);
      else {
        storage.set(cursorKey(segmentId), toJson({ i: next, n: 0, w: 0 }));
        segment.bytes -= segment.bytes / (segment.length - next + 1);
      }
    },
    oldest(n) {
      const found: Pick<Entry, 'id' | 'body'>[] = [];
      for (const segmentId of order) {
        const segment = segments.get(segmentId) as Segment;
        const list = events(segment) ?? [];
        for (let i = segment.open ? 0 : readCursor(segmentId).i; i < list.length && found.length < n; i++) {
          const body = (list[i] as Partial<StoredEvent> | null)?.b;
          found.push({ id: `${segmentId}.${i}`, body: (typeof body === 'object' && body !== null ? body : {}) as EventBody });
        }
        if (found.length >= n) break;
      }
      return found;
    },
    removeThrough(id) {
      const segmentId = id.slice(0, id.lastIndexOf('.'));
      flush();
      // Segment ids sort by time: the ones before this one are older.
      while (order.length && order[0] < segmentId) drop(order[0]);
      queue.remove(id);
    },
    size() {
      let count = 0;
      for (const segment of segments.values()) {
        events(segment);
        count += Math.max(0, segment.length - (segment.open ? 0 : readCursor(segment.id).i));
      }
      return count;
    },
    bytes() {
      let total = 0;
      // The open segment is measured only when asked: bounds are checked rarely, events are added often.
      for (const segment of segments.values()) total += segment.open ? toJson(segment.events).length : segment.bytes;
      return total;
    },
    clear() {
      const ids: string[] = [];
      for (let entry = queue.head(); entry; entry = queue.head()) {
        ids.push(entry.id);
        queue.remove(entry.id);
      }
      return ids;
    },
    noteExternalChange(key) {
      if (key === null) return rebuild();
      if (!key.startsWith(`${prefix}:`)) return;
      const id = key.slice(prefix.length + 1);
      const text = storage.get(key);
      if (text === null) forget(id);
      else track({ id, length: 1, bytes: text.length });
    },
  };
  rebuild();
  return queue;
}
