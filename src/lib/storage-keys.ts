/** Every key the SDK writes starts with this. */
export const STORAGE_PREFIX = 'alhena-cart:';
/** The stored format's version: part of every key, so a future format never misreads this one. */
export const STORAGE_FORMAT = 1;

/** The names one company key's state lives under: storage keys, the Web Lock, the tabs' channels. */
export interface StorageKeys {
  /** The start of every key of this company key: `alhena-cart:1:<company>:`. */
  namespace: string;
  /** Where the queue's segments are: `<namespace>q:<segment>`. */
  segmentPrefix: string;
  segment(id: string): string;
  /** A segment's progress: `<namespace>qc:<segment>`. */
  cursor(id: string): string;
  cart: string;
  orders: string;
  /** The sender's lease, read synchronously by every tab. */
  lease: string;
  /** The Web Lock one tab sends under. */
  senderLock: string;
  /** BroadcastChannels: answers for the tab that tracked an event; "still there?" between senders. */
  answers: string;
  alive: string;
  /** A platform's cart reads, one tab at a time: the lease, the Web Lock, the "still there?" channel. */
  cartRead: { lease: string; senderLock: string; alive: string };
}

export function storageKeys(companyKey: string): StorageKeys {
  const namespace = `${STORAGE_PREFIX}${STORAGE_FORMAT}:${companyKey}:`;
  const segmentPrefix = `${namespace}q:`;
  return {
    namespace,
    segmentPrefix,
    segment: (id) => `${segmentPrefix}${id}`,
    cursor: (id) => `${namespace}qc:${id}`,
    cart: `${namespace}cart`,
    orders: `${namespace}orders`,
    lease: `${namespace}sender:lease`,
    senderLock: `${namespace}sender`,
    answers: namespace,
    alive: `${namespace}sender:alive`,
    cartRead: { lease: `${namespace}cart-read:lease`, senderLock: `${namespace}cart-read`, alive: `${namespace}cart-read:alive` },
  };
}
