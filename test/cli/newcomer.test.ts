/**
 * A newcomer's first minutes, by the real binary: a mistyped command gets a
 * suggestion (and the JSON envelope under --json), `help` and `version` exist,
 * a missing commit message is one clear line, global flags work before the command,
 * and the demo's closing hint runs as printed.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR, redb, shell, tempDir } from '../support/cli.js';

describe('unknown commands', () => {
  const ws = tempDir();

  it('suggest the command meant, at the level the typing went wrong', () => {
    const cases: [string[], string][] = [
      [['comit', '-m', 'x'], 'redb commit'],
      [['stauts'], 'redb status'],
      [['database', 'conect', 'x', 'y'], 'redb database connect'],
      [['databse', 'list'], 'redb database list'],
      [['roll'], 'redb rollback'],
    ];
    for (const [argv, meant] of cases) {
      const r = redb(ws, argv);
      expect(r.code, argv.join(' ')).toBe(64);
      expect(r.stderr).toContain(`error: unknown command: redb ${argv.filter((a) => !a.startsWith('-')).slice(0, argv[0] === 'database' ? 2 : 1).join(' ')}`);
      expect(r.stderr).toContain(`hint: did you mean \`${meant}\`?`);
      expect(r.stderr).not.toMatch(/not found|›/);
    }
  });

  it('name the commands there are when nothing is close, with the JSON envelope under --json', () => {
    const r = redb(ws, ['quux', 'x']);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/^error: unknown command: redb quux x\nhint: redb commands: (?:blame, )?branch, commit, database, .*diff.*\n$/);
    const j = redb(ws, ['quux', 'x', '--json']);
    expect(j.code).toBe(64);
    expect(j.stderr).toBe('');
    expect(j.json).toEqual({ error: { code: 'E_UNKNOWN_COMMAND', message: 'unknown command: redb quux x', hint: expect.stringContaining('redb commands: '), exitCode: 64 } });
  });
});

describe('help and version', () => {
  const ws = tempDir();

  it('redb help lists every command; with a command, its usage; --json gives the same as data', () => {
    const all = redb(ws, ['help']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/COMMANDS[\s\S]*\bcommit\b[\s\S]*\bversion\b/);
    const list = redb(ws, ['help', '--json']);
    expect(list.code).toBe(0);
    const names = list.json.commands.map((c: { command: string }) => c.command);
    expect(names).toEqual(expect.arrayContaining(['commit', 'database connect', 'diff', 'help', 'version']));
    expect(names).not.toContain('commits create'); // aliases are not listed
    const one = redb(ws, ['help', 'database', 'connect']);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/USAGE\n\s+\$ redb database connect NAME URL/);
    const j = redb(ws, ['help', 'commit', '--json']);
    expect(j.json).toMatchObject({ command: 'commit', flags: expect.arrayContaining([{ name: 'message', char: 'm', description: 'commit message', required: true }]) });
    expect(j.json.examples[0]).toMatch(/^redb commit -m /);
  });

  it('redb help of an unknown command is a usage error with a suggestion', () => {
    const r = redb(ws, ['help', 'dif', '--json']);
    expect(r.code).toBe(64);
    expect(r.json.error).toMatchObject({ code: 'E_UNKNOWN_COMMAND', hint: expect.stringContaining('did you mean `redb diff`?') });
  });

  it('redb version and --version print the version; --json as data', () => {
    const { version } = JSON.parse(shell(`cat ${PROJECT_DIR}/package.json`).stdout);
    for (const argv of [['version'], ['--version']]) {
      const r = redb(ws, argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^redb/${version.replaceAll('.', '\\.')} `));
    }
    const j = redb(ws, ['version', '--json']);
    expect(j.code).toBe(0);
    expect(j.json).toEqual({ name: 'redb', version, node: process.versions.node, platform: process.platform, arch: process.arch });
  });
});

describe('usage errors and global flags', () => {
  it('redb commit without -m is one error line and one hint line, exit 64', () => {
    const ws = tempDir();
    const r = redb(ws, ['commit']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe('error: missing required flag -m, --message\nhint: e.g. redb commit -m "add orders.note"; `redb commit --help` lists the flags\n');
    const j = redb(ws, ['commit', '--json']);
    expect(j.json).toEqual({ error: { code: 'E_USAGE', message: 'missing required flag -m, --message', hint: expect.stringContaining('redb commit -m'), exitCode: 64 } });
  });

  it('--workspace, --json and --no-color work before the command too', () => {
    const ws = tempDir();
    expect(redb(ws, ['init', ws]).code).toBe(0);
    const before = shell(`redb --workspace ${ws} --json repo list`);
    expect(before.code, before.stderr).toBe(0);
    expect(before.json).toEqual([]);
    expect(shell(`redb -w ${ws} --no-color database list`).code).toBe(0);
    expect(shell(`redb --workspace=${ws} repo list --json`).json).toEqual([]);
  });
});

describe('the demo', () => {
  // one demo run (it takes a while on PGlite): started the way the README starts it, `npm run demo`
  it('ends with a hint that runs as printed', { timeout: 400_000 }, () => {
    const dir = tempDir('redb-demo-');
    const demo = shell(`redb demo --dir ${dir}`, { env: { npm_lifecycle_event: 'demo' } });
    expect(demo.code, demo.stderr).toBe(0);
    const hint = /try `([^`]+)`\.\s*$/.exec(demo.stdout)?.[1];
    expect(hint).toBe(`npx redb log --workspace ${dir}`);
    // npm run demo runs in the project folder, where `npx redb` is the package's own binary
    const npx = shell(hint!, { cwd: PROJECT_DIR, linked: false });
    expect(npx.code, npx.stderr).toBe(0);
    expect(npx.stdout).toMatch(/Add customer phone and a refunded status[\s\S]*Initial shop schema/);
    // started any other way, the hint is the same command with `redb` (on the PATH after npm link)
    const linked = shell(hint!.replace(/^npx /, ''));
    expect(linked.code, linked.stderr).toBe(0);
    expect(linked.stdout).toBe(npx.stdout);
  });
});

/** Marks of the listed lines (`  + table public.users`) against the counts of the summary line. */
function listedAgainstSummary(text: string, listed: RegExp, summary: RegExp): { listed: Record<string, number>; summary: Record<string, number> } {
  const marks = [...text.matchAll(listed)].map((m) => m[1]);
  const count = (mark: string) => marks.filter((m) => m === mark).length;
  const s = summary.exec(text);
  expect(s, text).not.toBeNull();
  return { listed: { added: count('+'), modified: count('~'), dropped: count('-') }, summary: { added: Number(s![1]), modified: Number(s![2]), dropped: Number(s![3]) } };
}

async function pglite(dir: string, sql: string): Promise<void> {
  const db = new PGlite(dir);
  await db.exec(sql);
  await db.close();
}

describe('diff of two databases and the summary counts', () => {
  const ws = tempDir();
  const a = join(ws, 'a-db');
  const b = join(ws, 'b-db');

  beforeAll(async () => {
    await pglite(a, `CREATE TABLE users (id int PRIMARY KEY, email text); CREATE TABLE old (id int); CREATE VIEW v AS SELECT id FROM users;`);
    await pglite(b, `CREATE TABLE users (id int PRIMARY KEY, email text, nick text); CREATE INDEX ON users (email);
                     CREATE TABLE posts (id int REFERENCES users); CREATE VIEW v AS SELECT id, email FROM users;`);
    expect(redb(ws, ['init', ws]).code).toBe(0);
    expect(redb(ws, ['database', 'connect', 'a', `pglite://${a}`]).code).toBe(0);
    expect(redb(ws, ['database', 'connect', 'b', `pglite://${b}`]).code).toBe(0);
  });

  it('redb diff @a @b works in a workspace without any repository', () => {
    const text = redb(ws, ['diff', '@a', '@b']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^diff @a → @b\n/);
    expect(text.stdout).toContain('4 objects changed: 1 added, 2 modified, 1 dropped');
    expect(redb(ws, ['diff', '@a', '@b', '--exit-code']).code).toBe(2);
    expect(redb(ws, ['diff', '@a', '@a', '--exit-code']).code).toBe(0);
    const j = redb(ws, ['diff', '@a', '@b', '--json']);
    expect(j.json).toMatchObject({ from: { label: '@a', database: 'a' }, to: { label: '@b', database: 'b' }, same: false });
    // a revision still needs a repository, and says how to make one
    const rev = redb(ws, ['diff', 'main', '@b', '--json']);
    expect(rev.code).toBe(64);
    expect(rev.json.error).toMatchObject({ code: 'E_NO_REPO', hint: 'create one with `redb repo add NAME`' });
  });

  it('the summaries of diff, commit and show count the lines they list', () => {
    expect(redb(ws, ['repo', 'add', 'r']).code).toBe(0);
    expect(redb(ws, ['branch', 'attach', 'main', 'a']).code).toBe(0);
    const showLine = /^ {2}([+~-]) \S+ \S+$/gm;
    const showSummary = /^ (\d+) added, (\d+) modified, (\d+) deleted/m;
    const first = redb(ws, ['commit', '-m', 'a']);
    expect(first.code, first.stderr).toBe(0);
    const counted = listedAgainstSummary(first.stdout, showLine, showSummary);
    expect(counted.listed).toEqual(counted.summary);
    expect(counted.summary).toEqual({ added: 4, modified: 0, dropped: 0 }); // schema public, two tables, a view
    expect(first.stdout).not.toContain('redb.json');
    // show prints the commit's schema diff, as `redb diff` does
    const shown = listedAgainstSummary(redb(ws, ['show', 'main']).stdout, /^([+~-]) \S+ \S+/gm, /^\d+ objects? changed: (\d+) added, (\d+) modified, (\d+) dropped$/m);
    expect(shown.listed).toEqual(shown.summary);
    expect(shown.summary).toEqual(counted.summary);
    // the same repository branch, now snapshotting b: added, modified and dropped objects
    expect(redb(ws, ['branch', 'detach', 'main']).code).toBe(0);
    expect(redb(ws, ['branch', 'attach', 'main', 'b']).code).toBe(0);
    const second = redb(ws, ['commit', '-m', 'b']);
    const c2 = listedAgainstSummary(second.stdout, showLine, showSummary);
    expect(c2.listed).toEqual(c2.summary);
    expect(c2.summary).toEqual({ added: 1, modified: 2, dropped: 1 });
    const d = redb(ws, ['diff', 'main~1', 'main']);
    const dc = listedAgainstSummary(d.stdout, /^([+~-]) \S+ \S+/gm, /^\d+ objects? changed: (\d+) added, (\d+) modified, (\d+) dropped$/m);
    expect(dc.listed).toEqual(dc.summary);
    expect(dc.summary).toEqual(c2.summary);
  });
});
