#!/usr/bin/env node
// The one test command (`npm test`): every check and suite, in order, each counted; ends with the line
// `N passed, N failed` that CI reads. A failing step does not stop the later ones.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { missingPackages } from './browsers.mjs';

const ARTIFACTS = 'e2e/.artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

/** @typedef {{ name: string, passed: number, failed: number, skipped?: string[] }} Result */
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
    const counted = count(JSON.parse(readFileSync(report, 'utf8')));
    const list = Array.isArray(counted) ? counted : [{ name, ...counted }];
    // A command that failed with no failing test in its report (it crashed, say) counts one failure,
    // once: not one more in every engine when a test of one engine failed.
    if (!ok && !list.some((result) => result.failed)) list[0] = { name, passed: 0, ...list[0], failed: 1 };
    results.push(...list);
  } catch {
    results.push({ name, passed: 0, failed: 1 });
  }
}

/**
 * The Playwright report counted per engine (project), with each engine's version (the journeys'
 * `engine` annotation) and every skip with its reason.
 */
function countPerEngine(report) {
  const engines = new Map();
  const visit = (suite) => {
    for (const child of suite.suites ?? []) visit(child);
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const engine = engines.get(t.projectName) ?? { passed: 0, failed: 0, skipped: [], version: undefined };
        engines.set(t.projectName, engine);
        engine.version ??= t.annotations.find((a) => a.type === 'engine')?.description;
        if (t.status === 'skipped') {
          const reason = t.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
          engine.skipped.push(`${spec.title}: ${reason}`);
        } else if (t.status === 'expected' || t.status === 'flaky') engine.passed++;
        else engine.failed++;
      }
    }
  };
  for (const suite of report.suites ?? []) visit(suite);
  return [...engines].map(([project, e]) => ({
    name: `end-to-end in ${project}${e.version ? ` (${e.version})` : ''}`,
    passed: e.passed,
    failed: e.failed,
    skipped: e.skipped,
  }));
}

const bin = (name) => `node_modules/.bin/${name}`;

// The end-to-end tests drive Debian's Chromium, Firefox ESR and WebKitGTK (no browser download works here).
const missing = missingPackages();
if (missing.length && process.getuid?.() === 0) {
  console.log(`\n▶ installing Debian's ${missing.join(', ')} for the end-to-end tests`);
  spawnSync(
    'sh',
    ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`],
    {
      stdio: 'inherit',
    },
  );
}
if (missingPackages().length) console.log(`\n! missing ${missingPackages().join(', ')}: install with apt-get (the e2e suite will fail)`);

check('type check', bin('tsc'), ['-p', 'tsconfig.test.json']);
check('lint and format (biome)', bin('biome'), ['check', '.']);
// Built before the unit tests: the demo store's server reports orders through the built server entry.
const built = check('build', bin('rollup'), ['-c', '--silent']);
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
if (built) {
  check('SSR import of the built package', 'node', ['scripts/check-ssr-import.mjs']);
  check('server entry from the built package: Node ESM and CJS, edge globals, types without the DOM', 'node', [
    'scripts/check-server-package.mjs',
  ]);
  check('package exports and types (publint)', bin('publint'), []);
  check('types for import and require (are the types wrong)', bin('attw'), ['--pack', '.']);
  check('no eval, string timers or HTML writes (src and bundles)', 'node', ['scripts/check-source.mjs']);
  check('size budgets', 'node', ['scripts/check-size.mjs']);
  check('built files parse as the ECMAScript the stated browser support allows', 'node', ['scripts/check-syntax.mjs']);
  suite('end-to-end (playwright)', bin('playwright'), ['test'], `${ARTIFACTS}/results.json`, countPerEngine);
} else {
  results.push({ name: 'end-to-end (playwright): not run, the build failed', passed: 0, failed: 1 });
}

console.log('\nSummary');
for (const r of results) {
  const skipped = r.skipped?.length ? `, ${r.skipped.length} skipped` : '';
  console.log(`  ${r.failed ? '✗' : '✓'} ${r.name}: ${r.passed} passed, ${r.failed} failed${skipped}`);
  for (const reason of r.skipped ?? []) console.log(`      skipped: ${reason}`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
const skipped = results.reduce((sum, r) => sum + (r.skipped?.length ?? 0), 0);
// Skips are counted apart: neither passed nor failed.
if (skipped) console.log(`${skipped} skipped (not counted below)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
