/** What the page tells delivery: back online, leaving (or entering the back/forward cache), shown again, another tab's storage write. */
export interface PageHandlers {
  online(): void;
  hide(): void;
  show(): void;
  /** `key` null: storage was cleared; `added`: a key that did not exist before. */
  storageChanged(key: string | null, added: boolean): void;
}

/** Listens to the page's lifecycle and other tabs' storage writes; returns the function that stops listening. */
export function watchPage(on: PageHandlers): () => void {
  const listeners: [string, (event: Event) => void][] = [
    ['online', () => on.online()],
    ['pagehide', () => on.hide()],
    ['pageshow', () => on.show()],
    [
      'storage',
      (event) => {
        const { key, oldValue, newValue } = event as StorageEvent;
        on.storageChanged(key, oldValue === null && newValue !== null);
      },
    ],
  ];
  for (const [type, listener] of listeners) globalThis.addEventListener?.(type, listener);
  return () => {
    for (const [type, listener] of listeners) globalThis.removeEventListener?.(type, listener);
  };
}
