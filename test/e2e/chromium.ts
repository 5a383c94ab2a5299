import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's chromium, because Playwright's own browser download cannot run here. Set
 * CHROMIUM_PATH to another binary, or to "playwright" to use Playwright's bundled Chromium.
 * The host resolver rule maps every host but 127.0.0.1 to nothing: the browser cannot reach
 * out on its own, and any request the app makes elsewhere fails and is seen by the tests.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return {
    ...(path === 'playwright' ? {} : { executablePath: path }),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  };
}
