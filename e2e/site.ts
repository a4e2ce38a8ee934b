import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css',
};
/** Folders the test site serves from disk, under the same path. */
const STATIC_ROOTS = ['/dist/', '/node_modules/valibot/', '/node_modules/ky/', '/e2e/static/', '/e2e/.artifacts/'];

export interface Page {
  html: string;
  headers?: Record<string, string>;
}

/** The storefront side of the e2e tests: built bundles and pages each test writes, on its own origin. */
export interface Site {
  /** http://localhost:PORT — the store. */
  origin: string;
  /** http://127.0.0.1:PORT — the same server seen as another origin ("another site"). */
  otherOrigin: string;
  /** Serves `html` at `path` and returns its URL on the store origin. */
  page(path: string, html: string, headers?: Record<string, string>): string;
  /** The bodies of the forms posted to `path`, in arrival order, with when each arrived (ms). */
  posted(path: string): { body: string; at: number }[];
  /** Every request for `path` (pages and static files alike), in arrival order, with its Referer header. */
  requested(path: string): { referer: string | undefined; at: number }[];
  close(): Promise<void>;
}

export async function startSite(): Promise<Site> {
  const pages = new Map<string, Page>();
  const posts = new Map<string, { body: string; at: number }[]>();
  const requests = new Map<string, { referer: string | undefined; at: number }[]>();
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.set(path, [...(requests.get(path) ?? []), { referer: req.headers.referer, at: Date.now() }]);
    if (req.method === 'POST' && pages.has(path)) {
      // A store's form, posted to its server (the fingerprint handoff journeys read it back).
      let body = '';
      for await (const chunk of req) body += chunk;
      posts.set(path, [...(posts.get(path) ?? []), { body, at: Date.now() }]);
    }
    if (path === '/e2e/slow') {
      // Holds a request open for 3 s: a page's own keepalive request that fills the shared budget.
      req.resume();
      setTimeout(() => res.writeHead(204, { 'access-control-allow-origin': '*' }).end(), 3_000);
      return;
    }
    const page = pages.get(path);
    if (page) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store', ...page.headers });
      res.end(page.html);
      return;
    }
    const safe = normalize(path);
    if (!STATIC_ROOTS.some((root) => safe.startsWith(root))) {
      res.writeHead(404).end('not found');
      return;
    }
    try {
      const body = await readFile(join(ROOT, safe));
      res.writeHead(200, { 'content-type': TYPES[extname(safe)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://localhost:${port}`;
  return {
    origin,
    otherOrigin: `http://127.0.0.1:${port}`,
    page(path, html, headers) {
      pages.set(path, { html, headers });
      return origin + path;
    },
    posted: (path) => posts.get(path) ?? [],
    requested: (path) => requests.get(path) ?? [],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
