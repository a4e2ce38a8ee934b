// Launch options for Debian's Chromium, shared by the e2e config and the benchmark.
// Playwright's own browser download cannot work on these machines; the flags keep Chromium off the closed network.
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
