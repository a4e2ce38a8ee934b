// Records every Content-Security-Policy violation on the page, for the strict-CSP tests.
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
