// A stand-in for Alhena's chat widget (window.gleenWidget), for the demo store and the tests.
// Like the real one it reads document.gleenConfig, gives each visitor two fingerprints and
// announces itself with `widget:loaded`; sending a message opens an active ticket on the sandbox.
// `?widget=late` loads it after 3 s, `?widget=none` not at all (kept for the tab; `?widget=on` resets).
(() => {
  const MODE_KEY = 'gleen-demo:widget-mode';
  const LATE_MS = 3000;
  const BOT_DELAY_MS = 600;

  const readMode = () => {
    const asked = new URLSearchParams(location.search).get('widget');
    try {
      if (asked) sessionStorage.setItem(MODE_KEY, asked);
      return asked ?? sessionStorage.getItem(MODE_KEY);
    } catch {
      return asked; // storage off: the query parameter alone decides
    }
  };
  const mode = readMode();
  if (mode === 'none') return;

  /** @type {Record<string, ((detail?: unknown) => void)[]>} */
  const listeners = {};
  /** @type {Record<string, string>} */
  const memory = {};
  let loaded = false;
  /** @type {ReturnType<typeof window.gleenWidgetUi.mount> | null} */
  let ui = null;

  const emit = (/** @type {string} */ name, /** @type {unknown} */ detail) => {
    for (const callback of [...(listeners[name] ?? [])]) {
      try {
        callback(detail);
      } catch (error) {
        console.error('[gleen-widget] listener failed', error);
      }
    }
  };

  const uuid = () => {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };

  /** One UUID per visitor and key, kept in localStorage (in memory when storage is off). */
  const fingerprint = (/** @type {string} */ key) => {
    try {
      const stored = localStorage.getItem(key);
      if (stored) return stored;
      const made = uuid();
      localStorage.setItem(key, made);
      return made;
    } catch {
      memory[key] ??= uuid();
      return memory[key];
    }
  };

  const config = () => {
    const c = /** @type {{ company?: string, apiBaseUrl?: string }} */ (/** @type {any} */ (document).gleenConfig ?? {});
    return { company: c.company, apiBaseUrl: String(c.apiBaseUrl ?? '').replace(/\/+$/, '') };
  };

  /** The sandbox's stand-in for "this visitor talked to the assistant". */
  async function openTicket() {
    const { company, apiBaseUrl } = config();
    const response = await fetch(`${apiBaseUrl}/__sandbox/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ company_key: company, user_fingerprint: api.getFingerprint(), user_faq_fingerprint: api.getFAQFingerprint() }),
    });
    if (!response.ok) throw new Error(`the sandbox answered ${response.status}`);
  }

  async function send(/** @type {string} */ text) {
    if (!loaded || !ui || !text.trim()) return;
    const view = ui;
    view.add('user', text);
    emit('ticket:message_submitted', { message: text });
    view.typing(true);
    try {
      await openTicket();
    } catch (error) {
      view.typing(false);
      view.add(
        'bot',
        `I cannot reach the Alhena sandbox at ${config().apiBaseUrl} (${/** @type {Error} */ (error).message}). Is it running?`,
      );
      return;
    }
    setTimeout(() => {
      const reply = window.gleenWidgetReplies.answer(text);
      view.typing(false);
      view.add('bot', reply);
      view.ticketOpen();
      emit('ticket:bot_response_finished', { message: reply });
    }, BOT_DELAY_MS);
  }

  const api = {
    getFingerprint: () => (loaded ? fingerprint('gleen-demo:fingerprint') : undefined),
    getFAQFingerprint: () => (loaded ? fingerprint('gleen-demo:faq-fingerprint') : undefined),
    on(/** @type {string} */ name, /** @type {(detail?: unknown) => void} */ callback) {
      listeners[name] ??= [];
      listeners[name].push(callback);
    },
    off(/** @type {string} */ name, /** @type {(detail?: unknown) => void} */ callback) {
      listeners[name] = (listeners[name] ?? []).filter((c) => c !== callback);
    },
    open: () => ui?.open(true),
    close: () => ui?.open(false),
    sendMessage: send,
    isLoaded: () => loaded,
  };
  /** @type {any} */ (window).gleenWidget = api;

  const load = () => {
    loaded = true;
    ui = window.gleenWidgetUi.mount({ onSend: send });
    emit('widget:loaded');
  };
  const whenReady = (/** @type {() => void} */ callback) => {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', callback);
    else callback();
  };

  // The UI and the canned replies live in their own files, loaded next to this one.
  const loadScript = (/** @type {string} */ src) =>
    new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  const base = /** @type {HTMLScriptElement | null} */ (document.currentScript)?.src.replace(/[^/]*$/, '') ?? '/widget/';
  const parts = Promise.all([loadScript(`${base}widget-ui.js`), loadScript(`${base}replies.js`)]);
  setTimeout(() => void parts.then(() => whenReady(load)), mode === 'late' ? LATE_MS : 0);
})();
