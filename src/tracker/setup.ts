import type { Options, Tracker } from '../types';
import type { TrackerPlugin } from './plugin';
import type { Seams } from './session';

// How each entry makes its trackers (the script tag, npm's main and capture entries, tests): what
// `buildTracker` is given besides the options.
export interface TrackerSetup {
  /**
   * When the tracker starts reading its configuration: lib/start-soon's `startSoon` for a tracker an app
   * creates (in a task of its own, or at the first call); at once without it (the script tag: its loader
   * has waited already).
   */
  schedule?: (start: () => void, events: readonly string[]) => void;
  /**
   * The default tracker a module function made before `init()`: `init()` may still add its options until
   * the configuration is read, which waits for the next task.
   */
  adoptable?: boolean;
  /** `autoTrack` when no option says: on for the script tag. */
  autoTrackDefault?: boolean;
  plugins?: TrackerPlugin[];
  /**
   * Capture, loaded when the configuration asks for it (`autoTrack`, `dataLayer`) or the page has a
   * fingerprint form: the main npm entry's dynamic import, so that an app without them never loads it.
   */
  loadCapture?: () => Promise<TrackerPlugin>;
  seams?: Seams;
}

/** A tracker the default tracker's `init()` may still configure: answers whether the options were taken. */
export type AdoptedTracker = Tracker & { adopt(options: Options, plugins: TrackerPlugin[]): boolean };
