/**
 * `npx redb` in the project folder (the README's line, and the demo's hint) installs the
 * folder into npx's cache on its first run, and npm runs the package's `prepare` there.
 * That `prepare` was a full `npm run build`, which replaced dist/cli/ under every redb
 * running from it: CI's test run failed with "Cannot find module dist/cli/main.js" in
 * tests that happened to run beside the demo's test. A build of unchanged sources is
 * now skipped (scripts/build-if-stale.mjs).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR, tempDir } from '../support/cli.js';

const MAIN = join(PROJECT_DIR, 'dist/cli/main.js');
const VERSION = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')).version as string;

describe('npx redb, first run in the project folder', () => {
  it('runs the build that is there instead of rebuilding dist/', { timeout: 180_000 }, () => {
    const cache = tempDir('redb-npx-cache-');
    try {
      const before = statSync(MAIN).mtimeMs;
      // an empty npm cache: npx installs the folder as it does on a fresh machine
      const r = spawnSync('npx', ['--yes', 'redb', '--version'], {
        cwd: PROJECT_DIR,
        encoding: 'utf8',
        env: { ...process.env, npm_config_cache: cache, npm_config_update_notifier: 'false' },
      });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain(`redb/${VERSION}`);
      expect(statSync(MAIN).mtimeMs, 'dist/cli/main.js was rebuilt under the running tests').toBe(before);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
