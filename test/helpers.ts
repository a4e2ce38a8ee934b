import { expect, vi } from 'vitest';
import { capture } from '../src/capture/capture-plugin';
import { startSoon } from '../src/lib/start-soon';
import { storageKeys } from '../src/lib/storage-keys';
import type { Seams } from '../src/tracker/session';
import { buildTracker } from '../src/tracker/tracker';
import type { CartEventInput, CheckoutInput, Options, Tracker, TrackResult } from '../src/types';

export const FP = { user: '550e8400-e29b-41d4-a716-446655440000', faq: '660e8400-e29b-41d4-a716-446655441111' };

/** Where the SDK keeps company "acme"'s state: the keys the tests read and plant stored data under. */
export const KEYS = storageKeys('acme');

export interface SentRequest {
  url: string;
  path: string;
  method: string;
  body: Record<string, unknown>;
  contentType: string | null;
  credentials: string | undefined;
  keepalive: boolean | undefined;
}

type Reply = Response | 'network-error' | Promise<Response | 'network-error'>;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
export const ok = (path = '/analytics/cart_events') =>
  json(200, { status: 'success', event_type: path.includes('checkout') ? 'CHECKOUT_EVENT_RECORDED' : 'CART_EVENT_RECORDED' });
export const errorCode = (code: string, status = 400, key = 'error_code') => json(status, { status: 'error', [key]: code });

/** A stand-in for the vendor API behind an injected fetch: records every request, answers with `reply`. */
export function fakeApi(reply: (request: SentRequest, count: number) => Reply | undefined = () => undefined) {
  const requests: SentRequest[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit & Record<string, unknown>) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const sent: SentRequest = {
      url: request.url,
      path: new URL(request.url).pathname,
      method: request.method,
      body: JSON.parse(await request.clone().text()),
      contentType: request.headers.get('content-type'),
      credentials: (init?.credentials as string | undefined) ?? request.credentials,
      keepalive: (init?.keepalive as boolean | undefined) ?? request.keepalive,
    };
    requests.push(sent);
    const answer = await (reply(sent, requests.length) ?? ok(sent.path));
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    return answer;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests, bodies: () => requests.map((r) => r.body) };
}

const trackers: Tracker[] = [];

/** A tracker for company "acme" whose requests go to `api`. */
export function makeTracker(options: Options = {}, seams: Seams = {}): Tracker {
  // Capture included, as the script tag has it: `autoTrack` and `dataLayer` tests need it.
  const tracker = buildTracker(
    { companyKey: 'acme', fingerprints: () => FP, ...options },
    { seams, plugins: [capture], schedule: startSoon },
  );
  trackers.push(tracker);
  return tracker;
}

export function shutdownTrackers() {
  for (const tracker of trackers.splice(0)) tracker.shutdown();
}

export function setWidget(user: unknown = FP.user, faq: unknown = FP.faq) {
  (window as unknown as { gleenWidget: unknown }).gleenWidget = {
    getFingerprint: () => user,
    getFAQFingerprint: () => faq,
  };
}

export const cartEvent = (overrides: Record<string, unknown> = {}): CartEventInput =>
  ({
    type: 'ITEM_ADDED',
    productId: 'SKU-1',
    productName: 'Black Running Shoes',
    value: 79.99,
    currency: 'USD',
    quantity: 1,
    ...overrides,
  }) as CartEventInput;

export const order = (overrides: Record<string, unknown> = {}): CheckoutInput & { lineItems: Record<string, unknown>[] } =>
  ({
    orderId: 'ORD-7890',
    value: 199.97,
    currency: 'USD',
    lineItems: [
      { productId: '123', productName: 'Product 1', quantity: 2, value: 159.98 },
      { productId: '456', productName: 'Product 2', quantity: 1, value: 39.99, currency: 'USD' },
    ],
    ...overrides,
  }) as CheckoutInput & { lineItems: Record<string, unknown>[] };

/** The wire body of a cart event as the README's "What goes over the wire" shows it. */
export const cartBody = (overrides: Record<string, unknown> = {}) => ({
  company_key: 'acme',
  user_fingerprint: FP.user,
  user_faq_fingerprint: FP.faq,
  type: 'ITEM_ADDED',
  product_id: 'SKU-1',
  product_name: 'Black Running Shoes',
  value: 79.99,
  currency: 'USD',
  quantity: 1,
  source: 'CUSTOM',
  ...overrides,
});

/** Asserts the exact sequence of bodies that left the SDK, as (type or endpoint, product or order) pairs. */
export function expectSentEvents(requests: SentRequest[], expected: [string, string, number?][]) {
  expect(
    requests.map((r) =>
      r.path.endsWith('checkout_events')
        ? ['CHECKOUT', String(r.body.orderId ?? ''), r.body.value]
        : [r.body.type, r.body.product_id, r.body.quantity],
    ),
  ).toEqual(expected.map(([a, b, c]) => (c === undefined ? [a, b, expect.anything()] : [a, b, c])));
}

/**
 * The guard of a "nothing was sent" assertion, which a dead tracker or a fake API that records nothing would
 * also pass: a valid cart event tracked now is recorded, and the requests are exactly `before` and then it.
 */
export async function expectStillSends(
  tracker: Tracker,
  api: { requests: SentRequest[] },
  { productId = 'VALID', before = [] }: { productId?: string; before?: [string, string, number?][] } = {},
) {
  expect(await tracker.trackCartEvent(cartEvent({ productId }))).toMatchObject({ status: 'recorded' });
  await tracker.flush();
  expectSentEvents(api.requests, [...before, ['ITEM_ADDED', productId, 1]]);
}

/**
 * The same guard for capture: a well-formed add-to-cart button, added to the page and clicked now, sends
 * exactly one ITEM_ADDED, after `before`.
 */
export async function expectCaptureStillSends(
  tracker: Tracker,
  api: { requests: SentRequest[] },
  { productId = 'VALID', before = [] }: { productId?: string; before?: [string, string, number?][] } = {},
) {
  const card = document.createElement('div');
  const attributes = { 'product-id': productId, 'product-name': 'A valid product', price: '10', currency: 'USD' };
  for (const [name, value] of Object.entries(attributes)) card.setAttribute(`data-alhena-${name}`, value);
  const button = document.createElement('button');
  button.setAttribute('data-alhena-action', 'add-to-cart');
  card.append(button);
  document.body.append(card);
  button.click();
  await tracker.flush();
  expectSentEvents(api.requests, [...before, ['ITEM_ADDED', productId, 1]]);
}

/** A tracker starts in a task of its own just after it is created, as on a page: capture is live after this. */
export const started = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Waits until `check` passes, advancing fake timers when they are on. */
export async function eventually(check: () => void, { timeoutMs = 2000 } = {}) {
  const started = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(10);
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

export const statuses = (results: TrackResult[]) => results.map((r) => r.status);

/**
 * A minimal Web Locks API (exclusive, first come first served, per name), as every engine the SDK is
 * tested in has; test/setup.ts installs it before each test.
 */
export function installWebLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const request = (name: string, callback: () => Promise<void>) => {
    const run = (tails.get(name) ?? Promise.resolve()).then(() => callback());
    tails.set(
      name,
      run.catch(() => {}),
    );
    return run;
  };
  Object.defineProperty(navigator, 'locks', { configurable: true, value: { request } });
}

/** No Web Locks (Firefox before 96, Chromium blocking site data): the SDK falls back to its storage lease. */
export function removeWebLocks() {
  delete (navigator as unknown as Record<string, unknown>).locks;
}

/**
 * What reaches the page as an error while a test runs: uncaught exceptions and unhandled rejections (the
 * SDK's timers and promises run on Node's here) and the window's `error` events. `stop()` returns them.
 */
export function watchPageErrors() {
  const errors: unknown[] = [];
  const record = (error: unknown) => errors.push(error);
  const onWindowError = (event: Event) => record((event as ErrorEvent).error ?? event);
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
  window.addEventListener('error', onWindowError);
  return {
    errors,
    stop() {
      process.off('uncaughtException', record);
      process.off('unhandledRejection', record);
      window.removeEventListener('error', onWindowError);
      return errors;
    },
  };
}
