#!/usr/bin/env node
// Starts the sandbox standalone: node sandbox/cli.mjs --port 4010
import { parseArgs } from 'node:util';
import { startSandbox } from './server.mjs';

const USAGE = `Usage: node sandbox/cli.mjs [options]
  --port <n>            port to listen on (default 4010; 0 picks a free one)
  --host <host>         interface to listen on (default 127.0.0.1)
  --companies <a,b>     known company keys (default: any)
  --no-auto-tickets     require tickets opened with POST /__sandbox/tickets
  --state-file <path>   keep events and tickets in this JSON file across restarts
  --error-shape <key>   error_code | code | error | message | text (default error_code)
  --allow-credentials   answer Access-Control-Allow-Credentials: true
  --quiet               do not print each request`;

function readOptions() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string' },
      companies: { type: 'string' },
      'no-auto-tickets': { type: 'boolean', default: false },
      'state-file': { type: 'string' },
      'error-shape': { type: 'string' },
      'allow-credentials': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const options = {
    port: Number(values.port),
    host: values.host,
    companies: values.companies
      ?.split(',')
      .map((key) => key.trim())
      .filter(Boolean),
    autoTickets: !values['no-auto-tickets'],
    stateFile: values['state-file'],
    errorShape: /** @type {any} */ (values['error-shape']),
    allowCredentials: values['allow-credentials'],
  };
  return { options, quiet: values.quiet, help: values.help };
}

/** @param {{ seq: number, answer: { status?: number, body?: unknown, dropped?: true } }} event */
function describeAnswer({ seq, answer }) {
  if (answer.dropped) return `#${seq} dropped`;
  const body = /** @type {Record<string, unknown>} */ (answer.body);
  const detail = typeof body === 'object' ? (body.event_type ?? body.error_code ?? body.code ?? body.error ?? body.message) : body;
  return `#${seq} → ${answer.status} ${detail ?? ''}`;
}

async function main() {
  let parsed;
  try {
    parsed = readOptions();
  } catch (error) {
    console.error(`${/** @type {Error} */ (error).message}\n\n${USAGE}`);
    return 1;
  }
  if (parsed.help) return void console.log(USAGE);
  let sandbox;
  try {
    sandbox = await startSandbox(parsed.options);
  } catch (error) {
    const { code, message } = /** @type {NodeJS.ErrnoException} */ (error);
    if (code === 'EADDRINUSE') console.error(`Port ${parsed.options.port} is already in use; pick another with --port.`);
    else console.error(`Cannot start the sandbox: ${message}`);
    return 1;
  }
  console.log(`Alhena API sandbox listening on ${sandbox.url}`);
  console.log(`Control API: ${sandbox.url}/__sandbox/health, /__sandbox/requests, /__sandbox/stream`);
  if (!parsed.quiet) {
    sandbox.subscribe((type, data) => {
      const event = /** @type {any} */ (data);
      if (type === 'request') console.log(`#${event.seq} POST ${event.path}${event.raw === null ? ' (too large)' : ''}`);
      if (type === 'answer') console.log(describeAnswer(event));
    });
  }
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const exitCode = await main();
if (exitCode) process.exit(exitCode);
