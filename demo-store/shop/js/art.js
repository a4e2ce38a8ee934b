// Product drawings as inline SVG, so the demo needs no image files and no network.

const SHADOW = '<ellipse cx="120" cy="204" rx="64" ry="7" fill="rgba(43,29,20,.10)"/>';

const bag = (/** @type {string} */ body, /** @type {string} */ fold, /** @type {string} */ label) => `
  <path d="M76 62h88l10 134a8 8 0 0 1-8 8H74a8 8 0 0 1-8-8z" fill="${body}"/>
  <path d="M76 62h88l-6-20H82z" fill="${fold}"/>
  <rect x="74" y="58" width="92" height="7" rx="3" fill="${fold}"/>
  <circle cx="120" cy="132" r="30" fill="${label}"/>
  <g transform="rotate(28 120 132)"><ellipse cx="120" cy="132" rx="10" ry="15" fill="${body}"/>
  <path d="M120 118q-7 14 0 28" stroke="${label}" stroke-width="3" fill="none"/></g>`;

/** @type {Record<string, string>} */
const DRAWINGS = {
  'bag-dark': bag('#3b2a21', '#2a1d16', '#e9b872'),
  'bag-light': bag('#c98f4a', '#a9743a', '#fff4de'),
  mug: `
  <path d="M100 70q-8-10 0-20t0-20M124 70q-8-10 0-20t0-20" stroke="#9fb3ad" stroke-width="5" fill="none" stroke-linecap="round"/>
  <path d="M160 108q30 0 30 26t-30 26" stroke="#5f7f77" stroke-width="12" fill="none"/>
  <path d="M68 90h96v76q0 32-32 32H100q-32 0-32-32z" fill="#6f8f87"/>
  <ellipse cx="116" cy="90" rx="48" ry="9" fill="#4e6b64"/>
  <path d="M80 150q36 10 72 0" stroke="#86a39b" stroke-width="4" fill="none"/>`,
  dripper: `
  <path d="M84 160h72v26q0 16-16 16h-40q-16 0-16-16z" fill="#cfc3dc"/>
  <rect x="90" y="146" width="60" height="14" rx="5" fill="#7a6695"/>
  <path d="M58 66h124l-42 80h-40z" fill="#8e7aa8"/>
  <rect x="54" y="58" width="132" height="12" rx="6" fill="#7a6695"/>
  <path d="M86 78l18 56M120 78v58M154 78l-18 56" stroke="#a795bf" stroke-width="4" stroke-linecap="round"/>`,
  kettle: `
  <path d="M76 160q-34 0-38-40q-2-22-22-30" stroke="#2f3440" stroke-width="9" fill="none" stroke-linecap="round"/>
  <path d="M168 100q32 0 32 42q0 32-22 40" stroke="#2f3440" stroke-width="11" fill="none" stroke-linecap="round"/>
  <path d="M70 112q0-32 50-32t50 32v66q0 18-18 18H88q-18 0-18-18z" fill="#2f3440"/>
  <ellipse cx="120" cy="82" rx="32" ry="7" fill="#4a5162"/>
  <circle cx="120" cy="72" r="7" fill="#b08d57"/>
  <path d="M82 120q38-12 76 0" stroke="#454c5c" stroke-width="4" fill="none"/>`,
  grinder: `
  <path d="M120 84V62h46" stroke="#4a3b32" stroke-width="7" fill="none" stroke-linecap="round"/>
  <circle cx="172" cy="62" r="10" fill="#3b2a21"/>
  <rect x="90" y="92" width="60" height="106" rx="10" fill="#b5653f"/>
  <rect x="86" y="80" width="68" height="16" rx="7" fill="#8c4a2c"/>
  <rect x="90" y="128" width="60" height="10" fill="#9a5434"/>
  <rect x="90" y="168" width="60" height="6" fill="#9a5434"/>`,
  pitcher: `
  <path d="M158 98q32 4 28 42q-3 26-22 32" stroke="#8c96a3" stroke-width="10" fill="none" stroke-linecap="round"/>
  <path d="M86 80h70l16 110a8 8 0 0 1-8 8H74a8 8 0 0 1-8-8z" fill="#aab2bd"/>
  <path d="M86 80l-22-10 10 24z" fill="#98a1ad"/>
  <ellipse cx="121" cy="80" rx="35" ry="6" fill="#8c96a3"/>
  <path d="M96 98l-10 86" stroke="#c9cfd7" stroke-width="6" stroke-linecap="round"/>`,
  tin: `
  <rect x="80" y="82" width="80" height="114" rx="8" fill="#6d8f4e"/>
  <rect x="76" y="70" width="88" height="24" rx="7" fill="#567a3b"/>
  <rect x="90" y="116" width="60" height="52" rx="5" fill="#f4efd8"/>
  <path d="M120 124q18 12 0 36q-18-24 0-36z" fill="#6d8f4e"/>
  <path d="M120 128v30" stroke="#f4efd8" stroke-width="2"/>`,
};

/**
 * The product's drawing on its tinted background, as SVG markup.
 * @param {import('./catalog.js').Product} product
 */
export function productArt(product) {
  const drawing = DRAWINGS[product.art] ?? '';
  return `<svg class="art" viewBox="0 0 240 240" role="img" aria-label="${product.name.replace(/[<>&"]/g, '')}">
  <rect width="240" height="240" fill="${product.tint}"/>${SHADOW}${drawing}</svg>`;
}
