import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserSend, REQUEST_TIMEOUT_MS } from '../../src/delivery/transport';

const URL_ = 'https://app.alhena.ai/analytics/cart_events';
const JSON_ = '{"company_key":"k"}';

/** A fetch that records the Request ky hands it, its init and its body (ky cancels the body once it is done), and answers with `reply`. */
function recordingFetch(reply: (request: Request) => Promise<Response>) {
  const requests: Request[] = [];
  const inits: (RequestInit | undefined)[] = [];
  const bodies: string[] = [];
  const fetch = vi.fn(async (input: Request, init?: RequestInit) => {
    requests.push(input);
    inits.push(init);
    bodies.push(await input.clone().text());
    return reply(input);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests, inits, bodies };
}

describe('the browser transport (ky, one attempt)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('POSTs the JSON text as is, without cookies, with keepalive, and reads status, body and Retry-After', async () => {
    const api = recordingFetch(async () => new Response('{"status":"success"}', { status: 200, headers: { 'Retry-After': '3' } }));
    const answer = await createBrowserSend({ fetch: api.fetch })(URL_, JSON_, true);
    expect(answer).toEqual({ status: 200, text: '{"status":"success"}', retryAfter: '3' });
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect([request.method, request.url, request.headers.get('content-type'), request.credentials, request.keepalive]).toEqual([
      'POST',
      URL_,
      'application/json',
      'omit',
      true,
    ]);
    expect(api.bodies).toEqual([JSON_]);
    expect(request.signal).toBeInstanceOf(AbortSignal);
  });

  // Firefox drops a Request's own keepalive when its window closes (a popup's add-to-cart was lost).
  it('also gives keepalive in fetch’s init, where Firefox honours it', async () => {
    const api = recordingFetch(async () => new Response(''));
    await createBrowserSend({ fetch: api.fetch })(URL_, JSON_, true);
    expect(api.inits[0]?.keepalive).toBe(true);
  });

  it('passes keepalive false through for a body over the keepalive limit', async () => {
    const api = recordingFetch(async () => new Response(''));
    await createBrowserSend({ fetch: api.fetch })(URL_, JSON_, false);
    expect(api.requests[0].keepalive).toBe(false);
    expect(api.inits[0]?.keepalive).toBeUndefined();
  });

  it('reads an error status rather than throwing, and makes one attempt only', async () => {
    const api = recordingFetch(async () => new Response('{"error_code":"COMPANY_NOT_FOUND"}', { status: 503 }));
    expect(await createBrowserSend({ fetch: api.fetch })(URL_, JSON_, true)).toEqual({
      status: 503,
      text: '{"error_code":"COMPANY_NOT_FOUND"}',
      retryAfter: null,
    });
    expect(api.requests).toHaveLength(1);
  });

  it('answers status 0, network, when fetch rejects (offline, CORS, a blocker)', async () => {
    const api = recordingFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await createBrowserSend({ fetch: api.fetch })(URL_, JSON_, true)).toEqual({
      status: 0,
      text: '',
      retryAfter: null,
      error: 'network',
    });
    expect(api.requests).toHaveLength(1);
  });

  it('keeps the status when the body cannot be read', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new TypeError('body stream failed'));
      },
    });
    const api = recordingFetch(async () => new Response(body, { status: 503 }));
    expect(await createBrowserSend({ fetch: api.fetch })(URL_, JSON_, true)).toEqual({ status: 503, text: '', retryAfter: null });
  });

  it('gives up after the timeout and aborts the request, even when the fetch ignores its signal', async () => {
    vi.useFakeTimers();
    const api = recordingFetch(() => new Promise<Response>(() => {}));
    const pending = createBrowserSend({ fetch: api.fetch })(URL_, JSON_, true);
    let settled = false;
    void pending.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({ status: 0, text: '', retryAfter: null, error: 'timeout' });
    expect(api.requests[0].signal.aborted).toBe(true);
  });

  // The status line came: the API has the event. Reading it as a timeout would send it again.
  it('keeps the status of an answer whose body never finishes arriving, and cancels its body once the timeout is up', async () => {
    vi.useFakeTimers();
    const cancelled: unknown[] = [];
    // One byte, then nothing more: a stalled connection. Only cancelling the body's read closes it.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{'));
      },
      cancel(reason) {
        cancelled.push(reason);
      },
    });
    const api = recordingFetch(async () => new Response(body, { status: 200 }));
    const pending = createBrowserSend({ fetch: api.fetch })(URL_, JSON_, true);
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1);
    expect(cancelled).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({ status: 200, text: '', retryAfter: null });
    expect(cancelled).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reads a body that arrives in pieces, multi-byte characters split between them', async () => {
    const bytes = new TextEncoder().encode('{"status":"success","note":"é€"}');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    const api = recordingFetch(async () => new Response(body, { status: 200 }));
    expect(await createBrowserSend({ fetch: api.fetch })(URL_, JSON_, true)).toEqual({
      status: 200,
      text: '{"status":"success","note":"é€"}',
      retryAfter: null,
    });
  });

  it('reads the body of an answer without a stream, as a fetch polyfill gives', async () => {
    const polyfilled = {
      status: 400,
      ok: false,
      headers: new Headers(),
      body: undefined,
      text: async () => '{"error_code":"COMPANY_NOT_FOUND"}',
    };
    const api = recordingFetch(async () => ({ ...polyfilled, clone: () => polyfilled }) as unknown as Response);
    expect(await createBrowserSend({ fetch: api.fetch })(URL_, JSON_, true)).toEqual({
      status: 400,
      text: '{"error_code":"COMPANY_NOT_FOUND"}',
      retryAfter: null,
    });
  });

  it('leaves no timer behind once answered', async () => {
    vi.useFakeTimers();
    const api = recordingFetch(async () => new Response(''));
    await createBrowserSend({ fetch: api.fetch })(URL_, JSON_, true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses the global fetch as it is at the time of the call', async () => {
    const api = recordingFetch(async () => new Response('', { status: 202 }));
    const send = createBrowserSend();
    vi.stubGlobal('fetch', api.fetch);
    try {
      expect((await send(URL_, JSON_, true)).status).toBe(202);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('writes each attempt and its answer to the debug log through ky’s hooks', async () => {
    const lines: string[] = [];
    const api = recordingFetch(async () => new Response('', { status: 429 }));
    await createBrowserSend({ fetch: api.fetch, log: (line) => lines.push(line) })(URL_, JSON_, true);
    expect(lines).toEqual([`→ POST ${URL_}`, '← 429']);
  });
});
