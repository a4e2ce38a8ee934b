import { formatIssues, type ValidationIssue } from '../events/input';
import { randomId } from '../lib/ids';
import type { Logger } from '../lib/logger';
import { type EventOrigin, emit } from '../observe';
import type { AlhenaCartError, Options, TrackResult } from '../types';

export interface Outcomes {
  /** Every final outcome: the debug log, and `onEvent` (not for `queued`). A dropped event is also an error. */
  report(result: TrackResult): void;
  /** An outcome decided at the call: the caller's promise has it, `onEvent` hears it too. */
  decided(result: TrackResult): Promise<TrackResult>;
  dropped(code: string | undefined): Promise<TrackResult>;
  /** `input`: what the call was given, and `origin` where it came from, for observers. */
  invalid(method: string, issues: ValidationIssue[], input: unknown, origin: EventOrigin): Promise<TrackResult>;
  /** `onError`: configuration errors, dropped events, malformed captures. */
  error(error: AlhenaCartError): void;
}

const callSafely = <T>(callback: ((value: T) => void) | undefined, value: T) => {
  try {
    callback?.(value);
  } catch {
    // The page's own callback threw: that must not stop delivery.
  }
};

/** How a tracker tells the page what became of its calls: `onEvent`, `onError` and the debug log. */
export function createOutcomes(options: () => Options, logger: Logger): Outcomes {
  const error = (problem: AlhenaCartError) => {
    logger.debug('error', problem.code, problem.message);
    callSafely(options().onError, problem);
  };
  const report = (result: TrackResult) => {
    logger.debug(`${result.eventId}: ${result.status}${result.code ? ` (${result.code})` : ''}`);
    if (result.status !== 'queued') callSafely(options().onEvent, result);
    emit(() => ({ kind: 'result', result }));
  };
  const decided = (result: TrackResult) => {
    report(result);
    return Promise.resolve(result);
  };
  return {
    report(result) {
      report(result);
      // Queue full, expired, consent denied: the page's error handler hears of it too.
      if (result.status === 'dropped') {
        error({ code: result.code ?? 'DROPPED', message: `event ${result.eventId} was dropped (${result.code})`, eventId: result.eventId });
      }
    },
    decided,
    dropped: (code) => decided({ status: 'dropped', eventId: randomId(), code }),
    invalid(method, issues, input, origin) {
      logger.debug(`${method}: invalid input, nothing sent:\n  ${formatIssues(issues, undefined, '\n  ')}`);
      const eventId = randomId();
      emit(() => ({ kind: 'event', eventId, method, input, origin }));
      return decided({ status: 'invalid', eventId, code: 'INVALID_INPUT', issues });
    },
    error,
  };
}
