// A store's server, as plain Node ESM: reads the fingerprints its checkout form handed over and reports the order.
import { createServerClient, readFingerprintFields } from '@alhena/cart-events/server';

const [apiBaseUrl, orderId] = process.argv.slice(2);
const formBody =
  'email=ada%40example.com&alhena_user_fingerprint=550e8400-e29b-41d4-a716-446655440000&alhena_faq_fingerprint=660e8400-e29b-41d4-a716-446655441111';
const read = readFingerprintFields(formBody);
if (!read.ok) throw new Error(JSON.stringify(read.issues));
const alhena = createServerClient({ companyKey: 'acme', apiBaseUrl });
const order = { orderId, value: 25, currency: 'USD', lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 25 }] };
console.log(JSON.stringify(await alhena.trackCheckout(order, read.fingerprints)));
