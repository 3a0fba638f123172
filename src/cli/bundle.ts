/**
 * Bundles the CLI into dist/cli/ after `tsc` (`npm run build`), so a command loads a
 * handful of files instead of some 300 modules: resolving and compiling them one by one
 * was most of redb's start-up (docs/performance.md, "Start-up"; docs/design-choices.md).
 *
 * Entry points keep their own files, so nothing runs that a command does not use:
 * main.js (bin/redb.js), one file per command (oclif's manifest points at them), the
 * hooks, and each adapter's index.js, which the registry imports only when a URL of its
 * scheme is used. Code they share goes to chunks/. Packages that find files next to
 * themselves stay in node_modules: those each adapter names (`unbundled` in its
 * registry entry) and the TypeScript compiler oclif loads only for a project's sources.
 * The programmatic API (dist/src/index.js) is tsc's output, not this bundle.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ADAPTERS } from '../../adapters/registry.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dist = join(root, 'dist');
const outdir = join(dist, 'cli');

/** The .js files under a folder of tsc's output, recursively. */
const jsFiles = (dir: string): string[] =>
  readdirSync(join(dist, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).map((f) => join(dist, dir, f));

const adapters = readdirSync(join(dist, 'adapters'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(dist, 'adapters', d.name, 'index.js'));

// entry name (path under dist/cli, no extension) → tsc output file
const entries: Record<string, string> = { main: join(dist, 'src/cli/main.js') };
for (const f of jsFiles('src/commands')) entries[relative(join(dist, 'src'), f).replace(/\.js$/, '')] = f;
for (const f of jsFiles('src/hooks')) entries[relative(join(dist, 'src'), f).replace(/\.js$/, '')] = f;
for (const f of adapters) entries[relative(dist, f).replace(/\.js$/, '')] = f;

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: entries,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // react-devtools-core: an optional peer of ink, imported only under DEV=true and not
  // installed; left out, ink's import() of it fails there with ink's own message
  external: [...ADAPTERS.flatMap((a) => a.unbundled ?? []), 'typescript', 'react-devtools-core'],
  // identifiers stay readable in stack traces; whitespace and syntax minified
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  // CommonJS packages in an ES module bundle still call require() for Node's built-ins
  banner: { js: "import { createRequire as __redbRequire } from 'node:module'; const require = __redbRequire(import.meta.url);" },
  logLevel: 'warning',
  absWorkingDir: root,
  metafile: true,
});
// names this build: a schema fingerprint's recorded tree is trusted only by the build that recorded it (src/core/live-tree.ts)
const id = createHash('sha256');
for (const file of Object.keys(result.metafile.outputs).sort()) id.update(`${file}\n`).update(readFileSync(join(root, file)));
writeFileSync(join(outdir, 'build-id'), `${id.digest('hex')}\n`);
console.log(`bundle: ${Object.keys(entries).length} entry points → ${outdir}`);
