// Page code under a strict CSP: tracks through the script-tag global and shows the result.
document.getElementById('add').addEventListener('click', async () => {
  const result = await window.alhenaCart.trackCartEvent({
    type: 'ITEM_ADDED',
    productId: 'CSP-1',
    productName: 'Strict shoe',
    value: 10,
    currency: 'USD',
    quantity: 1,
  });
  document.getElementById('result').textContent = result.status;
});
