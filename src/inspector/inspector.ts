// The inspector: a panel on the store's page showing what the SDK captured, sent and heard back. It
// reads the SDK through the observer interface only (src/observe.ts) and sends nothing.

import { originsOf } from '../fingerprints/fingerprints';
import type { Observer } from '../observe';
import { checkPage } from './check-page';
import { configRows } from './config-sources';
import { INSPECT_REMEMBER_KEY as REMEMBER_KEY } from './inspection-asked';
import { applyObservation, type InspectorModel, MAX_ROWS } from './model';
import { createPanel, type Panel } from './panel';
import { buildReport, describeQueue, maskedFingerprints } from './report';

export interface ObservedSdk {
  observe(observer: Observer): () => void;
}

export interface Inspector {
  open(): void;
  close(): void;
}

const remember = (open: boolean) => {
  try {
    if (open) sessionStorage.setItem(REMEMBER_KEY, '1');
    else sessionStorage.removeItem(REMEMBER_KEY);
  } catch {
    // Storage refused: it opens by URL or call only.
  }
};

/** Creates the inspector for `sdk` and opens its panel. Opening it again shows the same panel. */
export function createInspector(sdk: ObservedSdk, doc: Document = document): Inspector {
  let panel: Panel | undefined;
  let stop = () => {};
  let model: InspectorModel = { events: [] };
  const elements = new Map<string, Element | undefined>();

  const showState = () => {
    if (!panel) return;
    const tracker = model.tracker;
    panel.showConfig(
      configRows(tracker, doc, model.platform),
      tracker ? `${tracker.state}${tracker.code ? ` (${tracker.code})` : ''}` : 'no tracker on this page',
    );
    const waited = tracker ? Math.round(((globalThis.performance?.now() ?? 0) - tracker.createdAt) / 1000) : 0;
    const consent = tracker?.config?.consent ?? tracker?.options.consent;
    panel.showFingerprints(
      consent === 'denied' || consent === 'pending'
        ? `not used: consent is ${consent}`
        : tracker?.fingerprints
          ? `present: ${maskedFingerprints(tracker.fingerprints)}`
          : `missing: the SDK has waited ${waited} s for the Alhena widget (events wait for it)`,
    );
    panel.showQueue(describeQueue(model.queue));
  };

  const onObservation: Observer = (observation) => {
    if (observation.kind === 'event') {
      elements.set(observation.eventId, observation.origin.element);
      // The elements of the events the model still keeps, and no more: a long-open panel does not grow.
      if (elements.size > MAX_ROWS) elements.delete(elements.keys().next().value as string);
    }
    const row = applyObservation(model, observation);
    if (row) panel?.showEvent(row, elements.get(row.eventId));
    else showState();
  };

  /** The trackers' state again (fingerprints arrive, time passes): a fresh look through the same interface. */
  const refresh = () => {
    const unobserve = sdk.observe((observation) => {
      if (observation.kind === 'tracker') onObservation(observation);
    });
    unobserve();
  };

  const currency = () => model.tracker?.config?.currency ?? model.tracker?.options.currency;
  const inspector: Inspector = {
    open() {
      remember(true);
      if (panel) return;
      model = { events: [] };
      panel = createPanel(doc, {
        check: () => panel?.showFindings(checkPage(doc, currency(), originsOf(model.tracker?.options.handoffOrigins))),
        copy() {
          const text = buildReport(
            model,
            configRows(model.tracker, doc, model.platform),
            checkPage(doc, currency(), originsOf(model.tracker?.options.handoffOrigins)),
            // The address without its query and fragment: they can carry an order key or a token.
            location.origin + location.pathname,
          );
          panel?.showReport(text);
          navigator.clipboard?.writeText(text).catch(() => {
            // Not allowed here (no focus, an insecure origin): the text is selected in the panel to copy by hand.
          });
        },
        close: () => inspector.close(),
      });
      (doc.body ?? doc.documentElement).append(panel.host);
      const unobserve = sdk.observe(onObservation);
      const timer = setInterval(refresh, 1_000);
      stop = () => {
        unobserve();
        clearInterval(timer);
      };
      showState();
    },
    close() {
      remember(false);
      stop();
      panel?.remove();
      panel = undefined;
    },
  };
  inspector.open();
  return inspector;
}
