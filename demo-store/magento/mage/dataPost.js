// Stand-in for mage/dataPost.js (lib/web/mage/dataPost.js), written for the demo from its behaviour: a click on an
// element with `data-post='{"action": …, "data": {…}}'` builds a hidden POST form of those fields and the page's
// form key, and submits it through jQuery (so customer-data's `submit` listener sees it): a full page load.
/* global jQuery */
(($) => {
  window.mageStandIn.define('mage/dataPost', () => {
    $(document).on('click', '[data-post]', function submitDataPost(event) {
      event.preventDefault();
      const { action, data } = JSON.parse(this.getAttribute('data-post') ?? '{}');
      const $form = $('<form method="post" hidden></form>').attr('action', action);
      for (const [name, value] of Object.entries({ ...data, form_key: $('input[name="form_key"]').val() }))
        $form.append($('<input type="hidden">').attr({ name, value: String(value) }));
      $form.appendTo('body').trigger('submit');
    });
  });
})(jQuery);
