// @vitest-environment node

import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startSandbox } from './server.mjs';
import { CART_PATH, CHECKOUT_PATH, call, cartBody, checkoutBody, post, useSandboxes } from './test-helpers.mjs';

const start = useSandboxes();

/** Opens the SSE stream; `readUntil(fragment)` reads until the text received contains it. @param {{ url: string }} sandbox */
async function openStream(sandbox) {
  const response = await fetch(`${sandbox.url}/__sandbox/stream`);
  const reader = /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    response,
    async readUntil(/** @type {string} */ fragment) {
      while (!text.includes(fragment)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      return text;
    },
  };
}

/** @param {string} text @returns {{ type: string, data: any }[]} */
const parseEvents = (text) =>
  text
    .split('\n\n')
    .filter((block) => block.startsWith('event: '))
    .map((block) => {
      const [typeLine, dataLine] = block.split('\n');
      return { type: typeLine.slice('event: '.length), data: JSON.parse(dataLine.slice('data: '.length)) };
    });

describe('event stream', () => {
  it('pushes each request when it arrives and its answer when sent', async () => {
    const sandbox = await start();
    const stream = await openStream(sandbox);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream');
    await post(sandbox, CART_PATH, cartBody());
    const events = parseEvents(await stream.readUntil('event: answer'));
    expect(events.map(({ type, data }) => [type, data.seq])).toEqual([
      ['request', 1],
      ['answer', 1],
    ]);
    expect(events[0].data).toMatchObject({ path: CART_PATH, body: cartBody(), answer: null });
    expect(events[1].data.answer).toEqual({ status: 200, body: { status: 'success', event_type: 'CART_EVENT_RECORDED' } });
  });
});

describe('state file', () => {
  it('keeps events, tickets and orders across a restart, written atomically', async () => {
    const stateFile = join(await mkdtemp(join(tmpdir(), 'sandbox-')), 'nested', 'state.json');
    const first = await start({ stateFile, autoTickets: false });
    first.openTicket({ company_key: 'acme', user_fingerprint: cartBody().user_fingerprint });
    await post(first, CART_PATH, cartBody({ quantity: 2 }));
    await post(first, CHECKOUT_PATH, checkoutBody());
    await vi.waitFor(async () => expect(JSON.parse(await readFile(stateFile, 'utf8')).events).toHaveLength(2));
    const figures = first.summary('acme');
    await first.close();

    expect(await readdir(dirname(stateFile))).toEqual(['state.json']);
    const second = await start({ stateFile, autoTickets: false });
    expect(second.summary('acme')).toEqual(figures);
    expect(second.state.tickets).toHaveLength(1);
    expect((await post(second, CART_PATH, cartBody({ type: 'QUANTITY_INCREASED', quantity: 3 }))).status).toBe(200);
    expect((await post(second, CHECKOUT_PATH, checkoutBody())).body.error_code).toBe('ORDER_ALREADY_EXISTS');
  });

  it('writes the emptied state after a reset', async () => {
    const stateFile = join(await mkdtemp(join(tmpdir(), 'sandbox-')), 'state.json');
    const sandbox = await start({ stateFile });
    await post(sandbox, CART_PATH, cartBody());
    sandbox.reset();
    await sandbox.close();
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toEqual({ version: 1, events: [], tickets: [] });
  });

  it('refuses to start on a state file it cannot read, rather than overwrite it', async () => {
    const stateFile = join(await mkdtemp(join(tmpdir(), 'sandbox-')), 'state.json');
    await writeFile(stateFile, '{"events": [');
    await expect(startSandbox({ stateFile })).rejects.toThrow(`Sandbox state file ${stateFile} is not valid JSON`);
    await writeFile(stateFile, '{"events": []}');
    await expect(startSandbox({ stateFile })).rejects.toThrow('is not a version 1 snapshot');
  });
});

describe('starting and closing', () => {
  it('closes promptly with an open event stream, an answer on hold, an upload half sent and an idle keep-alive connection', async () => {
    const sandbox = await startSandbox();
    const stream = await openStream(sandbox);
    const upload = connect(sandbox.port, '127.0.0.1');
    upload.on('error', () => {});
    const uploadClosed = new Promise((resolve) => upload.on('close', resolve));
    upload.write(`POST ${CART_PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"company_key":`);
    sandbox.addFaults({ kind: 'delay', ms: 60_000 });
    const held = post(sandbox, CART_PATH, cartBody()).then(
      () => 'answered',
      () => 'failed',
    );
    await sandbox.waitFor((records) => records.length === 1);
    await call(sandbox, '/__sandbox/health');
    await sandbox.close();
    expect(await held).toBe('failed');
    await uploadClosed;
    await expect(stream.readUntil('never sent')).rejects.toThrow();
    await sandbox.close();
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const first = await start();
    await expect(startSandbox({ port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it.each([[{ port: -1 }], [{ companies: 'acme' }], [{ errorShape: 'json' }], [{ autoTicket: false }], [{ toString: 1 }]])(
    'refuses the options %j',
    async (options) => {
      await expect(startSandbox(/** @type {any} */ (options))).rejects.toThrow(/^startSandbox: /);
    },
  );
});

describe('hostile input', () => {
  /** Sends raw bytes on a fresh connection and resolves with whatever comes back. @param {number} port @param {string} bytes */
  const sendRaw = (port, bytes) =>
    new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
      let received = '';
      socket.on('data', (chunk) => (received += chunk));
      socket.on('close', () => resolve(received));
      socket.on('error', () => resolve(received));
    });

  it.each([
    ['deep nesting', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['a deep object in an extra field', JSON.stringify(cartBody()).replace('{', `{"x":${'{"a":'.repeat(70)}1${'}'.repeat(70)},`)],
    ['a prototype key', '{"__proto__":{"company_key":"acme"}}'],
    ['an infinite value', JSON.stringify(cartBody()).replace('"value":10', '"value":1e999')],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x7b, 0x7d])],
  ])('answers %s 400 and stays healthy', async (_name, payload) => {
    const sandbox = await start();
    const response = await fetch(sandbox.url + CART_PATH, { method: 'POST', body: payload });
    expect(response.status).toBe(400);
    expect((await call(sandbox, '/__sandbox/requests')).status).toBe(200);
    expect(sandbox.state.events).toEqual([]);
  });

  it('survives a malformed request line and an upload cut short', async () => {
    const sandbox = await start();
    expect(await sendRaw(sandbox.port, 'GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    await sendRaw(sandbox.port, `POST ${CART_PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"company_key":`);
    expect((await call(sandbox, '/__sandbox/health')).status).toBe(200);
    expect((await post(sandbox, CART_PATH, cartBody())).status).toBe(200);
  });
});
