#!/usr/bin/env node
// The one test command (`npm test`): every check and suite, in order, each counted; ends with the line
// `N passed, N failed` that CI reads. A failing step does not stop the later ones.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const ARTIFACTS = 'e2e/.artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

/** @typedef {{ name: string, passed: number, failed: number }} Result */
/** @type {Result[]} */
const results = [];

function run(command, args, env = {}) {
  console.log(`\n▶ ${command} ${args.join(' ')}`);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return child.status === 0;
}

/** A check counts as one test. */
function check(name, command, args) {
  const ok = run(command, args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
  return ok;
}

/** A suite counts its own tests, read from its JSON report; a suite that crashed counts one failure. */
function suite(name, command, args, report, count, env) {
  rmSync(report, { force: true });
  const ok = run(command, args, env);
  try {
    const { passed, failed } = count(JSON.parse(readFileSync(report, 'utf8')));
    results.push({ name, passed, failed: failed || (ok ? 0 : 1) });
  } catch {
    results.push({ name, passed: 0, failed: 1 });
  }
}

const bin = (name) => `node_modules/.bin/${name}`;

// The end-to-end tests drive Debian's Chromium (Playwright cannot download its own browser here).
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium) && process.getuid?.() === 0) {
  console.log(`\n▶ ${chromium} is missing: installing Debian's chromium`);
  spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium'], {
    stdio: 'inherit',
  });
}
if (!existsSync(chromium)) console.log(`\n! ${chromium} is missing: install it with apt-get install chromium (the e2e suite will fail)`);

check('type check', bin('tsc'), ['-p', 'tsconfig.test.json']);
check('lint and format (biome)', bin('biome'), ['check', '.']);
suite(
  'unit (vitest)',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile=${ARTIFACTS}/vitest.json`],
  `${ARTIFACTS}/vitest.json`,
  (r) => ({
    passed: r.numPassedTests,
    failed: r.numFailedTests + (r.numTotalTestSuites && r.success === false && r.numFailedTests === 0 ? 1 : 0),
  }),
);
const built = check('build', bin('rollup'), ['-c', '--silent']);
if (built) {
  check('SSR import of the built package', 'node', ['scripts/check-ssr-import.mjs']);
  check('package exports and types (publint)', bin('publint'), []);
  check('types for import and require (are the types wrong)', bin('attw'), ['--pack', '.']);
  check('no eval, string timers or HTML writes (src and bundles)', 'node', ['scripts/check-source.mjs']);
  check('size budgets', 'node', ['scripts/check-size.mjs']);
  check('built files parse as ES2021 (the stated browser support)', 'node', ['scripts/check-syntax.mjs']);
  suite('end-to-end (playwright)', bin('playwright'), ['test'], `${ARTIFACTS}/results.json`, (r) => ({
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected,
  }));
} else {
  results.push({ name: 'end-to-end (playwright): not run, the build failed', passed: 0, failed: 1 });
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r.failed ? '✗' : '✓'} ${r.name}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
