import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './e2e/chromium.mjs';
import type { EngineOptions } from './e2e/journeys/fixtures';

// Chromium runs every spec: the few that are Chromium's alone (screenshots for a person, the demo store's) and
// the journeys of e2e/journeys/, which are written once against an engine-neutral driver and also run in
// Firefox (puppeteer-core over WebDriver BiDi) and WebKit (WebKitWebDriver). See e2e/engines/.
export default defineConfig<EngineOptions>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: 'e2e/.artifacts/test-results',
  reporter: [['list'], ['json', { outputFile: 'e2e/.artifacts/results.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: CHROMIUM,
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'chromium', use: { engineName: 'chromium' } },
    { name: 'firefox', testDir: 'e2e/journeys', use: { engineName: 'firefox' } },
    { name: 'webkit', testDir: 'e2e/journeys', use: { engineName: 'webkit' } },
  ],
});
