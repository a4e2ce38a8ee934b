// The stand-in widget's launcher and chat panel, in a shadow root so the shop's CSS cannot reach it.
(() => {
  const STYLE = [
    ':host{all:initial;position:fixed;right:24px;bottom:24px;z-index:2147483000;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1b2e}',
    '.launcher{display:flex;align-items:center;gap:10px;border:0;border-radius:999px;padding:12px 18px 12px 14px;background:#4f46e5;color:#fff;font:600 14px/1 inherit;cursor:pointer;box-shadow:0 10px 30px rgba(79,70,229,.35)}',
    '.launcher:hover{background:#4338ca}.launcher svg{width:22px;height:22px}',
    '.panel{position:absolute;right:0;bottom:64px;width:360px;max-width:calc(100vw - 32px);height:500px;max-height:calc(100vh - 120px);display:none;flex-direction:column;background:#fff;border-radius:18px;overflow:hidden;box-shadow:0 24px 60px rgba(29,27,46,.25)}',
    ':host([open]) .panel{display:flex}',
    'header{display:flex;align-items:center;gap:12px;padding:16px 18px;background:linear-gradient(135deg,#4f46e5,#7c3aed);color:#fff}',
    '.avatar{width:36px;height:36px;border-radius:50%;background:rgba(255,255,255,.2);display:grid;place-items:center;font-weight:700}',
    'header p{margin:0;font-size:12px;opacity:.85}header h2{margin:0;font-size:15px}',
    '.close{margin-left:auto;background:none;border:0;color:#fff;font-size:22px;cursor:pointer;line-height:1}',
    '.messages{flex:1;overflow:auto;padding:16px;display:flex;flex-direction:column;gap:10px;background:#f7f7fb}',
    '.msg{max-width:82%;padding:9px 13px;border-radius:14px;white-space:pre-wrap}',
    '.bot{align-self:flex-start;background:#fff;border:1px solid #e6e6f0;border-bottom-left-radius:4px}',
    '.user{align-self:flex-end;background:#4f46e5;color:#fff;border-bottom-right-radius:4px}',
    '.typing{align-self:flex-start;color:#8b8aa3;font-style:italic}',
    '.ticket{align-self:center;font-size:12px;color:#3f7d58;background:#e8f3ec;border-radius:999px;padding:4px 10px}',
    '.chips[hidden]{display:none}.chips{display:flex;flex-wrap:wrap;gap:6px;padding:0 16px 10px;background:#f7f7fb}',
    '.chips button{border:1px solid #d9d7f5;background:#fff;color:#4f46e5;border-radius:999px;padding:5px 10px;font:12px inherit;cursor:pointer}',
    'form{display:flex;gap:8px;padding:12px;border-top:1px solid #ececf3;background:#fff}',
    'input{flex:1;border:1px solid #d8d8e4;border-radius:10px;padding:9px 12px;font:inherit;outline:none}input:focus{border-color:#4f46e5}',
    '@media (max-width:600px){.launcher span{display:none}.launcher{padding:14px}}',
    'form button{border:0;border-radius:10px;background:#4f46e5;color:#fff;padding:0 14px;font:600 14px inherit;cursor:pointer}',
  ].join('');

  const BUBBLE =
    '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1.1-4.6A8 8 0 1 1 21 12z"/></svg>';
  const SUGGESTIONS = ['Which beans for espresso?', 'Do you ship for free?', 'I need a kettle for pour-over'];

  const SHELL = `<style>${STYLE}</style>
    <section class="panel" role="dialog" aria-label="Chat with the shop assistant">
      <header><div class="avatar">A</div><div><h2>Shop assistant</h2><p>Alhena AI · replies instantly</p></div>
      <button class="close" type="button" aria-label="Close chat">×</button></header>
      <div class="messages" aria-live="polite"></div><div class="chips"></div>
      <form><input name="message" placeholder="Ask about coffee, gear, shipping…" autocomplete="off" aria-label="Message">
      <button type="submit">Send</button></form>
    </section>
    <button class="launcher" type="button" aria-label="Chat with the shop assistant">${BUBBLE}<span>Ask our assistant</span></button>`;

  /** @param {{ onSend: (text: string) => void }} options */
  function mount(options) {
    const host = document.createElement('gleen-widget');
    host.setAttribute('data-alhena-ignore', '');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = SHELL;
    const $ = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
    const messages = $('.messages');
    const chips = $('.chips');
    const input = /** @type {HTMLInputElement} */ ($('input'));
    /** @type {HTMLElement | null} */ let typingRow = null;

    const append = (/** @type {string} */ className, /** @type {string} */ text) => {
      const row = document.createElement('div');
      row.className = className;
      row.textContent = text;
      messages.append(row);
      messages.scrollTop = messages.scrollHeight;
      return row;
    };
    const add = (/** @type {'user' | 'bot'} */ who, /** @type {string} */ text) => {
      if (who === 'user') chips.hidden = true;
      append(`msg ${who}`, text).setAttribute('data-from', who);
    };
    const open = (/** @type {boolean} */ on) => {
      host.toggleAttribute('open', on);
      if (on) input.focus();
    };

    for (const text of SUGGESTIONS) {
      const chip = document.createElement('button');
      chip.type = 'button';
      chip.textContent = text;
      chip.addEventListener('click', () => options.onSend(text));
      chips.append(chip);
    }
    $('.launcher').addEventListener('click', () => open(!host.hasAttribute('open')));
    $('.close').addEventListener('click', () => open(false));
    $('form').addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value;
      input.value = '';
      options.onSend(text);
    });
    add('bot', 'Hi! I am the shop’s AI assistant. Ask me anything about our coffee and brewing gear.');
    document.body.append(host);

    return {
      add,
      open,
      typing(/** @type {boolean} */ on) {
        if (on && !typingRow) typingRow = append('typing', 'Assistant is typing…');
        if (!on && typingRow) {
          typingRow.remove();
          typingRow = null;
        }
      },
      ticketOpen() {
        if (host.hasAttribute('data-ticket')) return;
        host.setAttribute('data-ticket', 'open');
        append('ticket', 'Active ticket open: your cart is now attributed to this chat');
      },
    };
  }

  /** @type {any} */ (window).gleenWidgetUi = { mount };
})();
