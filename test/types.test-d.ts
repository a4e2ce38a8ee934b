// The public types (src/types.ts, written out for editors) held to what the schemas accept, and to what a
// storefront's code writes.
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { CartEventInputSchema, CheckoutInputSchema, LineItemInputSchema, ReportCartLineSchema } from '../src/events/input';
import type { BeforeSend, CartEventInput, CheckoutInput, LineItemInput, Options, ReportedCartLine, TrackResult } from '../src/index';
import { reportCart, trackCartEvent, trackCheckout } from '../src/index';
import type { ServerCallOptions, ServerClient, ServerClientOptions, ServerTrackResult } from '../src/server';

/** The schema's input, with `currency` optional (the `currency` option, or the order's, fills it). */
type Given<T> = Omit<T, 'currency'> & { currency?: string };
type Same<T> = { [K in keyof T]: T[K] };

describe('the public input types match their schemas', () => {
  it('CartEventInput is what CartEventInputSchema accepts', () => {
    expectTypeOf<Same<CartEventInput>>().toEqualTypeOf<Same<Given<v.InferInput<typeof CartEventInputSchema>>>>();
  });

  it('LineItemInput is what LineItemInputSchema accepts', () => {
    expectTypeOf<Same<LineItemInput>>().toEqualTypeOf<Same<Given<v.InferInput<typeof LineItemInputSchema>>>>();
  });

  it('ReportedCartLine is what a reportCart line accepts, and reportCart resolves one result per event', () => {
    expectTypeOf<Same<ReportedCartLine>>().toEqualTypeOf<Same<Given<v.InferInput<typeof ReportCartLineSchema>>>>();
    expectTypeOf(reportCart).parameter(0).toEqualTypeOf<ReportedCartLine[]>();
    expectTypeOf(reportCart).returns.toEqualTypeOf<Promise<TrackResult[]>>();
    expectTypeOf<Options['platform']>().toEqualTypeOf<
      'auto' | 'none' | 'woocommerce' | 'magento' | 'bigcommerce' | 'prestashop' | undefined
    >();
  });

  it('CheckoutInput is what CheckoutInputSchema accepts, with orderId null as "none"', () => {
    type Schema = v.InferInput<typeof CheckoutInputSchema>;
    expectTypeOf<CheckoutInput['orderId']>().toEqualTypeOf<Schema['orderId'] | null>();
    expectTypeOf<CheckoutInput['value']>().toEqualTypeOf<Schema['value']>();
    expectTypeOf<CheckoutInput['lineItems']>().toEqualTypeOf<LineItemInput[]>();
  });
});

describe('what a storefront writes', () => {
  const line = { productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 10 };

  it('accepts an order with orderId null, numeric ids and no currency', () => {
    expectTypeOf(trackCheckout).toBeCallableWith({ orderId: null, value: 10, lineItems: [line] });
    expectTypeOf(trackCheckout).toBeCallableWith({ orderId: 1234, value: 10, currency: 'EUR', lineItems: [{ ...line, productId: 77 }] });
  });

  it('rejects an order without lineItems, and a cart event with an unknown type', () => {
    // @ts-expect-error lineItems is required
    trackCheckout({ orderId: 'A-1', value: 10 });
    // @ts-expect-error not a cart event type
    trackCartEvent({ type: 'ITEM_BOUGHT', productId: 'SKU-1', productName: 'Shoe', value: 10, quantity: 1 });
  });

  it('answers a TrackResult; the server adds failed and attempts', () => {
    expectTypeOf(trackCheckout).returns.resolves.toEqualTypeOf<TrackResult>();
    expectTypeOf<ServerTrackResult['status']>().toEqualTypeOf<
      'recorded' | 'duplicate' | 'not_attributed' | 'rejected' | 'invalid' | 'failed'
    >();
    expectTypeOf<ServerTrackResult['attempts']>().toBeNumber();
  });
});

describe('what a store’s server writes', () => {
  const order = { orderId: 'A-1', value: 10, lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 10 }] };
  const fingerprints = { user: 'u', faq: 'f' };
  const alhena = {} as ServerClient;

  it('takes { signal, totalTimeout } as the calls’ last argument, with a signal from AbortController', () => {
    expectTypeOf(alhena.trackCheckout).toBeCallableWith(order, fingerprints);
    expectTypeOf(alhena.trackCheckout).toBeCallableWith(order, fingerprints, { signal: new AbortController().signal, totalTimeout: 5_000 });
    expectTypeOf(alhena.trackCartEvent).toBeCallableWith(
      { type: 'ITEM_ADDED', productId: 'SKU-1', productName: 'Shoe', value: 10, quantity: 1 },
      fingerprints,
      { signal: AbortSignal.timeout(1_000) },
    );
    expectTypeOf(alhena.trackCheckout).parameter(2).toEqualTypeOf<ServerCallOptions | undefined>();
    expectTypeOf(alhena.trackCheckout).returns.resolves.toEqualTypeOf<ServerTrackResult>();
    // @ts-expect-error totalTimeout is a number of ms
    alhena.trackCheckout(order, fingerprints, { totalTimeout: '5s' });
    // @ts-expect-error not a call option
    alhena.trackCheckout(order, fingerprints, { timeout: 5_000 });
  });

  it('takes maxConcurrent, a number', () => {
    expectTypeOf<ServerClientOptions['maxConcurrent']>().toEqualTypeOf<number | undefined>();
  });
});

describe('beforeSend, as a store writes it', () => {
  const skus: Record<string, string> = { '42': 'HOODIE-BLUE-M' };

  it('takes (event, kind); `in` narrows the event: a cart event has productId, a checkout lineItems', () => {
    const options: Options = {
      beforeSend(event, kind) {
        expectTypeOf(kind).toEqualTypeOf<'cart' | 'checkout'>();
        if ('productId' in event) {
          expectTypeOf(event).toEqualTypeOf<CartEventInput>();
          return { ...event, productId: skus[event.productId] ?? event.productId };
        }
        expectTypeOf(event).toEqualTypeOf<CheckoutInput>();
        if (String(event.orderId).startsWith('TEST-')) return null;
        return { ...event, lineItems: event.lineItems.map((line) => ({ ...line, productId: skus[line.productId] ?? line.productId })) };
      },
    };
    expectTypeOf(options.beforeSend).toEqualTypeOf<BeforeSend | undefined>();
  });

  it('accepts a hook of one argument or none, and refuses one that answers with a promise or a string', () => {
    const passThrough: Options = { beforeSend: (event) => event };
    const dropAll: Options = { beforeSend: () => null };
    expectTypeOf(passThrough).toEqualTypeOf(dropAll);
    expectTypeOf<BeforeSend>().returns.toEqualTypeOf<CartEventInput | CheckoutInput | null>();
    // @ts-expect-error it must answer at once: a promise is not an event
    const later: Options = { beforeSend: async (event) => event };
    // @ts-expect-error an event or null
    const text: Options = { beforeSend: () => 'SKU-1' };
    expectTypeOf(later).toEqualTypeOf(text);
  });
});
