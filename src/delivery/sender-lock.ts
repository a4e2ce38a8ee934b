import type { Storage } from '../lib/storage';

/** A lease outlives a request's timeout, so a live sender never loses it mid-request. */
export const LEASE_MS = 15_000;
export const LEASE_RETRY_MS = 200;

export interface SenderLock {
  /** Runs `task` as the store's only sender across its tabs. */
  run(task: () => Promise<void>): Promise<void>;
  /** True while another live tab is sending (read synchronously, e.g. as the page leaves). */
  heldElsewhere(): boolean;
}

interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<void>;
}

/**
 * One sender at a time across the store's tabs: the Web Locks API where the browser has it
 * (released by the browser when a tab closes mid-send), else a lease in storage that expires.
 * Either way the holder keeps a lease record current, so other tabs can see synchronously that
 * someone is sending.
 */
export function createSenderLock(name: string, storage: Storage, tab: string, now: () => number): SenderLock {
  const key = `${name}:lease`;
  const holder = (): string | undefined => {
    const [owner, until] = (storage.get(key) ?? '').split(' ');
    return Number(until) > now() ? owner : undefined;
  };
  const take = () => storage.set(key, `${tab} ${now() + LEASE_MS}`);
  const hold = async (task: () => Promise<void>) => {
    take();
    const renew = setInterval(take, LEASE_MS / 3);
    try {
      await task();
    } finally {
      clearInterval(renew);
      storage.remove(key);
    }
  };
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  return {
    heldElsewhere: () => (holder() ?? tab) !== tab,
    run:
      typeof locks?.request === 'function'
        ? (task) => locks.request(name, () => hold(task))
        : async (task) => {
            // Without Web Locks: take the lease when it is free or expired (a tab that closed mid-send).
            for (;;) {
              if ((holder() ?? tab) === tab) {
                take();
                if (holder() === tab) break;
              }
              await new Promise((resolve) => setTimeout(resolve, LEASE_RETRY_MS));
            }
            return hold(task);
          },
  };
}
