// The floor: a hand-written keepalive sender, the least any tracker can do (no queue, order, retry or validation).
window.floorCart = {
  trackCartEvent: (e) => {
    const fp = window.gleenWidget.getFingerprint();
    const faq = window.gleenWidget.getFAQFingerprint();
    return fetch(`${window.FLOOR_API}/analytics/cart_events`, {
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        company_key: 'bench',
        user_fingerprint: fp,
        user_faq_fingerprint: faq,
        type: e.type,
        product_id: e.productId,
        product_name: e.productName,
        value: e.value,
        currency: e.currency,
        quantity: e.quantity,
        source: 'CUSTOM',
      }),
    }).then(
      (r) => ({ status: r.ok ? 'recorded' : 'rejected' }),
      () => ({ status: 'failed' }),
    );
  },
};
