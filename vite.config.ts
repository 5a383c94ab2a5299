/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The version shown to analysts: package.json's, plus the commit it was built from when known. */
function buildVersion(): string {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return commit ? `${version}+${commit}` : version;
  } catch {
    return version;
  }
}

/** V8's magic comment: compile every function of the script as it loads (Chromium 136 and later). */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

export default defineConfig({
  // Relative asset URLs: dist/ works from any sub-path of a static host (routes are hash routes).
  base: './',
  plugins: [
    svelte(),
    // The version goes into index.html, not the script: the page the service worker serves says
    // which build it is (src/bridge/app-version.ts), and a new version is a new precache revision.
    {
      name: 'segment-version',
      transformIndexHtml: () => [{ tag: 'meta', attrs: { name: 'segment-version', content: buildVersion() }, injectTo: 'head' }],
    },
    // Offline after the first visit: Workbox precaches the whole build (page, workers, the sample).
    // Each build's precache list carries content hashes, so a new build is a new service worker;
    // it takes over at once (skipWaiting, clientsClaim) and the page runs it from the next load.
    VitePWA({
      registerType: 'autoUpdate',
      // Registered by the app once it is quiet (src/bridge/register-offline.ts), not on page load.
      injectRegister: null,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,csv,md,wasm}'],
        // The sample (3.8 MB) must be there offline; nothing else comes near this.
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        skipWaiting: true,
        clientsClaim: true,
        // Hash routes only: the one page is index.html.
        navigateFallback: 'index.html',
      },
    }),
  ],
  // Chromium compiles every function of these scripts as it loads them, on the thread that
  // streams them (explicit compile hints), instead of each on its first call: the page's code
  // compiled lazily was about 140 ms of main-thread time in the first import of a fresh tab.
  worker: { format: 'es', rolldownOptions: { output: { postBanner: COMPILE_HINT } } },
  build: { target: 'es2022', sourcemap: true, rolldownOptions: { output: { postBanner: COMPILE_HINT } } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/workers/**/*.test.ts'],
    environment: 'node',
    // Several tests check a few hundred thousand rows against a brute-force answer: about 2 s on an
    // idle machine, over vitest's default 5 s on a loaded two-core one. A limit catches a stall, not slowness.
    testTimeout: 20_000,
  },
});
