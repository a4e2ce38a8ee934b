// Building the SDK when dist/ is missing or older than its sources.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, REPO_ROOT } from './paths.mjs';

/** What the demo serves and runs: the script-tag build, the npm (ESM) build, and the server entry (hosted checkout). */
export const BUILT_FILES = [
  join(DIST, 'alhena-cart.min.js'),
  join(DIST, 'alhena-cart.inspector.min.js'),
  join(DIST, 'index.mjs'),
  join(DIST, 'server.mjs'),
];
const SOURCES = [join(REPO_ROOT, 'src'), join(REPO_ROOT, 'rollup.config.mjs')];

/** Newest modification time under `path` (a file or a folder), in ms; 0 when it does not exist. */
async function newestMtimeMs(/** @type {string} */ path) {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestMtimeMs(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/**
 * Why the SDK must be built, or null when dist/ is up to date.
 * @param {string[]} [builtFiles] @param {string[]} [sources] files or folders
 */
export async function buildNeeded(builtFiles = BUILT_FILES, sources = SOURCES) {
  const built = await Promise.all(builtFiles.map((file) => stat(file).catch(() => null)));
  if (built.some((info) => !info)) return 'dist/ is missing';
  const oldestBuildMs = Math.min(...built.map((info) => /** @type {import('node:fs').Stats} */ (info).mtimeMs));
  const sourcesMs = Math.max(...(await Promise.all(sources.map(newestMtimeMs))));
  return sourcesMs > oldestBuildMs ? 'dist/ is older than src/' : null;
}

/** Runs `rollup -c` in the repository, its output shown; rejects when it fails. */
export function buildSdk() {
  return new Promise((resolve, reject) => {
    const rollup = join(REPO_ROOT, 'node_modules/.bin/rollup');
    const child = spawn(rollup, ['-c'], { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('error', (error) => reject(new Error(`cannot run ${rollup}: ${error.message} (run npm ci first)`)));
    child.on('exit', (code, signal) =>
      code === 0 ? resolve(undefined) : reject(new Error(`the SDK build failed (rollup -c exited with ${signal ?? code})`)),
    );
  });
}
