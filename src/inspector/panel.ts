// The panel's DOM: a shadow root, built with DOM calls only (no HTML strings), its styles adopted as a
// constructable stylesheet. It shows what `inspector.ts` gives it; it reads nothing of the SDK itself.
import type { Finding } from './check-page';
import type { ConfigRow } from './config-sources';
import { type EventRow, MAX_ROWS } from './model';
import { clock, describeEvent, formatMoney } from './report';
import { PANEL_CSS } from './styles';

type Child = Node | string | undefined | false;

/** The panel collapsed to its header bar in this tab. */
const COLLAPSED_KEY = 'alhena-cart:inspect-collapsed';

/** `h('li', { 'data-status': 'recorded' }, 'text', child)`: an element, its attributes, its children. */
function h(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

export interface PanelActions {
  check(): void;
  copy(): void;
  close(): void;
}

export interface Panel {
  host: HTMLElement;
  showConfig(rows: ConfigRow[], state: string): void;
  showFingerprints(text: string): void;
  showQueue(text: string): void;
  showEvent(row: EventRow, element: Element | undefined): void;
  showFindings(findings: Finding[]): void;
  showReport(text: string): void;
  remove(): void;
}

export function createPanel(doc: Document, actions: PanelActions): Panel {
  const host = doc.createElement('alhena-cart-inspector');
  // Out of the page's flow whatever the store's CSS says: the panel itself is `position: fixed`. The host,
  // fixed, is a stacking context of its own: without its own z-index the panel's is confined to it, and the
  // store's fixed parts (a chat launcher, a sticky header) would cover the panel.
  for (const [name, value] of Object.entries({
    position: 'fixed',
    top: '0',
    left: '0',
    width: '0',
    height: '0',
    margin: '0',
    'z-index': '2147483647',
  }))
    host.style.setProperty(name, value, 'important');
  const root = host.attachShadow({ mode: 'open' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PANEL_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // No constructable stylesheets (Safari before 16.4): the panel works unstyled.
  }

  const button = (action: keyof PanelActions, label: string, extra: Record<string, string> = {}) => {
    const element = h('button', { type: 'button', 'data-action': action, ...extra }, label);
    element.addEventListener('click', () => actions[action]());
    return element;
  };
  const state = h('span', { class: 'meta', 'data-part': 'state' });
  const configList = h('dl');
  const fingerprints = h('p', { 'data-part': 'fingerprints' });
  const queue = h('p', { 'data-part': 'queue' });
  const events = h('ol', { 'data-part': 'events', 'aria-live': 'polite' });
  const noEvents = h('p', { class: 'empty' }, 'No event yet: add something to the cart, or call trackCartEvent.');
  const findings = h('ul', { 'data-part': 'findings' });
  const findingsSection = h('section', { hidden: '' }, h('h3', {}, 'Check this page'), findings);
  const report = h('textarea', { 'data-part': 'report', readonly: '', hidden: '', 'aria-label': 'Report' }) as HTMLTextAreaElement;
  const outline = h('div', { class: 'outline', hidden: '' });
  // Collapsed to its header bar, remembered for the tab: in a small window the open panel covers a short
  // page's own buttons, the ones being inspected.
  const collapse = h('button', { type: 'button', 'data-part': 'collapse' });
  const panel = h(
    'aside',
    { class: 'panel', role: 'dialog', 'aria-label': 'Alhena cart events inspector' },
    h(
      'header',
      {},
      h('h2', {}, 'Alhena cart events'),
      state,
      collapse,
      button('close', '×', { 'aria-label': 'Close the inspector', title: 'Close' }),
      h('div', { class: 'actions' }, button('check', 'Check this page'), button('copy', 'Copy report')),
    ),
    findingsSection,
    report,
    h('section', {}, h('h3', {}, 'Events, newest first'), noEvents, events),
    h('section', {}, h('h3', {}, 'Queue'), queue),
    h('section', {}, h('h3', {}, 'Fingerprints'), fingerprints),
    h('section', { 'data-part': 'config' }, h('h3', {}, 'Configuration'), configList),
  );
  const collapsed = (on: boolean) => {
    panel.classList.toggle('collapsed', on);
    collapse.textContent = on ? '+' : '–';
    collapse.setAttribute('aria-label', on ? 'Expand the inspector' : 'Collapse the inspector to its bar');
    collapse.setAttribute('aria-expanded', String(!on));
    try {
      on ? sessionStorage.setItem(COLLAPSED_KEY, '1') : sessionStorage.removeItem(COLLAPSED_KEY);
    } catch {
      // Storage refused: collapsed for this page only.
    }
  };
  let remembered = false;
  try {
    remembered = sessionStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    // Storage refused: it opens expanded.
  }
  collapsed(remembered);
  collapse.addEventListener('click', () => collapsed(!panel.classList.contains('collapsed')));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') actions.close();
  });
  root.append(panel, outline);

  /** Hovering or focusing an item outlines the page element it came from. */
  const pointsAt = (item: HTMLElement, element: Element | undefined) => {
    if (!element) return;
    const show = () => {
      const box = element.getBoundingClientRect();
      for (const [name, value] of Object.entries({ left: box.left, top: box.top, width: box.width, height: box.height }))
        outline.style.setProperty(name, `${value}px`);
      outline.hidden = false;
    };
    const hide = () => {
      outline.hidden = true;
    };
    item.tabIndex = 0;
    item.addEventListener('mouseenter', show);
    item.addEventListener('focus', show);
    item.addEventListener('mouseleave', hide);
    item.addEventListener('blur', hide);
  };

  const items = new Map<string, HTMLElement>();
  return {
    host,
    showConfig(rows, trackerState) {
      state.textContent = trackerState;
      configList.replaceChildren(
        ...rows.flatMap((row) => [
          h('dt', {}, row.name),
          h(
            'dd',
            { 'data-config': row.name },
            h('span', { class: 'value' }, row.value),
            ' ',
            h('span', { class: 'source' }, `(${row.source})`),
          ),
        ]),
      );
    },
    showFingerprints(text) {
      fingerprints.textContent = text;
    },
    showQueue(text) {
      queue.textContent = text;
    },
    showEvent(row, element) {
      let item = items.get(row.eventId);
      if (!item) {
        item = h('li', { 'data-event': row.eventId });
        items.set(row.eventId, item);
        events.prepend(item);
        // At most what the model keeps: the oldest row goes, with its entry.
        if (items.size > MAX_ROWS) {
          const [oldestId, oldest] = items.entries().next().value as [string, HTMLElement];
          items.delete(oldestId);
          oldest.remove();
        }
        pointsAt(item, element);
        noEvents.hidden = true;
      }
      item.setAttribute('data-status', row.status);
      item.setAttribute('data-origin', row.origin.source);
      const money = row.value === undefined ? '' : ` · ${formatMoney(row.value, row.currency)}`;
      const quantity = row.quantity === undefined ? '' : ` · qty ${row.quantity}`;
      item.replaceChildren(
        ...([
          h('span', { class: 'status' }, row.status),
          ' ',
          h('strong', {}, row.kind),
          ` ${row.subject}${quantity}${money}`,
          h(
            'div',
            { class: 'meta' },
            `${clock(row.at)} · from ${row.origin.source}${row.attempts ? ` · attempt ${row.attempts}` : ''}${row.code ? ` · ${row.code}` : ''}`,
          ),
          !!row.issues?.length &&
            h('ul', { class: 'issues' }, ...(row.issues ?? []).map((issue) => h('li', {}, `${issue.path}: ${issue.message}`))),
        ].filter(Boolean) as (Node | string)[]),
      );
      item.title = describeEvent(row);
    },
    showFindings(list) {
      findingsSection.hidden = false;
      findings.replaceChildren(
        ...list.map((finding) => {
          const item = h('li', { 'data-finding': '', 'data-level': finding.level }, h('strong', {}, finding.where), ` ${finding.message}`);
          pointsAt(item, finding.element);
          return item;
        }),
      );
      if (!list.length) findings.append(h('li', { class: 'empty' }, 'Nothing to report.'));
      panel.scrollTop = 0;
    },
    showReport(text) {
      report.value = text;
      report.hidden = false;
      panel.scrollTop = 0;
      report.select();
    },
    remove() {
      host.remove();
    },
  };
}
