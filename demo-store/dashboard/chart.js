// A step chart of add-to-cart GMV and attributed revenue over time, as inline SVG.

const W = 640;
const H = 260;
const PAD = { top: 16, right: 16, bottom: 28, left: 64 };
/** The shortest time axis drawn, so that a few events seconds apart do not fill the whole width. */
const MIN_SPAN_MS = 30_000;

/**
 * Running totals after each accepted event, the way the sandbox's summary sums them.
 * @param {{ at: number, endpoint: 'cart' | 'checkout', body: any, unitsChanged?: number }[]} events
 */
export function runningTotals(events) {
  let gmv = 0;
  let revenue = 0;
  return events.map(({ at, endpoint, body, unitsChanged = 0 }) => {
    if (endpoint === 'checkout') revenue += body.value;
    else gmv += body.value * unitsChanged;
    return { at, gmv: Math.round(gmv * 100) / 100, revenue: Math.round(revenue * 100) / 100 };
  });
}

/** Round up to 1, 2 or 5 × a power of ten, for the axis. */
function niceCeiling(/** @type {number} */ value) {
  if (value <= 0) return 10;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= value) ?? 10 * power;
}

/**
 * @param {ReturnType<typeof runningTotals>} points
 * @param {(amount: number) => string} formatMoney
 * @param {number} now
 */
export function chartSvg(points, formatMoney, now) {
  if (points.length === 0) {
    return `<svg viewBox="0 0 ${W} ${H}" class="chart-svg" role="img" aria-label="No accepted events yet">
      <text x="${W / 2}" y="${H / 2}" text-anchor="middle" class="chart-empty">No accepted events yet</text></svg>`;
  }
  const first = points[0].at;
  const last = Math.max(now, points[points.length - 1].at);
  const margin = Math.max(last - first, MIN_SPAN_MS) * 0.04;
  const start = first - margin;
  const end = Math.max(last, first + MIN_SPAN_MS) + margin;
  const top = niceCeiling(Math.max(...points.map((p) => Math.max(p.gmv, p.revenue))) * 1.1);
  const x = (/** @type {number} */ at) => PAD.left + ((at - start) / (end - start)) * (W - PAD.left - PAD.right);
  const y = (/** @type {number} */ v) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  /** @param {'gmv' | 'revenue'} key */
  const step = (key) => {
    let d = `M${x(start).toFixed(1)},${y(0).toFixed(1)}`;
    for (const p of points) d += `H${x(p.at).toFixed(1)}V${y(p[key]).toFixed(1)}`;
    return `${d}H${x(end).toFixed(1)}`;
  };
  const grid = [0, 0.5, 1].map((f) => {
    const v = top * f;
    return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" class="grid"/>
      <text x="${PAD.left - 8}" y="${y(v) + 4}" text-anchor="end" class="axis">${formatMoney(v)}</text>`;
  });
  const time = (/** @type {number} */ at) => new Date(at).toLocaleTimeString('en-GB');
  const dots = points.map((p) => `<circle cx="${x(p.at).toFixed(1)}" cy="${y(p.gmv).toFixed(1)}" r="3" class="dot-gmv"/>`);
  return `<svg viewBox="0 0 ${W} ${H}" class="chart-svg" role="img" aria-label="Add-to-cart GMV and attributed revenue over time">
    ${grid.join('')}
    <text x="${PAD.left}" y="${H - 8}" class="axis">${time(first)}</text>
    <text x="${W - PAD.right}" y="${H - 8}" text-anchor="end" class="axis">${time(end)}</text>
    <path d="${step('revenue')}" class="line-revenue"/>
    <path d="${step('gmv')}" class="line-gmv"/>
    ${dots.join('')}
  </svg>`;
}
