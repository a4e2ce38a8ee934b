// Keeping the sandbox's state (events, tickets) in a JSON file across restarts.

import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** @typedef {import('./rules.mjs').Snapshot} Snapshot */

const WRITE_DEBOUNCE_MS = 50;

/**
 * The snapshot stored at `path`, or null when there is no file yet. Throws on a file it cannot trust,
 * rather than starting empty and overwriting it.
 * @param {string} path
 * @returns {Promise<Snapshot | null>}
 */
export async function readStateFile(path) {
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return null;
    throw error;
  }
  let snapshot;
  try {
    snapshot = JSON.parse(text);
  } catch {
    throw new Error(`Sandbox state file ${path} is not valid JSON; fix or delete it`);
  }
  if (snapshot?.version !== 1 || !Array.isArray(snapshot.events) || !Array.isArray(snapshot.tickets)) {
    throw new Error(`Sandbox state file ${path} is not a version 1 snapshot { version, events, tickets }; fix or delete it`);
  }
  return snapshot;
}

/**
 * Writes the file whole, through a temporary file and a rename, so a crash never leaves half a file.
 * @param {string} path
 * @param {Snapshot} snapshot
 */
export async function writeStateFile(path, snapshot) {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(snapshot)}\n`);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Debounced writer: `schedule()` after each change, `flush()` before closing.
 * Writes never overlap; a change during a write causes one more write after it.
 * @param {string} path
 * @param {() => Snapshot} takeSnapshot
 * @param {(error: unknown) => void} onError
 */
export function createStateWriter(path, takeSnapshot, onError) {
  /** @type {NodeJS.Timeout | null} */ let timer = null;
  /** @type {Promise<void>} */ let writing = Promise.resolve();
  let dirty = false;

  function write() {
    timer = null;
    if (!dirty) return writing;
    dirty = false;
    writing = writing.then(() => writeStateFile(path, takeSnapshot())).catch(onError);
    return writing;
  }

  function schedule() {
    dirty = true;
    timer ??= setTimeout(write, WRITE_DEBOUNCE_MS);
  }

  async function flush() {
    if (timer) clearTimeout(timer);
    await write();
  }

  return { schedule, flush };
}
