import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './e2e/chromium.mjs';

export default defineConfig({
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
});
