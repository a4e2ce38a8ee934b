import type { Storage } from '../lib/storage';
import type { StorageKeys } from '../lib/storage-keys';

/** A lease outlives a request's timeout, so a live sender never loses it mid-request. */
export const LEASE_MS = 15_000;
export const LEASE_RETRY_MS = 200;
/**
 * A lease is trusted only if it is still this tab's this long after it was written: a write reaches
 * the other tabs (other processes) a moment later, so two tabs that saw it free at once both write it,
 * and by then both read the same last write.
 */
export const LEASE_CONFIRM_MS = 100;
/** How long a tab named in the lease has to answer "still here?" before it counts as gone. */
export const PING_MS = 250;
const CATCH_UP_POLL_MS = 20;

export interface SenderLock {
  /** Runs `task` as the store's only sender across its tabs. */
  run(task: () => Promise<void>): Promise<void>;
  /** True while another live tab is sending (read synchronously, e.g. as the page leaves). */
  heldElsewhere(): boolean;
  /** Whether this tab may still send: false once another tab has taken a storage lease over. */
  held(): boolean;
  close(): void;
}

interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One sender at a time across the store's tabs: the Web Locks API where the browser has it
 * (released by the browser when a tab closes mid-send), else a lease in storage that expires.
 * Either way the holder keeps a lease record while it sends and removes it last, so other tabs can
 * see synchronously that someone is sending, and know when its writes have all reached them.
 */
export function createSenderLock(
  keys: Pick<StorageKeys, 'lease' | 'senderLock' | 'alive'>,
  storage: Storage,
  tab: string,
  now: () => number,
): SenderLock {
  const key = keys.lease;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(keys.alive) : undefined;
  channel?.addEventListener('message', (event) => {
    if (event.data?.ping === tab) channel.postMessage({ pong: tab });
  });
  /** The live lease's tab. One running out further than a lease ever does is not one (tampered, or the clock went back). */
  const holder = (): string | undefined => {
    const [owner, until] = (storage.get(key) ?? '').split(' ');
    const left = Number(until) - now();
    return left > 0 && left <= LEASE_MS ? owner : undefined;
  };
  const take = () => storage.set(key, `${tab} ${now() + LEASE_MS}`);

  /** Whether `other` answers within PING_MS; without BroadcastChannel, assume it does (its lease will expire). */
  const alive = (other: string) =>
    new Promise<boolean>((resolve) => {
      if (!channel) return resolve(true);
      const answer = (event: MessageEvent) => {
        if (event.data?.pong !== other) return;
        clearTimeout(timer);
        channel.removeEventListener('message', answer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        channel.removeEventListener('message', answer);
        resolve(false);
      }, PING_MS);
      channel.addEventListener('message', answer);
      channel.postMessage({ ping: other });
    });

  /**
   * Tabs in different processes see each other's storage writes a moment late, and the lock can
   * reach this tab before the last sender's writes do. The last sender removes its lease after its
   * other writes, and changes arrive in order: while this tab still sees another live tab's lease,
   * it waits, so it never acts on the queue as it was before that tab's last answer.
   */
  const catchUp = async () => {
    const deadline = now() + LEASE_MS;
    for (let other = holder(); other && other !== tab && now() < deadline; other = holder()) {
      if (!(await alive(other))) return;
      await sleep(CATCH_UP_POLL_MS);
    }
  };

  const hold = async (task: () => Promise<void>) => {
    take();
    // Renewed only while it is still this tab's: a tab that lost it must not take it back from the new sender.
    const renew = setInterval(() => holder() === tab && take(), LEASE_MS / 3);
    try {
      await task();
    } finally {
      clearInterval(renew);
      if (holder() === tab) storage.remove(key);
    }
  };
  /** Set once this tab sends under a storage lease rather than a Web Lock. */
  let leasing = false;
  /** Without Web Locks: take the lease when it is free or expired (a tab that closed mid-send), and confirm it. */
  const lease = async (task: () => Promise<void>) => {
    leasing = true;
    for (;;) {
      if ((holder() ?? tab) === tab) {
        take();
        await sleep(LEASE_CONFIRM_MS);
        if (holder() === tab) break;
      }
      await sleep(LEASE_RETRY_MS);
    }
    return hold(task);
  };
  let locks: LockManagerLike | undefined;
  try {
    locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  } catch {
    // A page's getter that throws: the lease will do.
  }
  return {
    heldElsewhere: () => (holder() ?? tab) !== tab,
    held: () => !leasing || holder() === tab,
    close: () => channel?.close(),
    async run(task) {
      let granted = false;
      try {
        if (typeof locks?.request === 'function')
          return await locks.request(keys.senderLock, async () => {
            granted = true;
            await catchUp();
            return hold(task);
          });
      } catch (error) {
        if (granted) throw error;
        // Refused before it ran: Chromium set to block site data refuses Web Locks with a SecurityError.
        locks = undefined;
      }
      return lease(task);
    },
  };
}
