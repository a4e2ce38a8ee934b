/**
 * The SDK's one door to localStorage. Never throws: private modes, disabled storage and a full
 * quota all fall back to an in-memory copy for this page, so the SDK keeps working from memory.
 * While `persist` is off (consent not granted), writes stay in memory only.
 */
export interface Storage {
  get(key: string): string | null;
  /** Returns false when the value could only be kept in memory. */
  set(key: string, value: string): boolean;
  remove(key: string): void;
  /** Every key starting with `prefix`, from storage and memory. */
  keys(prefix: string): string[];
  /** Turns persistence on (copying what memory holds to storage) or off. */
  setPersist(persist: boolean): void;
}

export function createStorage(persistInitially = true): Storage {
  const memory = new Map<string, string>();
  let persist = persistInitially;

  const local = (): globalThis.Storage | undefined => {
    try {
      return globalThis.localStorage ?? undefined;
    } catch {
      return undefined;
    }
  };

  const write = (key: string, value: string): boolean => {
    try {
      const ls = local();
      if (!persist || !ls) return false;
      ls.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  };

  const storage: Storage = {
    get(key) {
      const kept = memory.get(key);
      if (kept !== undefined) return kept;
      try {
        return local()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      if (write(key, value)) {
        memory.delete(key);
        return true;
      }
      memory.set(key, value);
      return false;
    },
    remove(key) {
      memory.delete(key);
      try {
        local()?.removeItem(key);
      } catch {
        // Nothing to do: the key is gone from memory and storage refuses us anyway.
      }
    },
    keys(prefix) {
      const found = new Set<string>();
      try {
        const ls = local();
        for (let i = 0; ls && i < ls.length; i++) {
          const key = ls.key(i);
          if (key?.startsWith(prefix)) found.add(key);
        }
      } catch {
        // Storage unreadable: memory is all we have.
      }
      for (const key of memory.keys()) if (key.startsWith(prefix)) found.add(key);
      return [...found];
    },
    setPersist(next) {
      persist = next;
      if (next) for (const [key, value] of memory) storage.set(key, value);
    },
  };
  return storage;
}
