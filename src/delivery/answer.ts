import type { TrackStatus } from '../types';

/** The vendor's documented error codes and what each means for the event. */
export const ERROR_CODE_STATUS: Record<string, TrackStatus> = {
  MISSING_REQUIRED_FIELDS: 'rejected',
  COMPANY_NOT_FOUND: 'rejected',
  ACTIVE_TICKET_NOT_FOUND: 'not_attributed',
  PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND: 'rejected',
  PREVIOUS_QUANTITY_INCREASED_EVENT_NOT_FOUND: 'rejected',
  ORDER_ALREADY_EXISTS: 'duplicate',
};

/** What came back for one request: an HTTP status (0 when none: network error, CORS, blocked, timeout). */
export interface Answer {
  status: number;
  text: string;
  retryAfter: string | null;
  error?: 'network' | 'timeout';
}

export type AnswerClass =
  | { final: true; status: TrackStatus; code?: string }
  | { final: false; status: number; retryAfter: string | null; reason: string };

const CODE_SHAPE = /^[A-Z][A-Z0-9_]{2,}$/;
const CODE_KEYS = ['error_code', 'code', 'error', 'message', 'detail', 'error_type', 'event_type', 'errors'] as const;

const KNOWN_CODES = Object.keys(ERROR_CODE_STATUS);

function knownCodeIn(text: string): string | undefined {
  return KNOWN_CODES.find((code) => text.includes(code));
}

/**
 * Finds the error code in an answer, wherever the API put it: `error_code`, `code`, `error`,
 * `message`, `detail`, `error_type` or `event_type`, possibly nested as `error.code` or
 * `errors[0].code`; else a documented code anywhere in the body, JSON or plain text. Never throws.
 */
export function readErrorCode(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return knownCodeIn(text);
  }
  const candidates: unknown[] = [];
  const collect = (value: unknown) => {
    if (Array.isArray(value)) candidates.push(...value.slice(0, 100));
    else if (typeof value === 'object' && value !== null)
      for (const key of CODE_KEYS) candidates.push((value as Record<string, unknown>)[key]);
  };
  collect(body);
  for (let i = 0; i < candidates.length && i < 100; i++) collect(candidates[i]); // nested levels, bounded
  const strings = candidates.filter((value): value is string => typeof value === 'string');
  return (
    strings.find((value) => KNOWN_CODES.includes(value)) ??
    strings.map(knownCodeIn).find(Boolean) ??
    knownCodeIn(text) ??
    strings.find((value) => CODE_SHAPE.test(value))
  );
}

/** `{"status": "error"}` (or "fail…"), or `{"success": false}`: a 2xx that says it did not record the event. */
const saysError = (text: string): boolean => {
  try {
    const body = JSON.parse(text) as { status?: unknown; success?: unknown };
    return (typeof body?.status === 'string' && /^(error|fail)/i.test(body.status)) || body?.success === false;
  } catch {
    return false;
  }
};

/** Who tries again: the browser's persisted queue (across page loads), or the server's call (within its bound). */
export type Retrier = 'queue' | 'call';

/**
 * Whether a status is worth another attempt: none at all (0: a network error or a timeout), 429 and
 * every 5xx. Every other 4xx is final, as the contract says (README, Delivery guarantees 4 and 5), and
 * the browser's queue keeps to that for a 408 too; the server's call tries a 408 again within its bound.
 */
export function isTransientStatus(status: number, retrier: Retrier = 'queue'): boolean {
  return status === 0 || status === 429 || status >= 500 || (retrier === 'call' && status === 408);
}

/**
 * Maps an answer to the event's fate. A documented error code decides, whatever the status; else a
 * transient status (`isTransientStatus`) is tried again, and any other 4xx is final. A 2xx whose body
 * says it failed is that error (its code, else API_ERROR).
 */
export function classifyAnswer(answer: Answer): AnswerClass {
  const { status, text } = answer;
  const code = status ? readErrorCode(text) : undefined;
  const known = code !== undefined && KNOWN_CODES.includes(code) ? ERROR_CODE_STATUS[code] : undefined;
  if (known) return { final: true, status: known, code };
  if (status >= 200 && status < 300) {
    return saysError(text) ? { final: true, status: 'rejected', code: code ?? 'API_ERROR' } : { final: true, status: 'recorded' };
  }
  if (isTransientStatus(status)) {
    return { final: false, status, retryAfter: answer.retryAfter, reason: answer.error ?? `HTTP ${status}` };
  }
  return { final: true, status: 'rejected', code: code ?? `HTTP_${status}` };
}
