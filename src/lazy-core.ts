// The script-tag build replaces this module (see `lazyCore` in rollup.config.mjs) with one whose
// `loadCore()` runs the SDK's code, valibot included, the first time it is called, not while
// the page evaluates the file. Tests, types and the npm build use this plain import.
import * as core from './script-tag-core';

export const loadCore = (): typeof core => core;
