// The integrity hashes (SRI) of the files the script tag loads beside itself, by file name. The script-tag
// build replaces this module with the hashes of the files it has just built (scripts/rollup-file-hashes.mjs);
// from source (tests) there are none, and the files load without an `integrity` attribute.
export const FILE_HASHES: Readonly<Record<string, string>> = {};
