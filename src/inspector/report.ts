// "Copy report": a plain-text summary for a support ticket. Fingerprints are masked.
import { formatIssues } from '../events/input';
import type { QueueView } from '../observe';
import type { Fingerprints } from '../types';
import type { Finding } from './check-page';
import type { ConfigRow } from './config-sources';
import type { EventRow, InspectorModel } from './model';

/** `••••••••1a2b`: only the last 4 characters of a fingerprint are shown. */
export const mask = (value: string) => `${'•'.repeat(Math.min(8, Math.max(0, value.length - 4)))}${value.slice(-4)}`;

export const maskedFingerprints = (fingerprints: Fingerprints | null | undefined) =>
  fingerprints ? `user ${mask(fingerprints.user)}, faq ${mask(fingerprints.faq)}` : 'missing';

/** `14:03:07`: the page's local time, 24-hour, in the panel and the report alike. */
export const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);
const time = clock;

/** `79.99 USD`, `1200 JPY`: the digits the currency has, and its code; the plain number when it is unknown. */
export function formatMoney(value: number, currency: string | undefined): string {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    return `${value.toFixed(digits)} ${currency}`;
  } catch {
    return `${value}${currency ? ` ${currency}` : ''}`;
  }
}

export function describeQueue(queue: QueueView | undefined): string {
  if (!queue) return 'not started yet';
  const sender =
    queue.sender === 'sending'
      ? 'this tab is sending'
      : queue.sender === 'locking'
        ? 'another tab is sending (this one waits its turn)'
        : queue.sender === 'waiting'
          ? queue.waitingFor === 'retry' && queue.retryAt
            ? `next retry at ${time(queue.retryAt)}`
            : queue.waitingFor === 'offline'
              ? 'waiting to be back online'
              : 'waiting for the widget’s fingerprints'
          : queue.sender;
  return `${queue.length} queued; ${sender}`;
}

export function describeEvent(row: EventRow): string {
  const money = row.value === undefined ? '' : ` ${formatMoney(row.value, row.currency)}`;
  const quantity = row.quantity === undefined ? '' : ` ×${row.quantity}`;
  const status = `${row.status}${row.code ? ` (${row.code})` : ''}`;
  const issues = row.issues?.length ? `: ${formatIssues(row.issues)}` : '';
  return `${time(row.at)} ${row.kind} ${row.subject}${quantity}${money} [${row.origin.source}] ${status}${issues}`;
}

export function buildReport(model: InspectorModel, config: ConfigRow[], findings: Finding[], page: string): string {
  const tracker = model.tracker;
  return [
    `Alhena cart events: inspector report, ${new Date().toISOString()}`,
    `Page: ${page}`,
    `Tracker: ${tracker ? `${tracker.state}${tracker.code ? ` (${tracker.code})` : ''}` : 'none on this page'}`,
    '',
    'Configuration:',
    ...config.map((row) => `  ${row.name}: ${row.value} (${row.source})`),
    `Fingerprints: ${maskedFingerprints(tracker?.fingerprints)}`,
    `Queue: ${describeQueue(model.queue)}`,
    '',
    `Events (${model.events.length}):`,
    ...model.events.map((row) => `  ${describeEvent(row)}`),
    '',
    `Check this page (${findings.length}):`,
    ...findings.map((finding) => `  ${finding.level === 'problem' ? '✗' : '·'} ${finding.where}: ${finding.message}`),
  ].join('\n');
}
