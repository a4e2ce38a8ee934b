import type { Observation } from '../observe';
import type { Fingerprints, Options } from '../types';
import type { Lifecycle } from './run';

/** A tracker as observers see it (`observe.ts`): its state, options, resolved configuration, fingerprints and queue. */
export function trackerObservation(
  state: Lifecycle,
  options: Options,
  fingerprints: () => Fingerprints | null,
  createdAt: number,
): Observation {
  const running = state.name === 'running' ? state.session : undefined;
  return {
    kind: 'tracker',
    state: state.name,
    code: state.name === 'refused' ? state.code : undefined,
    options,
    // The configuration as it is now: consent may have changed since it was read.
    config: running && { ...running.config, apiBaseUrl: running.apiBaseUrl(), consent: running.consent() },
    fingerprints: fingerprints(),
    createdAt,
    queue: running?.queueView(),
  };
}
