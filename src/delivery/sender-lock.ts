import type { Storage } from '../lib/storage';

/** A fallback lease outlives a request's timeout, so a live sender never loses it mid-request. */
export const LEASE_MS = 15_000;
export const LEASE_RETRY_MS = 200;

export type WithLock = (task: () => Promise<void>) => Promise<void>;

interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<void>;
}

/**
 * One sender at a time across the store's tabs: the Web Locks API where the browser has it
 * (released by the browser when a tab closes mid-send), else a lease in storage that expires.
 */
export function createSenderLock(name: string, storage: Storage, tab: string, now: () => number): WithLock {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (typeof locks?.request === 'function') {
    return (task) => locks.request(name, task);
  }
  const key = `${name}:lease`;
  const holder = (): string | undefined => {
    const [owner, until] = (storage.get(key) ?? '').split(' ');
    return Number(until) > now() ? owner : undefined;
  };
  const take = () => storage.set(key, `${tab} ${now() + LEASE_MS}`);
  return async (task) => {
    for (;;) {
      const owner = holder();
      if (owner === undefined || owner === tab) {
        take();
        if (holder() === tab) break;
      }
      await new Promise((resolve) => setTimeout(resolve, LEASE_RETRY_MS));
    }
    const renew = setInterval(take, LEASE_MS / 3);
    try {
      await task();
    } finally {
      clearInterval(renew);
      storage.remove(key);
    }
  };
}
