const PREFIX = '[alhena-cart]';

export interface Logger {
  /** Logged only in debug mode. */
  debug(...args: unknown[]): void;
  /** Always logged: configuration errors and other things a developer must fix. */
  error(...args: unknown[]): void;
}

export function createLogger(isDebug: () => boolean): Logger {
  const log = (method: 'info' | 'error', args: unknown[]) => {
    try {
      globalThis.console?.[method](PREFIX, ...args);
    } catch {
      // A broken console must not break the page.
    }
  };
  return {
    debug: (...args) => {
      if (isDebug()) log('info', args);
    },
    error: (...args) => log('error', args),
  };
}
