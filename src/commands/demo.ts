import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Flags } from '@oclif/core';
import { embeddedAdapters } from '../../adapters/registry.js';
import { BaseCommand } from '../cli/base-command.js';
import { openUrl } from '../core/databases.js';
import { RedbError } from '../errors.js';
import { packageRoot } from '../package-root.js';
import { paint } from '../ui/color.js';

const TOPICS = new Set(['database', 'repo', 'branch']);
const FIXTURES = pathToFileURL(join(packageRoot(), 'fixtures', 'demo', '/'));

/**
 * How to run redb again the way the demo was started: `npm run demo` runs in a clone,
 * where `redb` is not on the PATH but `npx redb` finds the package's own binary.
 */
const invokedAs = (): string => (process.env.npm_lifecycle_event === 'demo' ? 'npx redb' : 'redb');

/** The engine the demo runs on: the first embedded one (no server) with a demo schema in fixtures/demo/DIALECT/. */
function demoEngine() {
  const engine = embeddedAdapters().find((a) => existsSync(new URL(`${a.dialect}/shop.sql`, FIXTURES)));
  if (!engine) throw new RedbError('E_DEMO', 'no embedded engine has a demo schema', 'reinstall redb: fixtures/demo/ is missing');
  return engine;
}

/**
 * The main job end to end on an embedded engine (the registry's, no server): a database with a real
 * schema, committed, changed, committed again, and read back — every step is the
 * real command, printed as you would type it.
 */
export default class Demo extends BaseCommand {
  static override summary = 'Walk through redb end to end on an embedded database (no server needed).';
  static override flags = { dir: Flags.string({ description: 'folder for the demo workspace (default: a new temporary folder)' }) };

  private async step(title: string, argv: string[]): Promise<void> {
    const shown = argv.map((a) => (/[\s'"$]/.test(a) ? `'${a.replaceAll("'", "'\\''")}'` : a)).join(' ');
    this.log(`\n${paint('bold', `# ${title}`)}\n${paint('cyan', `$ redb ${shown}`)}`);
    // `redb database connect …` is the command id `database:connect`
    const topic = TOPICS.has(argv[0]);
    await this.config.runCommand(topic ? `${argv[0]}:${argv[1]}` : argv[0], argv.slice(topic ? 2 : 1));
    if (process.exitCode && process.exitCode !== 2) throw new Error(`demo step failed: redb ${argv.join(' ')}`);
    process.exitCode = 0;
  }

  private async sql(url: string, file: string): Promise<void> {
    const text = await readFile(new URL(file, FIXTURES), 'utf8');
    // the fixture's statements are the engine's own language, run as the file says
    this.log(paint('dim', text.split('\n').filter((l) => l && !l.startsWith('--')).map((l) => `  ${l}`).join('\n')));
    const { conn } = await openUrl(url);
    try {
      await conn.exec(text);
    } finally {
      await conn.close();
    }
  }

  async run(): Promise<{ workspace: string }> {
    const { flags } = await this.parse(Demo);
    const dir = flags.dir ? resolve(flags.dir) : await mkdtemp(join(tmpdir(), 'redb-demo-'));
    const engine = demoEngine();
    const url = engine.embedded.url(join(dir, 'shop-db'));
    this.log(paint('bold', `redb demo: a workspace in ${dir}, a ${engine.embedded.name} database at ${url}`));
    // every step finds the workspace the way a user's shell would
    process.env.REDB_WORKSPACE = dir;
    this.log(paint('cyan', `$ export REDB_WORKSPACE=${dir}`));
    this.log(`\n${paint('bold', `# A database with a real schema (fixtures/demo/${engine.dialect}/shop.sql)`)}`);
    await this.sql(url, `${engine.dialect}/shop.sql`);
    await this.step('Create a workspace', ['init', dir]);
    await this.step('Name the database', ['database', 'connect', 'shop', url]);
    await this.step('Create a schema repository', ['repo', 'add', 'shop']);
    await this.step('Attach its main branch to the database', ['branch', 'attach', 'main', 'shop']);
    await this.step('Commit the schema: one file per object', ['commit', '-m', 'Initial shop schema']);
    this.log(`\n${paint('bold', '# Change the schema in the database')}`);
    await this.sql(url, `${engine.dialect}/change.sql`);
    await this.step('See what changed against the branch head', ['status']);
    await this.step('Commit the change', ['commit', '-m', 'Add customer phone and a refunded status']);
    await this.step('History', ['log', '--oneline']);
    await this.step('What the last commit changed', ['show', 'main']);
    // the object the change touched, named by the engine's fixture (ids are the engine's)
    const { showObject } = JSON.parse(await readFile(new URL(`${engine.dialect}/demo.json`, FIXTURES), 'utf8')) as { showObject: string };
    await this.step('One object as it was before', ['show', 'main~1', showObject]);
    await this.step('The database matches the branch again', ['status', '--exit-code']);
    try {
      const gitDir = join(dir, '.redb', 'repos', 'shop.git');
      const out = execFileSync('git', ['--git-dir', gitDir, 'log', '--stat', '--format=%h %s', 'main'], { encoding: 'utf8' });
      this.log(`\n${paint('bold', '# It is a real git repository')}\n${paint('cyan', `$ git --git-dir ${gitDir} log --stat --format='%h %s' main`)}\n${out.trimEnd()}`);
    } catch {
      /* stock git is optional for the demo */
    }
    this.log(`\n${paint('bold', 'Done.')} The workspace is in ${dir}: try \`${invokedAs()} log --workspace ${dir}\`.`);
    return { workspace: dir };
  }
}
