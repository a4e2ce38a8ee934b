// Rollup plugin for the script-tag build: replaces `src/file-hashes.ts` with the SHA-384 integrity hashes of
// the files the tag loads beside itself (the inspector, the platforms' files), read from dist/ as the earlier
// builds of rollup.config.mjs wrote them. The tag then loads each with `integrity`, as a store pinning the tag
// with SRI expects (contract § 11).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ID = resolve('src/file-hashes.ts');

export default function fileHashes(files) {
  return {
    name: 'file-hashes',
    load(id) {
      if (id !== ID) return null;
      const hashes = {};
      for (const file of files) {
        const path = resolve('dist', file);
        this.addWatchFile(path);
        hashes[file] = `sha384-${createHash('sha384').update(readFileSync(path)).digest('base64')}`;
      }
      return `export const FILE_HASHES = ${JSON.stringify(hashes)};`;
    },
  };
}
