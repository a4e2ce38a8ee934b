import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { PortInUseError, startDemo } from '../../demo-store/demo.mjs';
import { expect, test } from './fixtures';

/** A port held by another server for the test. */
async function occupyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

/** `npm start` without the build step (the e2e run has built dist/ already). */
function startCommand(...args: string[]) {
  const child = spawn(process.execPath, ['demo-store/start.mjs', '--no-build', '--quiet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk) => (output.stdout += chunk));
  child.stderr?.on('data', (chunk) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
}

let running: ChildProcess | undefined;
test.afterEach(() => {
  if (running && running.exitCode === null) running.kill('SIGKILL');
  running = undefined;
});

test('npm start prints the URLs, each answers 200, serves the shop, the SDK and the dashboard, and stops cleanly on SIGTERM', async () => {
  const { child, output, exited } = startCommand('--shop-port', '0', '--sandbox-port', '0', '--payment-port', '0');
  running = child;
  await expect.poll(() => output.stdout, { timeout: 10_000 }).toContain('Dashboard');
  const shopUrl = /Shop \(script tag[^\n]*?(http:\S+)/.exec(output.stdout)?.[1] as string;
  const dashboardUrl = /Dashboard\s+(http:\S+)/.exec(output.stdout)?.[1] as string;
  expect(output.stdout).toContain(`${shopUrl}spa/`);
  expect(output.stdout).toContain(`${shopUrl}gtm/`);

  const shop = await fetch(shopUrl);
  expect(shop.status).toBe(200);
  expect(await shop.text()).toContain('<script src="/alhena-cart.min.js" async></script>');
  expect((await fetch(`${shopUrl}alhena-cart.min.js`)).status).toBe(200);
  expect((await fetch(`${shopUrl}sdk/index.mjs`)).status).toBe(200);
  expect((await fetch(`${shopUrl}vendor/valibot/index.mjs`)).status).toBe(200);
  expect(await (await fetch(`${shopUrl}spa/cart`)).text()).toContain('"@alhena/cart-events": "/sdk/index.mjs"');
  expect(await (await fetch(dashboardUrl)).text()).toContain('Revenue impact');
  expect(await (await fetch(`${dashboardUrl}__sandbox/health`)).json()).toEqual({ status: 'ok', requests: 0 });
  const paymentUrl = /Payment provider[^\n]*?(http:\S+)/.exec(output.stdout)?.[1] as string;
  expect(await (await fetch(paymentUrl)).text()).toContain('A stand-in payment provider');

  // Every address it prints answers: a terminal makes each one a link.
  const printed = [...new Set(output.stdout.match(/http:[^\s)]+/g))];
  expect(printed).toEqual(expect.arrayContaining([shopUrl, `${shopUrl}hosted/`, dashboardUrl, paymentUrl]));
  for (const address of printed) expect((await fetch(address)).status, address).toBe(200);

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  await expect(fetch(shopUrl)).rejects.toThrow();
});

test('npm start exits 1 with a clear message when a port is taken', async () => {
  const taken = await occupyPort();
  try {
    const { child, output, exited } = startCommand('--shop-port', '0', '--sandbox-port', String(taken.port));
    running = child;
    expect(await exited).toBe(1);
    expect(output.stderr).toContain(`Port ${taken.port} is already in use, so the sandbox cannot start.`);
    expect(output.stderr).toContain('--sandbox-port');
  } finally {
    taken.server.close();
  }
});

test('startDemo rejects with the server and port that could not start, and leaves nothing listening', async () => {
  const taken = await occupyPort();
  try {
    await expect(startDemo({ shopPort: taken.port })).rejects.toMatchObject({ name: 'Error', server: 'shop', port: taken.port });
    const error = await startDemo({ sandboxPort: taken.port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortInUseError);
    expect(error).toMatchObject({ code: 'EADDRINUSE', server: 'sandbox', port: taken.port });
  } finally {
    taken.server.close();
  }
  const demo = await startDemo({ sandboxPort: taken.port });
  expect(demo.sandboxPort).toBe(taken.port);
  await demo.close();
});

test('the shop server serves nothing outside its folders', async () => {
  const demo = await startDemo();
  try {
    for (const path of [
      'shop/../../package.json',
      'shop/%2e%2e/%2e%2e/package.json',
      'vendor/valibot/../../../package.json',
      'widget/%2e%2e%2fdemo.mjs',
    ]) {
      const response = await fetch(demo.shopUrl + path);
      expect(response.status, path).toBe(404);
    }
  } finally {
    await demo.close();
  }
});
