// Serving files from a few allowed folders, with no way out of them.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The file `relative` names inside `root`, or null when it would leave `root`.
 * @param {string} root absolute folder
 * @param {string} relative a URL path below it, already decoded
 */
export function resolveInside(root, relative) {
  if (relative.includes('\0')) return null;
  const file = normalize(join(root, relative));
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

/**
 * Sends a file (never cached: the demo serves bundles that get rebuilt). Resolves false when there is none.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string | null} file
 */
export async function sendFile(req, res, file) {
  if (!file) return false;
  try {
    if (!(await stat(file)).isFile()) return false;
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? 'application/octet-stream',
      'content-length': String(body.length),
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends a small generated script.
 * @param {import('node:http').ServerResponse} res
 * @param {string} source
 */
export function sendScript(res, source) {
  res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' });
  res.end(source);
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {string} text */
export function sendText(res, status, text) {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/**
 * The hostname the browser used to reach this server (so links to the other server work from
 * wherever the page was opened), or `fallback` when the Host header is missing or odd.
 * @param {import('node:http').IncomingMessage} req
 * @param {string} fallback
 */
export function requestHostname(req, fallback) {
  try {
    const { hostname } = new URL(`http://${req.headers.host ?? ''}`);
    return /^[\w.-]+$|^\[[\da-f:.]+\]$/i.test(hostname) ? hostname : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Where one of the demo's servers reaches another, server to server: a server listening on every
 * interface is reached on loopback.
 * @param {string} host the interface it listens on
 * @param {number} port
 */
export function localOrigin(host, port) {
  const name = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}
