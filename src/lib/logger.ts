const PREFIX = '[alhena-cart]';

export interface Logger {
  /** Logged only in debug mode. */
  debug(...args: unknown[]): void;
  /** Always logged: configuration errors and other things a developer must fix. */
  error(...args: unknown[]): void;
  /** Always logged: a call that did nothing, and why. */
  warn(...args: unknown[]): void;
}

/** The SDK's only way to the console: every line `[alhena-cart]`-prefixed, debug lines only in debug mode, never a throw. */
export function createLogger(isDebug: () => boolean = () => false): Logger {
  const log = (method: 'info' | 'warn' | 'error', args: unknown[]) => {
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
    warn: (...args) => log('warn', args),
  };
}
