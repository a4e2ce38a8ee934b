// A bundled single-page app under a strict CSP: imports the npm build like any app would.
import { init, trackCheckout } from '@alhena/cart-events/capture';

const api = document.documentElement.dataset.api;
init({ companyKey: 'acme', apiBaseUrl: api, autoTrack: true });
document.getElementById('buy').addEventListener('click', async () => {
  const result = await trackCheckout({
    orderId: 'CSP-ORDER-1',
    value: 10,
    currency: 'USD',
    lineItems: [{ productId: 'CSP-1', productName: 'Strict shoe', quantity: 1, value: 10 }],
  });
  document.getElementById('result').textContent = result.status;
});
