#!/usr/bin/env node
// The browsers the end-to-end tests drive, and the interpreters the server snippets run with, all from Debian's
// packages (no download works on these machines). `node scripts/browsers.mjs --missing` prints the packages still to install.
import { existsSync, readdirSync } from 'node:fs';
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

/** Debian's PHP extension folder holding curl.so (`/usr/lib/php/20220829/` for PHP 8.2), if any. */
function phpCurlPath() {
  try {
    const folder = readdirSync('/usr/lib/php').find((name) => existsSync(`/usr/lib/php/${name}/curl.so`));
    return folder ? `/usr/lib/php/${folder}/curl.so` : '/usr/lib/php/curl.so';
  } catch {
    return '/usr/lib/php/curl.so';
  }
}

/** The interpreters the README's server snippets (examples/) run with, also from Debian's packages. */
export const INTERPRETERS = [
  { name: 'php', packages: ['php-cli', 'php-curl'], paths: [process.env.PHP_PATH ?? '/usr/bin/php', phpCurlPath()] },
  { name: 'python3', packages: ['python3'], paths: [process.env.PYTHON3_PATH ?? '/usr/bin/python3'] },
];

/** Debian packages of the engines and interpreters whose programs are not all on this machine. */
export const missingPackages = () =>
  [...BROWSERS, ...INTERPRETERS].filter((b) => !b.paths.every((path) => existsSync(path))).flatMap((b) => b.packages);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv.includes('--missing')) {
  console.log(missingPackages().join(' '));
}
