// The Alhena API sandbox: a local stand-in for the vendor's two endpoints and a control API for tests and
// the demo's dashboard. The demo store (demo-store/), the end-to-end suite (e2e/) and the server entry's
// tests all use it through this module. See README.md here.
export { parseJson, readBody } from './http-io.mjs';
export { listen, startSandbox } from './server.mjs';
