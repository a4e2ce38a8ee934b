import type { Logger } from '../lib/logger';
import { emit } from '../observe';
import type { TrackStatus } from '../types';
import { classifyAnswer } from './answer';
import type { Next, Request, Wait } from './next-request';
import type { Entry, Queue } from './queue';
import { retryDelayMs } from './retry-policy';
import { formatEntryId } from './segments';
import type { SenderLock } from './sender-lock';
import type { Send } from './transport';

/** Chromium shares this much body between all of a page's in-flight keepalive requests. */
export const KEEPALIVE_BUDGET_BYTES = 64 * 1024;
/** How long a network error waits to be sure the page is not going away (a closing window fails its requests first). */
export const NETWORK_ERROR_GRACE_MS = 100;

/** Whether a body fits the keepalive budget: at most three UTF-8 bytes per UTF-16 unit, counted only when that bound does not decide. */
const fitsKeepaliveBudget = (json: string) =>
  json.length * 3 <= KEEPALIVE_BUDGET_BYTES ||
  (typeof TextEncoder === 'function' && new TextEncoder().encode(json).length <= KEEPALIVE_BUDGET_BYTES);

export interface SendOneDeps {
  queue: Queue;
  send: Send;
  logger: Logger;
  now: () => number;
}

/** POSTs the head, marked as sent first (so that no later page sends it again once this page is gone). */
export function sendOne({ entry, url, json }: Request, deps: SendOneDeps) {
  entry.sentAt = deps.now();
  deps.queue.save(entry);
  const eventId = formatEntryId(entry.id);
  deps.logger.debug(`sending ${eventId} (attempt ${entry.tries + 1})`, json);
  emit(() => ({ kind: 'sending', eventId, attempt: entry.tries + 1 }));
  return deps.send(url, json, fitsKeepaliveBudget(json));
}

export interface SendAllDeps extends SendOneDeps {
  next: () => Next;
  finish: (entry: Entry, status: TrackStatus, code?: string) => void;
  lock: SenderLock;
  random: () => number;
  /** Whether this run is still the sender's (consent denied or a shutdown ends it). */
  mine: () => boolean;
  page: () => 'shown' | 'hidden';
}

/** How a run ended: nothing left to send now, a reason to wait, or the lease taken over by another tab. */
export type RunEnd = { wait: Wait; ms?: number } | { leaseLost: true } | { done: true };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends the queue's head, one event at a time, while this run is the sender's and the head can go. */
export async function sendAll(deps: SendAllDeps): Promise<RunEnd> {
  for (;;) {
    if (!deps.mine()) return { done: true };
    const request = deps.next();
    if (!request) return { done: true };
    if ('wait' in request) return { wait: request.wait, ms: request.ms };
    // A storage lease can be taken over by a tab that saw it expire: that tab sends now, this one waits its turn.
    if (!deps.lock.held()) return { leaseLost: true };
    const { entry } = request;
    const answer = await sendOne(request, deps);
    // Leaving, Chromium fails the page's side of a keepalive request that it still delivers: what this page
    // sees then is no answer, so the entry keeps its sentAt mark (see next-request). A window closed by
    // script fails it before `pagehide`: a network error counts only if the page is still here a moment later.
    if (answer.error === 'network' && deps.page() === 'shown') await sleep(NETWORK_ERROR_GRACE_MS);
    if (deps.page() === 'hidden' || !deps.mine()) return { done: true };
    const outcome = classifyAnswer(answer);
    if (outcome.final) {
      deps.finish(entry, outcome.status, outcome.code);
      continue;
    }
    entry.tries++;
    entry.sentAt = undefined;
    entry.notBefore = deps.now() + retryDelayMs(entry.tries, outcome.status, outcome.retryAfter, deps.now(), deps.random);
    deps.queue.save(entry);
  }
}
