// The pre-load snippet as it ships (src/snippet.ts, minified as the build does), run before the tag.
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { rollup } from 'rollup';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cartBody, cartEvent, eventually, fakeApi, order, setWidget } from './helpers';

type Api = Record<string, (...args: unknown[]) => unknown>;
const page = window as unknown as { alhenaCart?: unknown };

let snippet = '';
beforeAll(async () => {
  const bundle = await rollup({
    input: 'src/snippet.ts',
    plugins: [typescript({ tsconfig: './tsconfig.json', compilerOptions: { noEmit: false, declaration: false } }), terser({ ecma: 2021 })],
    onwarn: () => {},
  });
  snippet = (await bundle.generate({ format: 'iife' })).output[0].code;
  await bundle.close();
}, 60_000);

/** The snippet, inline in the page's head. */
const runSnippet = () => new Function(snippet)();

/** The tag, as the page evaluates it after the snippet. */
async function loadTag(api: ReturnType<typeof fakeApi>): Promise<Api> {
  const script = document.createElement('script');
  script.setAttribute('src', 'https://cdn.example/alhena-cart.min.js');
  script.setAttribute('data-company-key', 'acme');
  document.head.append(script);
  vi.stubGlobal('fetch', api.fetch);
  vi.resetModules();
  const current = vi.spyOn(document, 'currentScript', 'get').mockReturnValue(script);
  await import('../src/script-tag');
  current.mockRestore();
  return page.alhenaCart as Api;
}

describe('the pre-load snippet', () => {
  it('queues alhenaCart.trackCartEvent(…) called before the tag, sends it once the tag loads, and resolves with its result', async () => {
    setWidget();
    const api = fakeApi();
    runSnippet();
    const stub = page.alhenaCart as Api;
    const added = stub.trackCartEvent(cartEvent()) as Promise<unknown>;
    const invalid = stub.trackCheckout(order({ currency: 'dollars' })) as Promise<unknown>;
    expect(added).toBeInstanceOf(Promise);
    expect(api.requests).toHaveLength(0);

    const alhenaCart = await loadTag(api);
    expect(alhenaCart).not.toBe(stub);
    expect(await added).toEqual({ status: 'recorded', eventId: expect.any(String) });
    expect(await invalid).toMatchObject({
      status: 'invalid',
      code: 'INVALID_INPUT',
      issues: expect.arrayContaining([expect.objectContaining({ path: 'currency' })]),
    });
    expect(api.requests.map((r) => [r.path, r.body])).toEqual([['/analytics/cart_events', cartBody()]]);
    alhenaCart.shutdown();
  });

  it('keeps the order of stubbed calls and push([...]) commands, resolves init with the tag’s API, and applies its options', async () => {
    setWidget();
    const api = fakeApi();
    const onEvent = vi.fn();
    runSnippet();
    const stub = page.alhenaCart as Api & unknown[];
    const initialized = stub.init({ onEvent }) as Promise<unknown>;
    stub.push(['trackCartEvent', cartEvent({ productId: 'FIRST' })]);
    const second = stub.addToCart({ productId: 'SECOND', productName: 'Sock', value: 5, currency: 'USD' }) as Promise<unknown>;

    const alhenaCart = await loadTag(api);
    expect(await initialized).toBe(alhenaCart);
    expect(await second).toMatchObject({ status: 'recorded' });
    await eventually(() => expect(api.requests).toHaveLength(2));
    expect(api.bodies().map((body) => body.product_id)).toEqual(['FIRST', 'SECOND']);
    expect(onEvent).toHaveBeenCalledTimes(2);
    // A reference kept from before the tag loaded now calls the tag itself.
    expect(await stub.trackCartEvent(cartEvent({ productId: 'LATER' }))).toMatchObject({ status: 'recorded' });
    expect(api.bodies().map((body) => body.product_id)).toEqual(['FIRST', 'SECOND', 'LATER']);
    alhenaCart.shutdown();
  });

  it('stubs every method the tag forwards, and leaves an already loaded tag alone', async () => {
    setWidget();
    const api = fakeApi();
    runSnippet();
    const stubbed = Object.keys(page.alhenaCart as object).filter((key) => !/^\d+$/.test(key));
    const alhenaCart = await loadTag(api);
    const forwarded = Object.keys(alhenaCart).filter((key) => !['push', 'createTracker', 'observe', 'inspect'].includes(key));
    expect(stubbed.sort()).toEqual(forwarded.sort());

    runSnippet();
    expect(page.alhenaCart).toBe(alhenaCart);
    expect(await alhenaCart.trackCartEvent(cartEvent())).toMatchObject({ status: 'recorded' });
    expect(api.requests).toHaveLength(1);
    alhenaCart.shutdown();
  });
});
