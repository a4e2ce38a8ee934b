// @vitest-environment node
// `npx @alhena/cart-events sandbox`: the package's bin, run as npx runs it (from the packed package) and from
// the repository, a real process with real signals.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServerClient } from '../../src/server';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const STAND_IN = { user: 'dev-visitor', faq: 'dev-visitor-faq' };

/** A port held by another server for the test, or (closed at once) one that is free. */
async function occupyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}
const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
async function freePort(): Promise<number> {
  const { port, server } = await occupyPort();
  await closeServer(server);
  return port;
}
/** Whether nothing listens on `port` any more: another server can take it. */
async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (listening) await closeServer(server);
  return listening;
}

let running: ChildProcess | undefined;
/** The bin in its own process group, as a terminal runs a command. */
function runBin(bin: string, ...args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running = child;
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk) => (output.stdout += chunk));
  child.stderr?.on('data', (chunk) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
}
afterEach(() => {
  if (running && running.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
  running = undefined;
});

/** The URL the bin prints once it listens. */
async function printedUrl(output: { stdout: string; stderr: string }): Promise<string> {
  await expect.poll(() => output.stdout + output.stderr, { timeout: 10_000 }).toMatch(/listening on http:\S+/);
  return /listening on (http:\S+)/.exec(output.stdout)?.[1] as string;
}

let packed = '';
beforeAll(() => {
  packed = mkdtempSync(join(tmpdir(), 'alhena-pack-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', packed], { stdio: 'ignore' });
  execFileSync('tar', ['-xzf', join(packed, `alhena-cart-events-${version}.tgz`), '-C', packed]);
}, 60_000);
afterAll(() => rmSync(packed, { recursive: true, force: true }));

describe('npx @alhena/cart-events sandbox', () => {
  it('from the packed package: prints its URL, records a cart event sent with stand-in fingerprints, serves the dashboard, and frees the port on SIGTERM', async () => {
    const port = await freePort();
    const { child, output, exited } = runBin(join(packed, 'package/bin/cli.mjs'), 'sandbox', '--port', String(port));
    const url = await printedUrl(output);
    expect(url).toBe(`http://127.0.0.1:${port}`);

    const alhena = createServerClient({ companyKey: 'acme', apiBaseUrl: url });
    const event = { type: 'ITEM_ADDED' as const, productId: 'SKU-1', productName: 'Shoe', value: 25, currency: 'USD', quantity: 1 };
    expect(await alhena.trackCartEvent(event, STAND_IN)).toMatchObject({ status: 'recorded' });
    const requests = (await (await fetch(`${url}/__sandbox/requests`)).json()) as { path: string; body: unknown }[];
    expect(requests.map((r) => [r.path, r.body])).toEqual([
      [
        '/analytics/cart_events',
        {
          company_key: 'acme',
          user_fingerprint: 'dev-visitor',
          user_faq_fingerprint: 'dev-visitor-faq',
          type: 'ITEM_ADDED',
          product_id: 'SKU-1',
          product_name: 'Shoe',
          value: 25,
          currency: 'USD',
          quantity: 1,
          source: 'CUSTOM',
        },
      ],
    ]);
    await expect.poll(() => output.stdout).toContain('#1 cart ITEM_ADDED SKU-1 ×1 → 200 CART_EVENT_RECORDED');
    expect(await (await fetch(`${url}/`)).text()).toContain('Revenue impact');
    expect((await fetch(`${url}/dashboard/dashboard.js`)).status).toBe(200);
    // Every address it prints answers.
    const printed = [...new Set(output.stdout.match(/http:[^\s),']+/g))];
    expect(printed).toEqual([url, `${url}/`, `${url}/__sandbox/requests`]);
    for (const address of printed) expect((await fetch(address)).status, address).toBe(200);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await isFree(port)).toBe(true);
  }, 30_000);

  it('stops on Ctrl-C, sent to its process group as a terminal does', async () => {
    const port = await freePort();
    const { child, output, exited } = runBin('bin/cli.mjs', 'sandbox', '--port', String(port), '--quiet');
    const url = await printedUrl(output);
    expect((await fetch(`${url}/__sandbox/health`)).status).toBe(200);
    process.kill(-(child.pid as number), 'SIGINT');
    expect(await exited).toBe(0);
    expect(await isFree(port)).toBe(true);
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const taken = await occupyPort();
    try {
      const { output, exited } = runBin('bin/cli.mjs', 'sandbox', '--port', String(taken.port));
      expect(await exited).toBe(1);
      expect(output.stderr).toContain(`Port ${taken.port} is already in use: stop what uses it, or pick another with --port.`);
      expect(output.stdout).toBe('');
    } finally {
      await closeServer(taken.server);
    }
  });

  it('exits 1 naming the mistake for a bad port or an unknown command, and names 4010 as its default port', async () => {
    const badPort = runBin('bin/cli.mjs', 'sandbox', '--port', 'forty');
    expect(await badPort.exited).toBe(1);
    expect(badPort.output.stderr).toContain('--port must be a port number (0 to 65535), not "forty".');
    const unknown = runBin('bin/cli.mjs', 'sandboxx');
    expect(await unknown.exited).toBe(1);
    expect(unknown.output.stderr).toContain('Unknown command "sandboxx".');
    expect(unknown.output.stderr).toContain('Usage: npx @alhena/cart-events sandbox');
    const help = runBin('bin/cli.mjs', '--help');
    expect(await help.exited).toBe(0);
    expect(help.output.stdout).toContain('--port <n>            port to listen on (default 4010');
  });
});
