// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('server-side rendering', () => {
  it('imports without a window or document, touches no global, and stays inert when called', async () => {
    expect(typeof window).toBe('undefined');
    const before = Object.getOwnPropertyNames(globalThis).sort();
    const sdk = await import('../src/index');
    expect(Object.getOwnPropertyNames(globalThis).sort()).toEqual(before);
    const tracker = sdk.init({ companyKey: 'acme' });
    await expect(
      tracker.trackCartEvent({ type: 'ITEM_ADDED', productId: 'a', productName: 'A', value: 1, currency: 'USD', quantity: 1 }),
    ).resolves.toMatchObject({ status: 'dropped', code: 'NOT_IN_BROWSER' });
    await expect(sdk.getFingerprints()).resolves.toBeNull();
    await expect(sdk.flush()).resolves.toBeUndefined();
    expect(sdk.shutdown()).toBeUndefined();
    expect(Object.getOwnPropertyNames(globalThis).sort()).toEqual(before);
  });
});
