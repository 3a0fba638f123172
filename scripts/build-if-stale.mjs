#!/usr/bin/env node
/**
 * `npm run build`, unless dist/ was already built from these exact sources (`prepare`
 * and `pretest`). npm runs `prepare` again whenever it installs this folder as a
 * package, and `npx redb` in this folder does that on its first run (into npx's
 * cache): the full build then replaced dist/cli/ under every redb already running
 * from it. A build records a hash of its inputs in dist/.build-inputs; a build whose
 * inputs hash the same is skipped.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.build-inputs');
// tsconfig.json's include, and what else decides the output
const folders = ['src', 'adapters', 'unified-model', 'bench'];
const files = ['package.json', 'package-lock.json', 'tsconfig.json'];

function inputsHash() {
  const hash = createHash('sha256');
  const paths = [...files, ...folders.flatMap((d) => readdirSync(join(root, d), { recursive: true, encoding: 'utf8' }).map((f) => join(d, f)))];
  for (const p of paths.sort()) {
    const full = join(root, p);
    if (!existsSync(full) || !full.match(/\.(ts|tsx|json|mjs|js|sql)$/)) continue;
    hash.update(`${p}\0`).update(readFileSync(full)).update('\0');
  }
  return hash.digest('hex');
}

const wanted = inputsHash();
const built = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (built === wanted && existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  console.log('redb: dist/ is current (its sources are unchanged); `npm run build` rebuilds it');
  process.exit(0);
}
const run = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
writeFileSync(stamp, `${wanted}\n`);
