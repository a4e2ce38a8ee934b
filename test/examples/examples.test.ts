// The README's server snippets in PHP, Python and curl (examples/), run by the real interpreters against the API
// sandbox: what they send is read from the sandbox's own record. CI installs php-cli, php-curl and python3 (.ci/run).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index.mjs';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type Result = { status: string; code: string | null; http_status: number | null; issues: Record<string, string> };
type Output = { read: { ok: boolean; issues?: Record<string, string> }; cart?: Result; checkout?: Result };

const FP = { user: '550e8400-e29b-41d4-a716-446655440000', faq: '660e8400-e29b-41d4-a716-446655441111' };
const POSTED = { alhena_user_fingerprint: FP.user, alhena_faq_fingerprint: FP.faq };
const CART = { type: 'ITEM_ADDED', product_id: 42, product_name: 'Shoe', value: 79.99, currency: 'usd', quantity: 1 };
const ORDER = {
  order_id: 1234,
  value: 159.98,
  currency: 'USD',
  line_items: [{ product_id: '43', product_name: 'Shoe – “blue”', quantity: 2, value: 159.98 }],
};
const CART_BODY = {
  company_key: 'acme',
  user_fingerprint: FP.user,
  user_faq_fingerprint: FP.faq,
  type: 'ITEM_ADDED',
  product_id: '42',
  product_name: 'Shoe',
  value: 79.99,
  currency: 'USD',
  quantity: 1,
  source: 'CUSTOM',
};
const CHECKOUT_BODY = {
  company_key: 'acme',
  user_fingerprint: FP.user,
  user_faq_fingerprint: FP.faq,
  value: 159.98,
  currency: 'USD',
  orderId: '1234',
  order_id: '1234',
  line_items: [{ product_id: '43', product_name: 'Shoe – “blue”', quantity: 2, value: 159.98, currency: 'USD' }],
};

const works = (command: string, args: string[]) => {
  try {
    return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  }
};
const HAS_PHP = works('php', ['-v']);
const HAS_PHP_CURL = HAS_PHP && works('php', ['-r', 'exit(function_exists("curl_init") ? 0 : 1);']);
const HAS_PYTHON = works('python3', ['--version']);
const HAS_CURL = works('curl', ['--version']);
const missing = (has: boolean, what: string) =>
  has ? '' : ` (skipped: ${what} is not installed here; apt-get install it, as .ci/run does)`;

/** Runs a program with `input` on stdin, asynchronously (the sandbox answers from this process). */
function run(
  command: string,
  args: string[],
  input = '',
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

async function runJson<T>(command: string, args: string[], scenario: unknown): Promise<T> {
  const { status, stdout, stderr } = await run(command, args, JSON.stringify(scenario));
  expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  return JSON.parse(stdout) as T;
}

let api: Sandbox;
beforeEach(async () => {
  api = await startSandbox({ port: 0, companies: ['acme'] });
});
afterEach(async () => {
  await api.close();
});

const sent = () => api.requests().map((r) => [r.path, r.body]);

const DRIVERS = [
  {
    name: `PHP with ext-curl (examples/php/alhena.php)${missing(HAS_PHP_CURL, 'php-curl')}`,
    has: HAS_PHP_CURL,
    command: 'php',
    args: ['test/examples/run.php'],
  },
  // -n loads no ini file, so no curl extension: PHP's own HTTP streams send.
  {
    name: `PHP with streams (examples/php/alhena.php)${missing(HAS_PHP, 'php-cli')}`,
    has: HAS_PHP,
    command: 'php',
    args: ['-n', 'test/examples/run.php'],
  },
  {
    name: `Python (examples/python/alhena.py)${missing(HAS_PYTHON, 'python3')}`,
    has: HAS_PYTHON,
    command: 'python3',
    args: ['test/examples/run.py'],
  },
];

describe.each(DRIVERS)('$name', ({ has, command, args }) => {
  const sendAll = (scenarios: Record<string, unknown>[], url = api.url) => runJson<Output[]>(command, [...args, url], scenarios);
  const send = async (scenario: Record<string, unknown>) => (await sendAll([scenario]))[0];

  it.skipIf(!has)('reads the posted fingerprints and sends the exact cart and checkout bodies, answered recorded', async () => {
    const out = await send({ post: { ...POSTED, alhena_user_fingerprint: ` ${FP.user}\n` }, cart: CART, checkout: ORDER });
    expect(out.read).toEqual({ ok: true, fingerprints: FP });
    expect(out.cart).toMatchObject({ status: 'recorded', http_status: 200 });
    expect(out.checkout).toMatchObject({ status: 'recorded', http_status: 200 });
    expect(sent()).toStrictEqual([
      ['/analytics/cart_events', CART_BODY],
      ['/analytics/checkout_events', CHECKOUT_BODY],
    ]);
    expect(api.requests().map((r) => r.contentType)).toEqual(['application/json', 'application/json']);
  });

  it.skipIf(!has)('sends nothing for a fingerprint the SDK would refuse, naming the field', async () => {
    const bad = ['', '   ', 'undefined', 'NULL', 'has space', 'é'.repeat(8), 'x'.repeat(257)];
    const outs = await sendAll([
      ...bad.map((value) => ({ post: { ...POSTED, alhena_faq_fingerprint: value }, checkout: ORDER })),
      { post: { alhena_faq_fingerprint: FP.faq }, checkout: ORDER },
    ]);
    bad.forEach((value, index) => {
      expect(outs[index].read.ok, JSON.stringify(value)).toBe(false);
      expect(Object.keys(outs[index].read.issues ?? {})).toEqual(['alhena_faq_fingerprint']);
      expect(outs[index].checkout).toBeUndefined();
    });
    expect(outs[bad.length].read.issues?.alhena_user_fingerprint).toMatch(/missing/);
    expect(sent()).toEqual([]);
    // The same order with good fingerprints goes out: the refusals above were the rule, not a dead snippet.
    await send({ post: POSTED, checkout: ORDER });
    expect(sent()).toStrictEqual([['/analytics/checkout_events', CHECKOUT_BODY]]);
  });

  it.skipIf(!has)('answers invalid for a malformed order, naming each field, and sends nothing', async () => {
    const out = await send({
      post: POSTED,
      checkout: { ...ORDER, currency: 'dollars', line_items: [{ product_id: '', product_name: 'Shoe', quantity: 0, value: -1 }] },
      cart: { ...CART, type: 'ITEM_ADDD', product_id: 'x'.repeat(257) },
    });
    expect(out.checkout).toMatchObject({ status: 'invalid', http_status: null });
    expect(Object.keys(out.checkout?.issues ?? {}).sort()).toEqual(
      ['currency', 'line_items.0.currency', 'line_items.0.product_id', 'line_items.0.quantity', 'line_items.0.value'].sort(),
    );
    expect(out.cart).toMatchObject({ status: 'invalid' });
    expect(Object.keys(out.cart?.issues ?? {}).sort()).toEqual(['product_id', 'type']);
    expect(sent()).toEqual([]);
  });

  it.skipIf(!has)('names the API answers as the server entry does: duplicate, not_attributed, rejected, failed', async () => {
    api.addFaults([
      { kind: 'code', code: 'ACTIVE_TICKET_NOT_FOUND', count: 1 },
      { kind: 'status', status: 503, count: 1 },
    ]);
    const outs = await sendAll([
      { post: POSTED, cart: CART },
      { post: POSTED, cart: CART },
      { post: POSTED, checkout: ORDER },
      { post: POSTED, checkout: ORDER },
      { post: POSTED, company_key: 'other', cart: CART },
    ]);
    expect(outs.map((out) => out.cart ?? out.checkout)).toMatchObject([
      { status: 'not_attributed', code: 'ACTIVE_TICKET_NOT_FOUND' },
      { status: 'failed', code: 'HTTP_503', http_status: 503 },
      { status: 'recorded', code: null, http_status: 200 },
      { status: 'duplicate', code: 'ORDER_ALREADY_EXISTS', http_status: 409 },
      { status: 'rejected', code: 'COMPANY_NOT_FOUND', http_status: 404 },
    ]);
    expect(api.requests()).toHaveLength(5);
  });

  it.skipIf(!has)('gives up after its timeout, and on a host that does not answer, with failed rather than an error', async () => {
    // The API answers after 3 s: a 0.5 s timeout ends the call first (waited out, it would be recorded).
    api.addFaults({ kind: 'delay', ms: 3_000 });
    const out = await send({ post: POSTED, timeout: 0.5, cart: CART });
    expect(out.cart).toMatchObject({ status: 'failed', code: 'NETWORK_ERROR', http_status: null });
    const [closed] = await sendAll([{ post: POSTED, cart: CART }], 'http://127.0.0.1:9');
    expect(closed.cart).toMatchObject({ status: 'failed', code: 'NETWORK_ERROR' });
  });
});

describe(`WooCommerce hooks (examples/php/woocommerce-hooks.php)${missing(HAS_PHP, 'php-cli')}`, () => {
  const ORDER_77 = {
    id: 77,
    total: '118.00',
    currency: 'EUR',
    items: [
      { product_id: 10, variation_id: 12, name: 'Hoodie - Blue', quantity: 2, total: 80, tax: 16 },
      { product_id: 20, name: 'Cap', quantity: 1, total: 20, tax: 2 },
    ],
  };
  const woo = (scenario: unknown) => runJson<Record<string, string>>('php', ['test/examples/woocommerce.php', api.url], scenario);

  it.skipIf(!HAS_PHP)('is valid PHP (php -l)', async () => {
    expect(await run('php', ['-l', 'examples/php/woocommerce-hooks.php'])).toMatchObject({ status: 0 });
  });

  it.skipIf(!HAS_PHP)('keeps the posted fingerprints as order meta and reports the paid order once, with the store’s ids', async () => {
    const meta = await woo({ post: POSTED, order: ORDER_77 });
    expect(meta).toEqual({ _alhena_user_fingerprint: FP.user, _alhena_faq_fingerprint: FP.faq, _alhena_reported: 'recorded' });
    // woocommerce_payment_complete and woocommerce_order_status_processing both fired: one request.
    expect(sent()).toStrictEqual([
      [
        '/analytics/checkout_events',
        {
          company_key: 'acme',
          user_fingerprint: FP.user,
          user_faq_fingerprint: FP.faq,
          value: 118,
          currency: 'EUR',
          orderId: '77',
          order_id: '77',
          line_items: [
            { product_id: '12', product_name: 'Hoodie - Blue', quantity: 2, value: 96, currency: 'EUR' },
            { product_id: '20', product_name: 'Cap', quantity: 1, value: 22, currency: 'EUR' },
          ],
        },
      ],
    ]);
  });

  it.skipIf(!HAS_PHP)('keeps no meta and reports nothing when the checkout posted no valid fingerprints', async () => {
    expect(await woo({ post: { ...POSTED, alhena_user_fingerprint: 'undefined' }, order: ORDER_77 })).toEqual({});
    expect(sent()).toEqual([]);
    // The same checkout with the fingerprints is reported: the stub runs the hooks.
    await woo({ post: POSTED, order: ORDER_77 });
    expect(sent()).toHaveLength(1);
  });
});

describe(`curl (examples/curl/checkout.sh)${missing(HAS_CURL, 'curl')}`, () => {
  it.skipIf(!HAS_CURL)('posts the vendor’s checkout body, recorded', async () => {
    const { status, stdout } = await run('sh', ['examples/curl/checkout.sh', api.url]);
    expect({ status, answer: JSON.parse(stdout) }).toEqual({
      status: 0,
      answer: { status: 'success', event_type: 'CHECKOUT_EVENT_RECORDED' },
    });
    expect(sent()).toStrictEqual([
      [
        '/analytics/checkout_events',
        {
          ...CHECKOUT_BODY,
          orderId: '1234',
          order_id: '1234',
          line_items: [{ product_id: '42', product_name: 'Shoe', quantity: 2, value: 159.98, currency: 'USD' }],
        },
      ],
    ]);
  });
});

// The README's short examples, as files: a PHP store's checkout handler and a Python view's helper.
describe('the README’s short examples', () => {
  const REPORTED = {
    ...CHECKOUT_BODY,
    currency: 'EUR',
    line_items: [{ product_id: '42', product_name: 'Shoe', quantity: 2, value: 159.98, currency: 'EUR' }],
  };
  const php = (post: unknown) =>
    run('php', ['-d', 'auto_prepend_file=test/examples/post.php', 'examples/php/report-order.php'], '', {
      POST_JSON: JSON.stringify(post),
      ALHENA_API_BASE_URL: api.url,
    });
  const python = (args: string[]) =>
    run(
      'python3',
      [
        '-c',
        'import json, sys; from report_order import report_order; print(json.dumps(report_order(*map(json.loads, sys.argv[1:]))))',
        ...args,
      ],
      '',
      { PYTHONPATH: 'examples/python', ALHENA_API_BASE_URL: api.url },
    ).then(({ stdout }) => stdout);

  it.skipIf(!HAS_PHP)(
    `examples/php/report-order.php reports the posted order, and nothing without fingerprints${missing(HAS_PHP, 'php-cli')}`,
    async () => {
      expect(await php({ ...POSTED, alhena_user_fingerprint: 'null' })).toMatchObject({ status: 0, stderr: '' });
      expect(sent()).toEqual([]);
      expect(await php(POSTED)).toMatchObject({ status: 0, stderr: '' });
      expect(sent()).toStrictEqual([['/analytics/checkout_events', REPORTED]]);
    },
  );

  it.skipIf(!HAS_PYTHON)(
    `examples/python/report_order.py reports the order, and nothing without fingerprints${missing(HAS_PYTHON, 'python3')}`,
    async () => {
      const order = JSON.stringify({ order_id: '1234', value: 159.98, currency: 'EUR', line_items: REPORTED.line_items });
      const refused = JSON.parse(await python([JSON.stringify({ alhena_user_fingerprint: FP.user }), order]));
      expect(refused).toMatchObject({ ok: false, issues: { alhena_faq_fingerprint: expect.stringMatching(/missing/) } });
      expect(sent()).toEqual([]);
      expect(JSON.parse(await python([JSON.stringify(POSTED), order]))).toMatchObject({ status: 'recorded' });
      expect(sent()).toStrictEqual([['/analytics/checkout_events', REPORTED]]);
    },
  );
});

describe('README and docs/servers.md', () => {
  it('shows each snippet file as it is, in a code block (the two whole libraries in docs/servers.md)', () => {
    const readme = readFileSync('README.md', 'utf8') + readFileSync('docs/servers.md', 'utf8');
    const files = {
      php: ['examples/php/woocommerce-hooks.php', 'examples/php/alhena.php', 'examples/php/report-order.php'],
      python: ['examples/python/alhena.py', 'examples/python/report_order.py'],
      sh: ['examples/curl/checkout.sh'],
    };
    const absent = Object.entries(files).flatMap(([language, paths]) =>
      paths.filter((path) => !readme.includes(`\`\`\`${language}\n${readFileSync(path, 'utf8')}\`\`\``)),
    );
    expect(absent).toEqual([]);
  });
});
