// Type-checked without the DOM library (tsconfig.json here): the server entry's types need none.
import { type AbortSignalLike, createServerClient, readFingerprintFields, type ServerTrackResult } from '@alhena/cart-events/server';

const alhena = createServerClient({ companyKey: 'acme', region: 'eu', retry: { limit: 2, totalTimeout: 10_000 }, maxConcurrent: 8 });

// A request's signal as a web framework hands it over: typed by its shape, neither the DOM library nor Node's needed.
export async function onPaymentSucceeded(
  metadata: Record<string, string>,
  signal?: AbortSignalLike,
): Promise<ServerTrackResult | undefined> {
  const read = readFingerprintFields(metadata);
  if (!read.ok) return undefined;
  return alhena.trackCheckout(
    {
      orderId: metadata.order_id,
      value: 25,
      currency: 'USD',
      lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 25 }],
    },
    read.fingerprints,
    // A webhook handler's own bound and its request's signal.
    { signal, totalTimeout: 5_000 },
  );
}
