// The dashboard's files, served by the sandbox itself (its `fallback` option): it lives on the
// "Alhena" origin and reads the control API from there.
import { join } from 'node:path';
import { DEMO_ROOT } from './paths.mjs';
import { requestHostname, resolveInside, sendFile, sendScript } from './static-files.mjs';

const DASHBOARD = join(DEMO_ROOT, 'dashboard');

/**
 * @param {{ host: string, shopPort: () => number }} options
 * @returns {import('../../sandbox/server.mjs').Fallback}
 */
export function dashboardFallback({ host, shopPort }) {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://sandbox').pathname);
    if (path === '/dashboard-config.js') {
      const shopUrl = `http://${requestHostname(req, host)}:${shopPort()}/`;
      sendScript(res, `// Demo only: where the shop runs.\nwindow.dashboardConfig = ${JSON.stringify({ shopUrl })};\n`);
      return true;
    }
    if (path === '/' || path === '/index.html') return sendFile(req, res, join(DASHBOARD, 'index.html'));
    if (path.startsWith('/dashboard/')) return sendFile(req, res, resolveInside(DASHBOARD, path.slice('/dashboard/'.length)));
    if (path !== '/favicon.ico') return false;
    res.writeHead(204).end();
    return true;
  };
}
