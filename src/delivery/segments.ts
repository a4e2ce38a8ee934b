// The queue's stored format: segments (the events one tab tracked in one task, one key each), the ids
// that place an event in them, and each segment's cursor. Values here, text only at the storage edge.
import * as v from 'valibot';
import { CartBodySchema, CheckoutBodySchema, type EventBody } from '../events/wire';
import { toJson } from '../lib/json';
import { object } from '../lib/schema';
import type { Storage } from '../lib/storage';

/** A segment: tracked at `at` (ms) by tab `tab`, its `count`-th of that millisecond. Sorts by time as text. */
export interface SegmentId {
  at: number;
  tab: string;
  count: number;
}

/** Where an event sits: its segment (formatted, as in its storage key) and its place in it. */
export interface EntryId {
  segment: string;
  index: number;
}

const pad = (n: number, width: number) => n.toString(36).padStart(width, '0');
const SEGMENT_ID = /^([0-9a-z]{9})\.([0-9a-z-]+)\.([0-9a-z]{4})$/;

export const formatSegmentId = ({ at, tab, count }: SegmentId) => `${pad(at, 9)}.${tab}.${pad(count % 36 ** 4, 4)}`;

/** A segment id read back from a storage key; undefined for a key that is none. */
export function parseSegmentId(text: string): SegmentId | undefined {
  const match = SEGMENT_ID.exec(text);
  return match ? { at: Number.parseInt(match[1], 36), tab: match[2], count: Number.parseInt(match[3], 36) } : undefined;
}

/** The event's id for callers and `onEvent` (`TrackResult.eventId`). */
export const formatEntryId = ({ segment, index }: EntryId) => `${segment}.${index}`;

const bodySchema = (body: unknown) =>
  typeof body === 'object' && body !== null && 'line_items' in body ? CheckoutBodySchema : CartBodySchema;
const isBody = (body: unknown): body is EventBody => v.is(bodySchema(body), body);

/** A stored event: only what the wire needs (`b`), the fingerprints known when it was tracked (`f`), when (`t`). */
const StoredEventSchema = object({
  b: v.custom<EventBody>(isBody),
  f: v.optional(v.pipe(v.array(v.pipe(v.string(), v.nonEmpty())), v.length(2))),
  t: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type StoredEvent = v.InferOutput<typeof StoredEventSchema>;

/**
 * A stored event read back from storage (another tab's, or a tampered one): checked, and its body as the
 * schema gives it (no field it does not know, ids and currency normalized). Undefined when it is not one.
 */
export function readStoredEvent(raw: unknown): { body: EventBody; fp?: [string, string]; at: number } | undefined {
  const parsed = v.safeParse(StoredEventSchema, raw);
  if (!parsed.success) return undefined;
  const { b, f, t } = parsed.output;
  return { body: v.safeParse(bodySchema(b), b).output as EventBody, fp: f as [string, string] | undefined, at: t };
}

/** A segment's progress: the index of its first unfinished event, and that event's attempt state. */
export interface Cursor {
  index: number;
  tries: number;
  notBefore: number;
  /** A request for it left at this time and no answer has been seen. */
  sentAt?: number;
}

const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;

/** Stored as `{ i, n, w, s }`; unreadable progress starts the segment over rather than skip events. */
export function readCursor(storage: Storage, key: string): Cursor {
  try {
    const stored = JSON.parse(storage.get(key) ?? 'null') as { i?: unknown; n?: unknown; w?: unknown; s?: unknown } | null;
    if (stored && isCount(stored.i) && isCount(stored.n) && isCount(stored.w))
      return { index: stored.i, tries: stored.n, notBefore: stored.w, sentAt: isCount(stored.s) ? stored.s : undefined };
  } catch {
    // Corrupt: from the start.
  }
  return { index: 0, tries: 0, notBefore: 0 };
}

export const writeCursor = (storage: Storage, key: string, { index, tries, notBefore, sentAt }: Cursor) =>
  storage.set(key, toJson({ i: index, n: tries, w: notBefore, s: sentAt }));
