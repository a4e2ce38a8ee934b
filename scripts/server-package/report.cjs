// The same store's server, as plain Node CommonJS.
const { createServerClient, readFingerprintFields } = require('@alhena/cart-events/server');

const [apiBaseUrl, orderId] = process.argv.slice(2);
const read = readFingerprintFields(
  new URLSearchParams({
    alhena_user_fingerprint: '550e8400-e29b-41d4-a716-446655440000',
    alhena_faq_fingerprint: '660e8400-e29b-41d4-a716-446655441111',
  }),
);
if (!read.ok) throw new Error(JSON.stringify(read.issues));
const alhena = createServerClient({ companyKey: 'acme', apiBaseUrl });
const order = { orderId, value: 25, currency: 'USD', lineItems: [{ productId: 'SKU-1', productName: 'Shoe', quantity: 1, value: 25 }] };
alhena.trackCheckout(order, read.fingerprints).then((result) => console.log(JSON.stringify(result)));
