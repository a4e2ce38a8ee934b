import * as v from 'valibot';
import { CartBodySchema, CheckoutBodySchema, type EventBody } from '../events/wire';
import type { Storage } from '../lib/storage';

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

const Text = v.pipe(v.string(), v.nonEmpty());
const Time = v.pipe(v.number(), v.integer(), v.minValue(0));
const StoredEntrySchema = v.object({
  b: v.union([CartBodySchema, CheckoutBodySchema]),
  f: v.optional(v.tuple([Text, Text])),
  t: Time,
  n: Time,
  w: Time,
  s: v.optional(Time),
});

export interface Queue {
  add(body: EventBody, fp: [string, string] | undefined, at: number): Entry;
  /** The oldest entry, read fresh from storage (another tab may have changed it). */
  head(): Entry | undefined;
  save(entry: Entry): void;
  remove(id: string): void;
  /** Ids oldest first. */
  ids(): readonly string[];
  bytes(): number;
  /** Re-reads the index after another tab changed `key` (null: storage was cleared). */
  noteExternalChange(key: string | null): void;
  readonly prefix: string;
}

const pad = (n: number, width: number) => n.toString(36).padStart(width, '0');

/**
 * A persisted FIFO with one storage key per event, so adding or finishing an event writes only
 * that event, never the whole queue. An in-memory index of ids and sizes (kept current from
 * `storage` events) keeps the bounds check cheap.
 */
export function createQueue(storage: Storage, namespace: string, tab: string): Queue {
  const prefix = `${namespace}q:`;
  const sizes = new Map<string, number>();
  let order: string[] = [];
  let total = 0;
  let lastAt = 0;
  let counter = 0;

  const index = (id: string, size: number) => {
    if (!sizes.has(id)) {
      let i = order.length;
      while (i > 0 && order[i - 1] > id) i--;
      order.splice(i, 0, id);
    }
    total += size - (sizes.get(id) ?? 0);
    sizes.set(id, size);
  };
  const unindex = (id: string) => {
    const size = sizes.get(id);
    if (size === undefined) return;
    sizes.delete(id);
    total -= size;
    order.splice(order.indexOf(id), 1);
  };
  const rebuild = () => {
    sizes.clear();
    order = [];
    total = 0;
    for (const key of storage.keys(prefix)) index(key.slice(prefix.length), key.length + (storage.get(key)?.length ?? 0));
  };

  const write = (entry: Entry) => {
    const stored = { b: entry.body, f: entry.fp, t: entry.at, n: entry.tries, w: entry.notBefore, s: entry.sentAt };
    const text = JSON.stringify(stored);
    storage.set(prefix + entry.id, text);
    index(entry.id, prefix.length + entry.id.length + text.length);
  };

  const read = (id: string): Entry | undefined => {
    const text = storage.get(prefix + id);
    let parsed: v.SafeParseResult<typeof StoredEntrySchema> | undefined;
    try {
      if (text !== null) parsed = v.safeParse(StoredEntrySchema, JSON.parse(text));
    } catch {
      // Corrupt JSON: discarded below like any entry that fails its schema.
    }
    if (!parsed?.success) {
      queue.remove(id);
      return undefined;
    }
    const { b, f, t, n, w, s } = parsed.output;
    return { id, body: b as EventBody, fp: f, at: t, tries: n, notBefore: w, sentAt: s };
  };

  const queue: Queue = {
    prefix,
    add(body, fp, now) {
      lastAt = Math.max(lastAt, now);
      // Time first; within one millisecond, one tab's events stay together and in their own order.
      const entry: Entry = { id: `${pad(lastAt, 9)}.${tab}.${pad(counter++ % 36 ** 4, 4)}`, body, fp, at: now, tries: 0, notBefore: 0 };
      write(entry);
      return entry;
    },
    head() {
      while (order.length) {
        const entry = read(order[0]);
        if (entry) return entry;
      }
      return undefined;
    },
    save: write,
    remove(id) {
      storage.remove(prefix + id);
      unindex(id);
    },
    ids: () => order,
    bytes: () => total,
    noteExternalChange(key) {
      if (key === null) return rebuild();
      const id = key.slice(prefix.length);
      const text = storage.get(key);
      if (text === null) unindex(id);
      else index(id, text.length + key.length);
    },
  };
  rebuild();
  return queue;
}
