// The stand-in Alhena widget for pages that allow no inline script (strict CSP).
window.gleenWidget = {
  getFingerprint: () => '550e8400-e29b-41d4-a716-446655440000',
  getFAQFingerprint: () => '660e8400-e29b-41d4-a716-446655441111',
  on: () => {},
};
