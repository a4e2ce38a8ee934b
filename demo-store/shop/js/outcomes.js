// Demo only: collects what the SDK reports through onEvent/onError and shows it in a small
// "Alhena SDK" drawer, bottom left. A classic script, so it exists before the SDK loads.
(() => {
  /** @type {{ status: string, eventId: string, code?: string }[]} */ const results = [];
  /** @type {{ code: string, message: string }[]} */ const errors = [];
  /** @type {HTMLDetailsElement | null} */ let drawer = null;

  const item = (/** @type {string} */ kind, /** @type {string} */ detail) => {
    const li = document.createElement('li');
    const badge = document.createElement('span');
    badge.className = `outcome-badge outcome-${kind}`;
    badge.textContent = kind;
    const text = document.createElement('span');
    text.textContent = detail;
    li.append(badge, text);
    return li;
  };
  const resultItem = (/** @type {(typeof results)[number]} */ r) =>
    item(r.status, `${r.code ? `${r.code} · ` : ''}event ${String(r.eventId).slice(0, 8)}`);
  const errorItem = (/** @type {(typeof errors)[number]} */ e) => item('error', `${e.code}: ${e.message}`);

  const show = (/** @type {HTMLLIElement} */ li) => {
    if (!drawer) return;
    drawer.querySelector('ol')?.prepend(li);
    const count = drawer.querySelector('[data-outcome-count]');
    if (count) count.textContent = String(results.length + errors.length);
    drawer.classList.add('has-news');
  };

  const mount = () => {
    const details = document.createElement('details');
    details.className = 'outcomes';
    details.setAttribute('data-alhena-ignore', '');
    details.innerHTML =
      '<summary>Alhena SDK <span class="outcome-count" data-outcome-count>0</span></summary>' +
      '<div class="outcomes-body"><p>What <code>onEvent</code> and <code>onError</code> reported on this page, newest first.</p><ol></ol></div>';
    details.addEventListener('toggle', () => details.classList.remove('has-news'));
    document.body.append(details);
    drawer = details;
    for (const r of results) show(resultItem(r));
    for (const e of errors) show(errorItem(e));
  };

  /** @type {any} */ (window).demoOutcomes = {
    results,
    errors,
    /** `?debug` in the URL turns on the SDK's console logging. */
    debug: new URLSearchParams(location.search).has('debug'),
    record(/** @type {(typeof results)[number]} */ result) {
      results.push(result);
      show(resultItem(result));
    },
    error(/** @type {(typeof errors)[number]} */ error) {
      const entry = { code: error.code, message: error.message };
      errors.push(entry);
      show(errorItem(entry));
    },
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
