import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSenderLock, LEASE_MS } from '../../src/delivery/sender-lock';
import type { Storage } from '../../src/lib/storage';
import { KEYS, removeWebLocks } from '../helpers';

/**
 * Two tabs' views of one localStorage, as browsers keep it for tabs in other processes: the writes
 * have one order (the browser's), a tab reads its own writes at once and the other tab's `delayMs`
 * after they were made, and the last write visible to a tab is what it reads.
 */
function storageOfTwoTabs(delayMs: number): [Storage, Storage] {
  const writes: { at: number; tab: number; key: string; value: string | null }[] = [];
  const view = (tab: number): Storage => {
    const visible = () => writes.filter((w) => w.tab === tab || w.at <= Date.now() - delayMs);
    const write = (key: string, value: string | null) => writes.push({ at: Date.now(), tab, key, value });
    return {
      get: (key) =>
        visible()
          .reverse()
          .find((w) => w.key === key)?.value ?? null,
      set: (key, value) => write(key, value) > 0,
      remove: (key) => void write(key, null),
      keys: (prefix) => [...new Set(visible().map((w) => w.key))].filter((key) => key.startsWith(prefix)),
      setPersist: () => {},
    };
  };
  return [view(0), view(1)];
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the storage lease (no Web Locks, as in Firefox before 96 or Chromium blocking site data)', () => {
  beforeEach(removeWebLocks);

  it('lets one of two tabs send at a time when both find it free at the same moment', async () => {
    vi.useFakeTimers();
    const [storageA, storageB] = storageOfTwoTabs(20);
    const spans: [string, number, number][] = [];
    const sender = (tab: string, storage: Storage) => {
      const lock = createSenderLock(KEYS, storage, tab, Date.now);
      return lock.run(async () => {
        const start = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        spans.push([tab, start, Date.now()]);
      });
    };
    const both = Promise.all([sender('A', storageA), sender('B', storageB)]);
    await vi.advanceTimersByTimeAsync(5_000);
    await both;
    expect(spans.map(([tab]) => tab).sort()).toEqual(['A', 'B']);
    const [first, second] = spans.sort((x, y) => x[1] - y[1]);
    expect(second[1], `${second[0]} started while ${first[0]} was still sending`).toBeGreaterThanOrEqual(first[2]);
  });

  it('tells a tab whose lease another tab has taken over that it may no longer send, and leaves that tab’s lease alone', async () => {
    vi.useFakeTimers();
    const [storageA, storageB] = storageOfTwoTabs(20);
    const lockA = createSenderLock(KEYS, storageA, 'A', Date.now);
    const held: boolean[] = [];
    const runA = lockA.run(async () => {
      held.push(lockA.held());
      // Tab B, having found the lease expired (tab A frozen in the background, say), writes its own.
      storageB.set(KEYS.lease, `B ${Date.now() + LEASE_MS}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      held.push(lockA.held());
    });
    await vi.advanceTimersByTimeAsync(1_000);
    await runA;
    expect(held).toEqual([true, false]);
    expect(storageA.get(KEYS.lease)).toMatch(/^B /);
  });
});
