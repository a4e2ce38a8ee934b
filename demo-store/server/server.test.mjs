// @vitest-environment node
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildNeeded } from './build.mjs';
import { requestHostname, resolveInside } from './static-files.mjs';

describe('buildNeeded', () => {
  /** @type {string[]} */ const made = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  /** A repository in miniature: src/a/b.ts and dist/x.js, with the times given (seconds). */
  async function repo({ sourceS = 1000, builtS = 2000, built = true } = {}) {
    const root = await mkdtemp(join(tmpdir(), 'demo-build-'));
    made.push(root);
    await mkdir(join(root, 'src/a'), { recursive: true });
    await mkdir(join(root, 'dist'));
    await writeFile(join(root, 'src/a/b.ts'), '');
    await utimes(join(root, 'src/a/b.ts'), sourceS, sourceS);
    for (const dir of ['src', 'src/a']) await utimes(join(root, dir), 500, 500);
    if (built) {
      await writeFile(join(root, 'dist/x.js'), '');
      await utimes(join(root, 'dist/x.js'), builtS, builtS);
    }
    return { built: [join(root, 'dist/x.js')], sources: [join(root, 'src')] };
  }

  it('is not needed when every built file is newer than every source', async () => {
    const { built, sources } = await repo();
    expect(await buildNeeded(built, sources)).toBeNull();
  });

  it('is needed when a built file is missing', async () => {
    const { built, sources } = await repo({ built: false });
    expect(await buildNeeded(built, sources)).toBe('dist/ is missing');
  });

  it('is needed when a source deep in src/ is newer than the build', async () => {
    const { built, sources } = await repo({ sourceS: 3000 });
    expect(await buildNeeded(built, sources)).toBe('dist/ is older than src/');
  });
});

describe('resolveInside', () => {
  it('finds files below the folder', () => {
    expect(resolveInside('/srv/shop', 'js/app.js')).toBe('/srv/shop/js/app.js');
  });

  it.each(['../secret', 'js/../../secret', '/../secret', 'a\0b'])('refuses %j', (path) => {
    expect(resolveInside('/srv/shop', path)).toBeNull();
  });

  it('refuses a sibling folder that starts with the same name', () => {
    expect(resolveInside('/srv/shop', '../shop-private/x')).toBeNull();
  });
});

describe('requestHostname', () => {
  const req = (/** @type {string | undefined} */ host) => /** @type {any} */ ({ headers: { host } });

  it.each([
    ['localhost:4000', 'localhost'],
    ['127.0.0.1:4000', '127.0.0.1'],
    ['[::1]:4000', '[::1]'],
    ['shop.test', 'shop.test'],
    ['evil.test/"><script>', 'evil.test'],
  ])('reads %j as %j', (host, hostname) => {
    expect(requestHostname(req(host), 'fallback')).toBe(hostname);
  });

  it.each([undefined, '', 'a b', '"><script>'])('falls back for %j', (host) => {
    expect(requestHostname(req(host), 'fallback')).toBe('fallback');
  });
});
