/**
 * Writes `oclif.manifest.json` at the package root after a build (`npm run build`).
 * Without it oclif imports every command file on every start to learn the command
 * list; with it a run imports only the command it runs (docs/performance.md, start-up).
 * Generated, never committed: a stale manifest would hide a changed flag.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Config } from '@oclif/core';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const file = `${root}oclif.manifest.json`;

// a fresh manifest: oclif would read an older one on disk back
rmSync(file, { force: true });
const config = await Config.load({ root });
// the Plugin class has the manifest it built; its interface type does not list it
const plugin = config.plugins.get(config.pjson.name) as unknown as { manifest: { commands: Record<string, unknown> } } | undefined;
if (!plugin) throw new Error(`no plugin ${config.pjson.name} at ${root}`);
writeFileSync(file, `${JSON.stringify(plugin.manifest, null, 2)}\n`);
console.log(`oclif manifest: ${Object.keys(plugin.manifest.commands).length} commands → ${file}`);
