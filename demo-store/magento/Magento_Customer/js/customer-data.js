// Stand-in for Magento_Customer/js/customer-data.js and section-config.js (app/code/Magento/Customer/view/frontend/
// web/js/), written for the demo from their behaviour, not their code:
// - sections are kept in localStorage `mage-cache-storage` (one JSON object, a key per section), invalidated ones
//   flagged in `mage-cache-storage-section-invalidation`, their versions (`data_id`) in the cookie `section_data_ids`;
// - on init, each stored section is handed to its subscribers, and the ones whose version is not the cookie's, or
//   that are flagged, are reloaded; a browser session without the `mage-cache-sessid` cookie starts empty;
// - every jQuery AJAX POST/PUT/DELETE whose address sections.xml maps (section-config) invalidates those sections
//   and reloads them (`ajaxComplete`), unless its answer sends the page elsewhere (`redirect`, `backUrl`);
// - every form posted to such an address invalidates them (`submit`): the next page reloads them;
// - a reload is `GET sectionLoadUrl?sections=…&update_section_id=true`, which stores, versions and notifies.
// A new visitor has no `cart` section until the cart first changes.
/* global jQuery */
(($) => {
  const STORAGE = 'mage-cache-storage';
  const INVALIDATION = 'mage-cache-storage-section-invalidation';
  const readJson = (/** @type {string} */ key) => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? '{}') ?? {};
    } catch {
      return {};
    }
  };
  const writeJson = (/** @type {string} */ key, /** @type {unknown} */ value) => localStorage.setItem(key, JSON.stringify(value));
  const cookie = (/** @type {string} */ name) => new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(document.cookie)?.[1];
  const dataIds = () => {
    try {
      return JSON.parse(decodeURIComponent(cookie('section_data_ids') ?? '%7B%7D'));
    } catch {
      return {};
    }
  };
  const setDataIds = (/** @type {Record<string, number>} */ ids) => {
    // biome-ignore lint/suspicious/noDocumentCookie: customer-data keeps it in a cookie ($.cookieStorage), as Magento does.
    document.cookie = `section_data_ids=${encodeURIComponent(JSON.stringify(ids))}; path=/; SameSite=Lax`;
  };

  let options = { sectionLoadUrl: '' };
  let config = { sections: {}, baseUrls: [], clientSideSections: [] };
  /** @type {Record<string, ((data: unknown) => void)[]>} */
  const subscribers = {};
  /** @type {Record<string, unknown>} */
  const current = {};
  const notify = (/** @type {string} */ name, /** @type {unknown} */ data) => {
    current[name] = data;
    for (const subscriber of subscribers[name] ?? []) subscriber(data);
  };

  /** The sections an address changes: section-config's getAffectedSections, `*` a path segment. @param {string} url */
  function affectedSections(url) {
    let path = String(url).split(/[?#]/)[0];
    for (const base of config.baseUrls) if (path.startsWith(base)) path = path.slice(base.length);
    path = path.replace(/^\//, '').replace(/\/$/, '').toLowerCase();
    const names = new Set();
    for (const [action, sections] of Object.entries(config.sections)) {
      const pattern = new RegExp(
        `^${action
          .split('*')
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^/]+')}(/|$)`,
      );
      if (pattern.test(path)) for (const name of sections) names.add(name);
    }
    return [...names].filter((name) => !config.clientSideSections.includes(name));
  }

  /** @param {Record<string, { data_id?: number }>} sections */
  function update(sections) {
    const stored = readJson(STORAGE);
    const invalid = readJson(INVALIDATION);
    const ids = dataIds();
    for (const [name, data] of Object.entries(sections)) {
      stored[name] = data;
      delete invalid[name];
      ids[name] = data.data_id ?? 0;
    }
    writeJson(STORAGE, stored);
    writeJson(INVALIDATION, invalid);
    setDataIds(ids);
    for (const [name, data] of Object.entries(sections)) notify(name, data);
  }

  /** @param {string[]} names */
  function invalidate(names) {
    const stored = readJson(STORAGE);
    const invalid = readJson(INVALIDATION);
    const ids = dataIds();
    for (const name of names) {
      delete stored[name];
      invalid[name] = true;
      if (name in ids) ids[name] += 1000;
    }
    writeJson(STORAGE, stored);
    writeJson(INVALIDATION, invalid);
    setDataIds(ids);
  }

  /** @param {string[]} names */
  const reload = (names) => $.getJSON(options.sectionLoadUrl, { sections: names.join(','), update_section_id: true }).done(update);

  function init() {
    if (cookie('mage-cache-sessid') === undefined) writeJson(STORAGE, {});
    // biome-ignore lint/suspicious/noDocumentCookie: a session cookie, as customer-data sets it.
    document.cookie = 'mage-cache-sessid=true; path=/; SameSite=Lax';
    const stored = readJson(STORAGE);
    for (const [name, data] of Object.entries(stored)) notify(name, data);
    const ids = dataIds();
    const expired = Object.keys(ids).filter((name) => !stored[name] || stored[name].data_id !== ids[name]);
    const names = [...new Set([...expired, ...Object.keys(readJson(INVALIDATION))])];
    if (names.length) reload(names);
  }

  $(document).on('ajaxComplete', (_event, xhr, settings) => {
    if (!/post|put|delete/i.test(settings.type ?? '')) return;
    const sections = affectedSections(settings.url ?? '');
    if (!sections.length) return;
    invalidate(sections);
    const answer = xhr.responseJSON;
    if (answer && typeof answer === 'object' && ('redirect' in answer || 'backUrl' in answer)) return;
    reload(sections);
  });
  $(document).on('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !/post|put|delete/i.test(form.method)) return;
    const sections = affectedSections(form.action);
    if (sections.length) invalidate(sections);
  });

  window.mageStandIn.customerData = {
    /** The section's subscribers, told at once when it is already known. @param {string} name */
    get: (name) => ({
      subscribe(subscriber) {
        subscribers[name] = [...(subscribers[name] ?? []), subscriber];
        if (name in current) subscriber(current[name]);
      },
      current: () => current[name],
    }),
    reload,
    invalidate,
  };
  window.mageStandIn.define('Magento_Customer/js/section-config', (settings) => {
    config = { ...config, ...settings };
  });
  window.mageStandIn.define('Magento_Customer/js/customer-data', (settings) => {
    options = settings;
    init();
  });
})(jQuery);
