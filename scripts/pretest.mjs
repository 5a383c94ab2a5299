// Runs before `npm test` (npm's pretest hook) so the one test command works on a fresh machine:
// installs the locked dependencies when they are missing, and Debian's chromium for the
// browser tests when there is none (Playwright's own browser download does not work here).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('pretest: installing dependencies (npm ci)');
  run('npm ci --no-audit --no-fund');
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (chromium !== 'playwright' && !existsSync(chromium)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log("pretest: installing Debian's chromium for the browser tests");
    run('apt-get -o DPkg::Lock::Timeout=600 update && apt-get -o DPkg::Lock::Timeout=600 install -y chromium');
  } else {
    console.error(
      `pretest: no Chromium at ${chromium}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium), ` +
        'or set CHROMIUM_PATH to a Chromium binary, or CHROMIUM_PATH=playwright after `npx playwright install chromium`.',
    );
    process.exit(1);
  }
}
