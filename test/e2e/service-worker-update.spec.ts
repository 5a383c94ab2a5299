import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serveDist } from '../../scripts/serve-dist.mjs';
import { savedAfter } from './session-steps.ts';

/**
 * Two deployments of the build at one origin: A, then B (the same build with another index.html,
 * as any release changes some file). The static host is a directory whose link is switched from A
 * to B, as a deploy swaps the files.
 */
function deployments(): { live: string; deploy: (name: 'A' | 'B') => void; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'segment-sw-'));
  for (const name of ['A', 'B']) {
    const to = join(dir, name);
    cpSync('dist', to, { recursive: true });
    // B is a release with another version: the mark the page shows (its segment-version meta).
    const html = readFileSync(join(to, 'index.html'), 'utf8');
    const marked = html.replace(/(<meta name="segment-version" content=")([^"]*)"/, `$1$2-${name}"`);
    expect(marked).not.toBe(html);
    writeFileSync(join(to, 'index.html'), marked);
    // Workbox names each precached file's content by a revision in sw.js: a changed file, a new worker.
    const sw = readFileSync(join(to, 'sw.js'), 'utf8');
    const revised = sw.replace(/(url:"index\.html",revision:")([^"]*)"/, `$1${name}-$2"`);
    expect(revised).not.toBe(sw);
    writeFileSync(join(to, 'sw.js'), revised);
  }
  const live = join(dir, 'live');
  return {
    live,
    deploy(name) {
      rmSync(live, { force: true });
      symlinkSync(join(dir, name), live);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The build (A or B) whose version the page shows in its footer. */
async function build(page: Page): Promise<string | null> {
  const shown = await page.getByTestId('app-version').textContent();
  return /^Segment Studio version \S+-([AB])$/.exec(shown ?? '')?.[1] ?? null;
}

/** The build (A or B) of each index.html the service worker keeps, from its revision. */
const precachedPages = (page: Page) =>
  page.evaluate(async () => {
    const found: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) {
        const m = /index\.html\?__WB_REVISION__=([AB])-/.exec(request.url);
        if (m) found.push(m[1]!);
      }
    }
    return found.sort().join(',');
  });

async function offlineReady(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
}

for (const [where, path] of [
  ['at the root', ''],
  ['under a sub-path', 'a/b/'],
] as const) {
  test(`a new build's service worker takes over on the next load ${where}: the load after a deploy shows the old build and installs the new one, the one after shows the new build, the old build's files are dropped, and saved sessions stay`, async ({ browser }) => {
    test.setTimeout(120_000);
    const host = deployments();
    host.deploy('A');
    const server = await serveDist(0, host.live);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${path}`;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(url);
      await offlineReady(page);
      expect(await build(page)).toBe('A');
      // A first visit is no update.
      await expect(page.getByTestId('updated-note')).toHaveCount(0);
      const versionA = (await page.getByTestId('app-version').textContent())!.replace('Segment Studio version ', '');
      await expect.poll(() => precachedPages(page), { timeout: 20_000 }).toBe('A');
      await savedAfter(page, async () => {
        await page.getByRole('button', { name: 'Try the sample data' }).click();
        await expect(page.getByTestId('scatter-canvas')).toHaveAttribute('data-marks', /^[1-9]\d*$/, { timeout: 30_000 });
      });

      host.deploy('B');
      // The first load after the deploy is served by A's worker, which meanwhile finds B's and
      // installs it; B's worker takes over at once (skipWaiting, clientsClaim) and drops A's files.
      await page.goto(url);
      expect(await build(page)).toBe('A');
      await expect(page.getByTestId('updated-note')).toHaveCount(0);
      await expect.poll(() => precachedPages(page), { timeout: 30_000 }).toBe('B');

      // The next load is B, from B's precache: offline as well.
      await page.goto(url);
      expect(await build(page)).toBe('B');
      const versionB = versionA.replace(/-A$/, '-B');
      await expect(page.getByTestId('updated-note')).toContainText(`Updated to version ${versionB} (this browser had ${versionA})`);
      // The worker in charge is the registration's only one (none waiting or installing): B's, the
      // one whose precache holds B's page and no longer A's.
      expect(
        await page.evaluate(async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          return reg !== undefined && navigator.serviceWorker.controller === reg.active && reg.waiting === null && reg.installing === null;
        }),
      ).toBe(true);
      expect(await precachedPages(page)).toBe('B');
      const session = page.getByTestId('sessions').locator('tr[data-session="online-retail-2011-jan-feb.csv"]');
      await expect(session).toBeVisible();
      await context.setOffline(true);
      await page.goto(url);
      expect(await build(page)).toBe('B');
      // The update is said once.
      await expect(page.getByTestId('updated-note')).toHaveCount(0);
      await expect(session).toBeVisible();
      await session.getByTestId('reopen').click();
      await expect(page.getByTestId('rf-grid')).toBeVisible({ timeout: 30_000 });
    } finally {
      await context.close();
      server.close();
      host.cleanup();
    }
  });
}
