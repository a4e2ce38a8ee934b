import { describe, expect, it } from 'vitest';
import { mapGa4Event, readGa4Event } from '../../src/capture/ga4-mapping';
import { addToCart, greyTee, gtagArguments, purchase, removeFromCart, stanTee } from '../fixtures/ga4';

const tee = { productId: 'SKU_12345', productName: 'Stan and Friends Tee', value: 10.01, currency: 'USD' };

describe('GA4 mapping', () => {
  it.each([
    ['dataLayer.push({ event, ecommerce })', { event: 'add_to_cart', ecommerce: addToCart }],
    ["gtag('event', name, params)", gtagArguments('event', 'add_to_cart', addToCart)],
  ])('reads add_to_cart from %s: unit price and units added', (_, entry) => {
    const event = readGa4Event(entry);
    expect(event).toEqual({ name: 'add_to_cart', params: addToCart });
    expect(mapGa4Event(event?.name ?? '', event?.params ?? {})).toEqual([{ kind: 'add', product: tee, quantity: 3 }]);
  });

  it('maps remove_from_cart to the units removed', () => {
    expect(mapGa4Event('remove_from_cart', removeFromCart)).toEqual([{ kind: 'remove', product: tee, quantity: 3 }]);
  });

  it('maps purchase: transaction_id is the order id, line values are price × quantity', () => {
    expect(mapGa4Event('purchase', purchase)).toEqual([
      {
        kind: 'purchase',
        order: {
          orderId: 'T_12345',
          value: 72.05,
          currency: 'USD',
          lineItems: [
            { productId: 'SKU_12345', productName: 'Stan and Friends Tee', quantity: 3, value: 30.03, currency: 'USD' },
            { productId: 'SKU_12346', productName: "Google Grey Women's Tee", quantity: 2, value: 42.02, currency: 'USD' },
          ],
        },
      },
    ]);
  });

  it('lets an item currency win over the event currency, and falls back to it', () => {
    const [intent] = mapGa4Event('add_to_cart', { currency: 'USD', items: [{ ...stanTee, currency: 'EUR' }] });
    expect(intent).toMatchObject({ product: { currency: 'EUR' } });
    const [plain] = mapGa4Event('add_to_cart', { currency: 'USD', items: [{ item_id: 'A', item_name: 'A', price: 1 }] });
    expect(plain).toMatchObject({ product: { currency: 'USD' } });
  });

  it('reads a missing quantity as 1', () => {
    const { quantity: _, ...oneTee } = stanTee;
    expect(mapGa4Event('add_to_cart', { currency: 'USD', items: [oneTee] })).toEqual([{ kind: 'add', product: tee, quantity: 1 }]);
  });

  it('derives a missing price of a single item from the event value, and leaves it unknown otherwise', () => {
    const { price: _, ...noPrice } = stanTee;
    expect(mapGa4Event('add_to_cart', { currency: 'USD', value: 30.03, items: [noPrice] })).toEqual([
      { kind: 'add', product: tee, quantity: 3 },
    ]);
    const { price: __, ...greyNoPrice } = greyTee;
    const intents = mapGa4Event('add_to_cart', { currency: 'USD', value: 72.05, items: [noPrice, greyNoPrice] });
    expect(intents.map((i) => 'product' in i && i.product.value)).toEqual([undefined, undefined]);
  });

  it('uses item_name as the id when item_id is missing, and sums lines when value is missing', () => {
    const [intent] = mapGa4Event('purchase', {
      transaction_id: 'T-1',
      currency: 'USD',
      items: [{ item_name: 'Mug', price: 4.5, quantity: 2 }],
    });
    expect(intent).toEqual({
      kind: 'purchase',
      order: {
        orderId: 'T-1',
        value: 9,
        currency: 'USD',
        lineItems: [{ productId: 'Mug', productName: 'Mug', quantity: 2, value: 9, currency: 'USD' }],
      },
    });
  });

  it.each([
    [{ ecommerce: null }],
    [{ event: 'gtm.js', 'gtm.start': 1 }],
    [{ event: 'view_item', ecommerce: addToCart }],
    [gtagArguments('config', 'G-XXXX')],
    [gtagArguments('event', 'page_view', {})],
    ['add_to_cart'],
    [null],
  ])('ignores %j', (entry) => {
    const event = readGa4Event(entry);
    expect(event ? mapGa4Event(event.name, event.params) : []).toEqual([]);
  });
});
