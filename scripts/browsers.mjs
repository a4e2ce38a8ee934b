#!/usr/bin/env node
// The browsers the end-to-end tests drive, all from Debian's packages (no browser download works on
// these machines). `node scripts/browsers.mjs --missing` prints the packages still to install.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const BROWSERS = [
  { engine: 'chromium', packages: ['chromium'], paths: [process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'] },
  { engine: 'firefox', packages: ['firefox-esr'], paths: [process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'] },
  {
    engine: 'webkit',
    packages: ['webkit2gtk-driver', 'xvfb'],
    paths: [
      process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver',
      process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
      '/usr/bin/Xvfb',
    ],
  },
];

/** Debian packages of the engines whose programs are not all on this machine. */
export const missingPackages = () => BROWSERS.filter((b) => !b.paths.every((path) => existsSync(path))).flatMap((b) => b.packages);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv.includes('--missing')) {
  console.log(missingPackages().join(' '));
}
