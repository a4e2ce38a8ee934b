// Revenue figures as the vendor's "Revenue impact" dashboard defines them, from the recorded events.

/**
 * @typedef {import('./rules.mjs').State} State
 * @typedef {{
 *   companyKey: string | null,
 *   cartEvents: number,
 *   carts: number,
 *   addedValue: number,
 *   removedValue: number,
 *   addToCartGmv: number,
 *   averageCartValue: number,
 *   orders: number,
 *   revenue: number,
 *   currencies: string[],
 * }} Summary
 */

// Sums of prices pick up binary noise (0.1 + 0.2); six decimals keep every real currency exact.
const round = (/** @type {number} */ amount) => Math.round(amount * 1e6) / 1e6;

/**
 * Figures for one company, or for all companies when `companyKey` is left out.
 * Add-to-cart GMV = Σ value × units added − Σ value × units removed, where a cart event's `value`
 * is the unit price and its units come from `unitsChanged` (see rules.mjs). Amounts in different
 * currencies are summed as they are; `currencies` lists those seen.
 * @param {State} state
 * @param {string} [companyKey]
 * @returns {Summary}
 */
export function summarize(state, companyKey) {
  const events = state.events.filter((event) => companyKey === undefined || event.body.company_key === companyKey);
  const carts = new Set();
  const currencies = new Set();
  let cartEvents = 0;
  let addedValue = 0;
  let removedValue = 0;
  let orders = 0;
  let revenue = 0;
  for (const { endpoint, body, unitsChanged = 0 } of events) {
    currencies.add(body.currency);
    if (endpoint === 'checkout') {
      orders += 1;
      revenue += body.value;
      continue;
    }
    cartEvents += 1;
    carts.add(JSON.stringify([body.company_key, body.user_fingerprint]));
    if (unitsChanged > 0) addedValue += body.value * unitsChanged;
    else removedValue -= body.value * unitsChanged;
  }
  const addToCartGmv = round(addedValue - removedValue);
  return {
    companyKey: companyKey ?? null,
    cartEvents,
    carts: carts.size,
    addedValue: round(addedValue),
    removedValue: round(removedValue),
    addToCartGmv,
    averageCartValue: carts.size === 0 ? 0 : round(addToCartGmv / carts.size),
    orders,
    revenue: round(revenue),
    currencies: [...currencies].sort(),
  };
}

/**
 * Copies of the accepted events, oldest first, for one company or all: what the figures are
 * computed from, so a dashboard can draw them over time (`unitsChanged` as in `summarize`).
 * @param {State} state
 * @param {string} [companyKey]
 * @returns {import('./rules.mjs').RecordedEvent[]}
 */
export function listEvents(state, companyKey) {
  const events = state.events.filter((event) => companyKey === undefined || event.body.company_key === companyKey);
  return structuredClone(events);
}
