import { expect, journeyPage, pageErrors, recorded, summary, test } from './fixtures';

const GETTERS_THROW = `<script>
  ['localStorage', 'sessionStorage'].forEach(function (name) {
    Object.defineProperty(window, name, { configurable: true, get: function () { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  });
</script>`;
const METHODS_THROW = `<script>
  ['getItem', 'setItem', 'removeItem', 'key', 'clear'].forEach(function (name) {
    Storage.prototype[name] = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  Object.defineProperty(Storage.prototype, 'length', { configurable: true, get: function () { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
</script>`;

for (const [kind, head] of [
  ['reading localStorage throws', GETTERS_THROW],
  ['every Storage method throws', METHODS_THROW],
] as const) {
  test(`J8 storage that throws on every access (${kind}): events are still delivered, in order, and an order id once`, async ({
    tab,
    site,
    api,
  }) => {
    await tab.goto(journeyPage(site, api, `/j8/${kind.split(' ')[0]}.html`, { head }));
    expect(
      await tab.evaluate(() => {
        try {
          localStorage.getItem('x');
          return 'readable';
        } catch {
          return 'throws';
        }
      }),
    ).toBe('throws');
    const statuses = await tab.evaluate(async () => {
      const product = { productId: 'SKU-1', productName: 'Shoe', value: 10, currency: 'USD' };
      const added = await window.alhenaCart.addToCart(product);
      const more = await window.alhenaCart.addToCart(product, 2);
      const checkout = () =>
        window.alhenaCart.trackCheckout({
          orderId: 'ORD-8',
          value: 30,
          currency: 'USD',
          lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 3, value: 30 }],
        });
      // The order ids are remembered in memory when storage refuses them: the same order again, while the
      // first is in flight or once it is recorded, is a duplicate.
      const [order, meanwhile] = await Promise.all([checkout(), checkout()]);
      const later = await checkout();
      return [added.status, more.status, order.status, meanwhile.status, later.status];
    });
    expect(statuses).toEqual(['recorded', 'recorded', 'recorded', 'duplicate', 'duplicate']);
    expect(summary(recorded(api))).toEqual([
      ['ITEM_ADDED', 'SKU-1', 1],
      ['QUANTITY_INCREASED', 'SKU-1', 3],
      ['CHECKOUT', 'ORD-8'],
    ]);
    expect(api.requests()).toHaveLength(3);
    expect(await pageErrors(tab)).toEqual([]);
  });
}
