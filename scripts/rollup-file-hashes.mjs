// Rollup plugin for the script-tag build: replaces `src/file-hashes.ts` with the SHA-384 integrity hashes of
// the files the tag loads beside itself (the inspector, the platforms' files), read from dist/ as the earlier
// builds of rollup.config.mjs wrote them. The tag then loads each with `integrity`, as a store pinning the tag
// with SRI expects (contract § 11).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ID = resolve('src/file-hashes.ts');

const integrity = (path) => `sha384-${createHash('sha384').update(readFileSync(path)).digest('base64')}`;

/**
 * Writes `dist/alhena-cart.sri.json` once the tag is written: the SRI hash of the tag and of each file it loads
 * beside itself, for a store that pins the tag's versioned URL with `integrity` (README, Going to production).
 */
export function sriManifest(files) {
  return {
    name: 'sri-manifest',
    writeBundle({ file }) {
      const manifest = {};
      for (const name of [file.split('/').pop(), ...files]) manifest[name] = integrity(resolve('dist', name));
      writeFileSync(resolve('dist/alhena-cart.sri.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}

export default function fileHashes(files) {
  return {
    name: 'file-hashes',
    load(id) {
      if (id !== ID) return null;
      const hashes = {};
      for (const file of files) {
        const path = resolve('dist', file);
        this.addWatchFile(path);
        hashes[file] = integrity(path);
      }
      return `export const FILE_HASHES = ${JSON.stringify(hashes)};`;
    },
  };
}
