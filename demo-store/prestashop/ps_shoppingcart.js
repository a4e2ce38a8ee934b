// A stand-in for ps_shoppingcart's front script, written for this demo (no PrestaShop code): on `updateCart` it
// posts `{ id_customization, id_product_attribute, id_product, action: reason.linkAction }` to the header block's
// `data-refresh-url` (modules/ps_shoppingcart/controllers/front/ajax.php), replaces the block with the answer's
// `preview` and, after an add, shows its `modal` (classic-theme _dev/js/components/block-cart.js showModal).
(() => {
  const prestashop = window.prestashop;
  prestashop.blockcart = prestashop.blockcart || {};
  prestashop.blockcart.showModal = (markup) => {
    const old = document.getElementById('blockcart-modal');
    if (old) old.remove();
    document.body.insertAdjacentHTML('beforeend', markup);
    const modal = document.getElementById('blockcart-modal');
    modal.addEventListener('click', (event) => {
      if (event.target.closest('[data-dismiss="modal"]') || event.target === modal) modal.remove();
    });
  };

  prestashop.on('updateCart', (event) => {
    const block = document.querySelector('.blockcart');
    if (!block) return;
    let requestData = {};
    if (event?.reason && typeof event.resp !== 'undefined' && !event.resp.hasError) {
      requestData = {
        id_customization: event.reason.idCustomization || '',
        id_product_attribute: event.reason.idProductAttribute || '',
        id_product: event.reason.idProduct || '',
        action: event.reason.linkAction || '',
      };
    }
    prestashop.demoPost(
      block.getAttribute('data-refresh-url'),
      requestData,
      (resp) => {
        const current = document.querySelector('.blockcart');
        if (current) current.outerHTML = resp.preview;
        if (resp.modal) prestashop.blockcart.showModal(resp.modal);
      },
      (resp) => {
        prestashop.emit('handleError', { eventType: 'updateShoppingCart', resp: resp });
      },
    );
  });
})();
