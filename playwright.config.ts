import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/e2e/chromium.ts';

// E2E_PORT lets several checkouts on one machine run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'test/e2e',
  // Two cores: one worker keeps the app's own workers from fighting the test runner for CPU.
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  // The longest journeys (three browser contexts, a Suggest k cancelled and run again) take 30-50 s
  // on a loaded two-core machine; a test that passes is no slower for a larger limit.
  timeout: 120_000,
  // The default 5 s is the time a loaded two-core machine can take to parse and paint the sample; a
  // retrying assertion passes as soon as it holds, so a longer wait only slows a real failure.
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node scripts/serve-dist.mjs ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
  },
});
