// The script tag as it ships: src/script-tag.ts bundled with the run-once core loader that the build uses
// (scripts/rollup-lazy-core.mjs), not the plain import the other unit tests load.
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import { rollup } from 'rollup';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import lazyCore from '../scripts/rollup-lazy-core.mjs';
import { cartEvent, fakeApi, setWidget } from './helpers';

let code = '';
beforeAll(async () => {
  const ts = () => typescript({ tsconfig: './tsconfig.json', compilerOptions: { noEmit: false, declaration: false } });
  const bundle = await rollup({
    input: 'src/script-tag.ts',
    plugins: [
      lazyCore({ entry: 'src/script-tag-core.ts', plugins: () => [nodeResolve({ browser: true }), ts()] }),
      nodeResolve({ browser: true }),
      ts(),
    ],
    onwarn: () => {},
  });
  code = (await bundle.generate({ format: 'iife' })).output[0].code;
  await bundle.close();
}, 60_000);

describe('the script tag as built, with its run-once core', () => {
  it('runs the core once: observe, the tag’s tracker and createTracker share one observer interface', async () => {
    setWidget();
    const api = fakeApi();
    vi.stubGlobal('fetch', api.fetch);
    const script = document.createElement('script');
    script.setAttribute('data-company-key', 'acme');
    script.setAttribute('src', 'https://cdn.example/alhena-cart.min.js');
    document.head.append(script);
    // The built file, evaluated as the page evaluates a script, with its element as `document.currentScript`.
    const current = vi.spyOn(document, 'currentScript', 'get').mockReturnValue(script);
    new Function(code)();
    current.mockRestore();
    const alhenaCart = (window as unknown as { alhenaCart: Record<string, (...args: unknown[]) => unknown> }).alhenaCart;
    const seen: string[] = [];
    const stop = alhenaCart.observe((o: { kind: string; body?: { product_id?: string } }) => {
      if (o.kind === 'event' && o.body?.product_id) seen.push(o.body.product_id);
    }) as () => void;
    await alhenaCart.trackCartEvent(cartEvent({ productId: 'FROM-TAG' }));
    const other = alhenaCart.createTracker({ companyKey: 'other' }) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    await other.trackCartEvent(cartEvent({ productId: 'FROM-OTHER' }));
    expect(seen).toEqual(['FROM-TAG', 'FROM-OTHER']);
    expect(api.bodies().map((body) => body.product_id)).toEqual(['FROM-TAG', 'FROM-OTHER']);
    stop();
    other.shutdown();
    alhenaCart.shutdown();
  });
});
