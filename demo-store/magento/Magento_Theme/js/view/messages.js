// Stand-in for Magento_Theme/js/view/messages.js (app/code/Magento/Theme/view/frontend/web/js/view/messages.js),
// written for the demo from its behaviour: the `messages` section's messages, shown in the page's messages block.
/* global jQuery */
(($) => {
  window.mageStandIn.define('Magento_Theme/js/view/messages', (_options, element) => {
    window.mageStandIn.customerData.get('messages').subscribe((section) => {
      const $block = $(element).empty();
      for (const message of section?.messages ?? []) {
        $block.append(
          $('<div role="alert" class="message"></div>')
            .addClass(`message-${message.type} ${message.type}`)
            .append($('<div></div>').text(message.text)),
        );
      }
    });
  });
})(jQuery);
