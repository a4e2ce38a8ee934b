import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTransport, REQUEST_TIMEOUT_MS } from '../../src/delivery/transport';

const URL_ = 'https://app.alhena.ai/analytics/cart_events';
const JSON_ = '{"company_key":"k"}';

/** A fetch that records its calls and answers with `reply`. */
function recordingFetch(reply: (init: RequestInit) => Promise<Response>) {
  const calls: [string, RequestInit][] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    calls.push([url, init]);
    return reply(init);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

describe('the transport', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('POSTs the JSON text as is, without cookies, and reads status, body and Retry-After', async () => {
    const api = recordingFetch(async () => new Response('{"status":"success"}', { status: 200, headers: { 'Retry-After': '3' } }));
    const answer = await createTransport(api.fetch)(URL_, JSON_, true);
    expect(answer).toEqual({ status: 200, text: '{"status":"success"}', retryAfter: '3' });
    expect(api.calls).toHaveLength(1);
    const [url, init] = api.calls[0];
    expect(url).toBe(URL_);
    expect(init).toMatchObject({
      method: 'POST',
      body: JSON_,
      headers: { 'content-type': 'application/json' },
      keepalive: true,
      credentials: 'omit',
    });
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('passes keepalive false through for a body over the keepalive limit', async () => {
    const api = recordingFetch(async () => new Response(''));
    await createTransport(api.fetch)(URL_, JSON_, false);
    expect(api.calls[0][1].keepalive).toBe(false);
  });

  it('reads an error status rather than throwing', async () => {
    const api = recordingFetch(async () => new Response('{"error_code":"COMPANY_NOT_FOUND"}', { status: 404 }));
    expect(await createTransport(api.fetch)(URL_, JSON_, true)).toEqual({
      status: 404,
      text: '{"error_code":"COMPANY_NOT_FOUND"}',
      retryAfter: null,
    });
  });

  it('answers status 0, network, when fetch rejects (offline, CORS, a blocker)', async () => {
    const api = recordingFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await createTransport(api.fetch)(URL_, JSON_, true)).toEqual({ status: 0, text: '', retryAfter: null, error: 'network' });
  });

  it('keeps the status when the body cannot be read', async () => {
    const response = new Response('x', { status: 503 });
    vi.spyOn(response, 'text').mockRejectedValue(new TypeError('body stream failed'));
    const api = recordingFetch(async () => response);
    expect(await createTransport(api.fetch)(URL_, JSON_, true)).toEqual({ status: 503, text: '', retryAfter: null });
  });

  it('gives up after the timeout and aborts the request, even when the fetch ignores its signal', async () => {
    vi.useFakeTimers();
    const api = recordingFetch(() => new Promise<Response>(() => {}));
    const pending = createTransport(api.fetch)(URL_, JSON_, true);
    let settled = false;
    void pending.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({ status: 0, text: '', retryAfter: null, error: 'timeout' });
    expect(api.calls[0][1].signal?.aborted).toBe(true);
  });

  it('times out a body that never finishes arriving', async () => {
    vi.useFakeTimers();
    const response = new Response('x', { status: 200 });
    vi.spyOn(response, 'text').mockReturnValue(new Promise<string>(() => {}));
    const api = recordingFetch(async () => response);
    const pending = createTransport(api.fetch)(URL_, JSON_, true);
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS);
    expect(await pending).toEqual({ status: 0, text: '', retryAfter: null, error: 'timeout' });
  });

  it('leaves no timer behind once answered', async () => {
    vi.useFakeTimers();
    const api = recordingFetch(async () => new Response(''));
    await createTransport(api.fetch)(URL_, JSON_, true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses the global fetch as it is at the time of the call', async () => {
    const api = recordingFetch(async () => new Response('', { status: 202 }));
    const send = createTransport();
    vi.stubGlobal('fetch', api.fetch);
    try {
      expect((await send(URL_, JSON_, true)).status).toBe(202);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
