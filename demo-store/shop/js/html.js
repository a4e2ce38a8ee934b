// A tagged template that escapes what it interpolates: the shop renders with strings, never unescaped data.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

class Safe {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

/** Marks markup as already safe (the output of `html`, or the shop's own SVG art). */
export const raw = (/** @type {string} */ text) => new Safe(text);

/** @param {unknown} value */
function render(value) {
  if (value instanceof Safe) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[/** @type {keyof typeof ESCAPES} */ (c)]);
}

/**
 * html`<p>${name}</p>` → Safe markup with `name` escaped; arrays are joined, null/false render nothing.
 * @param {TemplateStringsArray} strings
 * @param {...unknown} values
 */
export function html(strings, ...values) {
  return raw(strings.reduce((out, text, i) => out + text + (i < values.length ? render(values[i]) : ''), ''));
}

/** `{ 'data-x': 1, hidden: true, skip: null }` → ` data-x="1" hidden` (escaped). */
export function attrs(/** @type {Record<string, unknown>} */ map) {
  return raw(
    Object.entries(map)
      .filter(([, value]) => value !== null && value !== undefined && value !== false)
      .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${render(value)}"`))
      .join(''),
  );
}
