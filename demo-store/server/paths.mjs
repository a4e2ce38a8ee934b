// Where things are on disk, from this file.
import { fileURLToPath } from 'node:url';

const here = (/** @type {string} */ relative) => fileURLToPath(new URL(relative, import.meta.url));

export const REPO_ROOT = here('../../');
export const DEMO_ROOT = here('../');
export const DIST = here('../../dist/');
