/**
 * The viewer in a real terminal: tmux starts the built CLI's `redb review` (and
 * `redb diff --tui`) on a diff between two commits of a repository made from a SQLite
 * file (and of one made from a PostgreSQL database: REDB_TEST_PG_URL), keys go in with
 * `send-keys`, the screen comes back with `capture-pane -p`, and `q` quits with exit 0.
 * Without tmux the suites skip outside CI and fail in CI
 * (REDB_REQUIRE_LIVE=1; .ci/run installs tmux). The same file checks what the commands
 * print without a terminal, and that commands other than the viewer load no ink.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR, redb, redbOk, tempDir } from '../support/cli.js';
import { freshPgDatabase, PG_URL, psql, skipNote } from '../support/live.js';

const BIN = join(PROJECT_DIR, 'bin/redb.js');

function tmuxMissing(): string | undefined {
  if (spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0) return undefined;
  const why = 'tmux is not installed (apt-get install -y tmux)';
  if (process.env.REDB_REQUIRE_LIVE === '1') throw new Error(`REDB_REQUIRE_LIVE=1 but ${why}`);
  return why;
}
const NO_TMUX = tmuxMissing();

const V1 = `CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, age int);
            CREATE INDEX users_email ON users (email);
            CREATE TABLE posts (id integer PRIMARY KEY, user_id int REFERENCES users (id), body text);
            CREATE VIEW v_users AS SELECT id, email FROM users;`;
const V1_TO_V2 = `ALTER TABLE users DROP COLUMN age;
                  ALTER TABLE users ADD COLUMN nickname text;
                  DROP VIEW v_users;
                  CREATE VIEW v_users AS SELECT id, email, nickname FROM users WHERE nickname IS NOT NULL;
                  CREATE TABLE tags (id integer PRIMARY KEY, name text);
                  DROP INDEX users_email;`;

/** A workspace whose `main` has two commits of one SQLite file: V1, then V2. */
function twoCommits(dir: string): string {
  const ws = join(dir, 'ws');
  const file = join(dir, 'app.db');
  const exec = (sql: string) => {
    const db = new Database(file);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  };
  exec(V1);
  for (const args of [['init', ws], ['database', 'connect', 'app', `sqlite://${file}`], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'app'], ['commit', '-m', 'v1']]) redbOk(ws, args);
  exec(V1_TO_V2);
  redbOk(ws, ['commit', '-m', 'v2']);
  return ws;
}

/** A module hook that writes every module the process resolves to stderr (see test/layering.test.ts). */
const HOOK = `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('MODULE ' + r.url + '\\n'); return r; }`;
const REGISTER = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`)}`;
/** The viewer's code in the bundle: ink and react go into the chunk of src/ui/viewer/open.ts. */
const viewerModules = (log: string) => log.split('\n').filter((l) => l.startsWith('MODULE ') && /\/chunks\/open-[^/]*\.js$|\/node_modules\/(ink|react)\//.test(l));

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe('redb review without a terminal', () => {
  const dir = tempDir('redb-review-');
  let ws: string;
  beforeAll(() => {
    ws = twoCommits(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the text diff, as redb diff does (stdout is not a terminal)', () => {
    const text = redbOk(ws, ['diff', 'main~1', 'main']).stdout;
    expect(text).toContain('~ table main.users');
    expect(redbOk(ws, ['review', 'main~1', 'main']).stdout).toBe(text);
    expect(redbOk(ws, ['diff', 'main~1', 'main', '--tui']).stdout).toBe(text);
  });

  it('takes the sides redb diff takes: REV~N, a branch, a live database (@NAME), none', () => {
    const live = redbOk(ws, ['diff', 'main~1', '@app']).stdout;
    expect(live).toContain('diff main~1 (');
    expect(live).toContain('→ @app');
    expect(redbOk(ws, ['review', 'main~1', '@app']).stdout).toBe(live);
    // no sides: the branch head against the attached database, here the same schema
    expect(redbOk(ws, ['review']).stdout).toMatch(/^No differences: main \([0-9a-f]{10}\) and @app have the same schema/);
  });

  it('--format markdown and --json print what redb diff prints with them', () => {
    const md = redbOk(ws, ['diff', 'main~1', 'main', '--format', 'markdown']).stdout;
    expect(md).toContain('main.users');
    expect(redbOk(ws, ['review', 'main~1', 'main', '--format', 'markdown']).stdout).toBe(md);
    const json = redbOk(ws, ['diff', 'main~1', 'main', '--json']).json;
    expect(json.plan.steps.length).toBeGreaterThan(0);
    expect(redbOk(ws, ['review', 'main~1', 'main', '--json']).json).toEqual(json);
  });

  it('--tui with another --format is a usage error naming both', () => {
    const r = redb(ws, ['diff', 'main~1', 'main', '--tui', '--format', 'sql']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--tui');
    expect(r.stderr).toContain('--format sql');
  });

  for (const args of [['diff', 'main~1', 'main'], ['review', 'main~1', 'main'], ['--help'], ['review', '--help']]) {
    it(`redb ${args.join(' ')} without a terminal loads neither ink nor react`, () => {
      const r = spawnSync(process.execPath, ['--import', REGISTER, BIN, ...args], { encoding: 'utf8', env: { ...process.env, NODE_ENV: '', REDB_WORKSPACE: ws, NO_COLOR: '1' } });
      expect(r.status, r.stderr).toBe(0);
      // the hook sees redb's modules load
      expect(r.stderr).toContain('/dist/cli/');
      expect(viewerModules(r.stderr)).toEqual([]);
    });
  }
});

/** A tmux server of our own (no other tmux session is touched), and redb runs in its sessions. */
function tmuxServer(dir: string) {
  const socket = `redb-test-${randomBytes(4).toString('hex')}`;
  const tmux = (...args: string[]) => {
    const r = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  /** Starts `redb ARGS` in a new 80×24 tmux session; its exit code and stderr go to files. */
  function start(ws: string, name: string, args: string[], env: Record<string, string> = {}) {
    const exitFile = join(dir, `${name}.exit`);
    const errFile = join(dir, `${name}.err`);
    // CI=true would make redb print the text diff instead: this terminal is a real one
    const vars = Object.entries({ REDB_WORKSPACE: ws, ...env }).map(([k, v]) => `${k}=${sh(v)}`).join(' ');
    const line = `env -u CI -u NODE_ENV ${vars} ${sh(process.execPath)} --import ${sh(REGISTER)} ${sh(BIN)} ${args.map(sh).join(' ')} 2>${sh(errFile)}; echo $? > ${sh(exitFile)}`;
    tmux('new-session', '-d', '-s', name, '-x', '80', '-y', '24', line);
    const screen = () => tmux('capture-pane', '-p', '-t', name);
    const colours = () => tmux('capture-pane', '-p', '-e', '-t', name);
    const keys = (...k: string[]) => tmux('send-keys', '-t', name, ...k);
    const until = async (what: string | RegExp, timeout = 30_000): Promise<string> => {
      const found = (s: string) => (typeof what === 'string' ? s.includes(what) : what.test(s));
      const started = Date.now();
      let s = screen();
      while (!found(s)) {
        if (Date.now() - started > timeout) throw new Error(`not on screen after ${timeout} ms: ${what}\n--- screen ---\n${s}\n--- stderr ---\n${existsSync(errFile) ? readFileSync(errFile, 'utf8').split('\n').filter((l) => !l.startsWith('MODULE ')).join('\n') : ''}`);
        await new Promise((r) => setTimeout(r, 100));
        s = screen();
      }
      return s;
    };
    const exited = async (timeout = 20_000): Promise<number> => {
      const started = Date.now();
      while (!existsSync(exitFile) || readFileSync(exitFile, 'utf8').trim() === '') {
        if (Date.now() - started > timeout) throw new Error(`redb ${args.join(' ')} did not exit`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return Number(readFileSync(exitFile, 'utf8').trim());
    };
    return { screen, colours, keys, until, exited, stderr: () => readFileSync(errFile, 'utf8') };
  }

  return { tmux, start, kill: () => spawnSync('tmux', ['-L', socket, 'kill-server']) };
}

describe.skipIf(!!NO_TMUX)(skipNote('redb review in a real terminal (tmux)', NO_TMUX), () => {
  const dir = tempDir('redb-review-tmux-');
  const server = tmuxServer(dir);
  const { tmux } = server;
  let ws: string;
  beforeAll(() => {
    ws = twoCommits(dir);
  });
  afterAll(() => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  const start = (name: string, args: string[], env: Record<string, string> = {}) => server.start(ws, name, args, env);

  it('walks the changed objects, shows hazards, the rollback and the plan, filters, and quits with exit 0', async () => {
    const t = start('review', ['review', 'main~1', 'main']);
    let s = await t.until('Objects (3)');
    const lines = s.split('\n');
    expect(lines[0]).toMatch(/^diff main~1 \([0-9a-f]{10}\) → main \([0-9a-f]{10}\) · 3 objects, plan \d+ steps/);
    expect(s).toContain('▾ main (3)');
    expect(s).toMatch(/▾ table {2}\+1 ~1/);
    expect(s).toContain('+ tags');
    expect(s).toContain('~ v_users');
    expect(lines[23]).toMatch(/3 of 3 objects +\? help {2}q quit/);

    t.keys('j', 'j', 'j');
    s = await t.until('Change: main.users');
    expect(s).toContain('hazards: data-loss');
    expect(s).toContain('- column age INT');
    expect(s).toContain('+ column nickname TEXT');
    expect(s).toMatch(/\d+\. drop column main\.users\.age \[data-loss\]/);

    t.keys('Enter', 'r');
    s = await t.until('Rollback: main.users');
    expect(s).toMatch(/ADD COLUMN "age"/);
    expect(s).toContain('the rollback cannot restore the data');

    t.keys('s');
    s = await t.until('Whole plan (SQL)');
    expect(s).toContain('-- redb plan: main~1');
    t.keys('s', 'Tab', 'j', 'j');
    s = await t.until('Change: main.v_users');
    expect(s).toContain('- SELECT id, email FROM users');

    t.keys('/', 'v', '_');
    await t.until('/ filter: v_');
    t.keys('Enter');
    s = await t.until('filter "v_": 1 of 3 objects');
    expect(s).not.toContain('+ tags');
    t.keys('Escape');
    await t.until('3 of 3 objects');

    t.keys('h');
    s = await t.until('hazards only: 1 of 3 objects');
    expect(s).toContain('~ users');
    expect(s).not.toContain('~ v_users');
    t.keys('h', '?');
    s = await t.until('any key closes this help');
    expect(s).toMatch(/^q +quit$/m);
    t.keys('x');
    await t.until('Objects (3)');

    t.keys('q');
    expect(await t.exited()).toBe(0);
    // the viewer's code loaded in this run (and not in a plain diff: see above)
    expect(viewerModules(t.stderr()).length).toBeGreaterThan(0);
  });

  it('follows a resize of the terminal', async () => {
    const t = start('resize', ['diff', 'main~1', 'main', '--tui']);
    let s = await t.until('Objects (3)');
    expect(s.split('\n')[2].indexOf('│')).toBe(30);
    tmux('resize-window', '-t', 'resize', '-x', '120', '-y', '40');
    s = await t.until((/^ Objects \(3\) {30,}│/m));
    expect(s.split('\n')[2].indexOf('│')).toBe(45);
    expect(s.split('\n')[39]).toMatch(/3 of 3 objects +\? help {2}q quit/);
    t.keys('q');
    expect(await t.exited()).toBe(0);
  });

  it('colours like a git diff, and not at all under NO_COLOR (here against the live database)', async () => {
    const coloured = start('colour', ['review', 'main~1', 'main']);
    await coloured.until('Objects (3)');
    coloured.keys('j', 'j', 'j');
    await coloured.until('Change: main.users');
    expect(coloured.colours()).toMatch(/\u001b\[31m[^\n]*- column age INT/);
    coloured.keys('q');
    expect(await coloured.exited()).toBe(0);

    const plain = start('plain', ['review', 'main~1', '@app'], { NO_COLOR: '1' });
    expect(await plain.until('Objects (3)')).toMatch(/^diff main~1 \([0-9a-f]{10}\) → @app · 3 objects/);
    plain.keys('j', 'j', 'j');
    await plain.until('Change: main.users');
    expect(plain.colours()).not.toMatch(/\u001b\[3[0-7]m/);
    // the selection still shows, in the gutter
    expect(plain.screen()).toMatch(/^› {4}~ users/m);
    plain.keys('q');
    expect(await plain.exited()).toBe(0);
  });
});

describe.skipIf(!!NO_TMUX || !PG_URL)(skipNote('redb review in a real terminal on PostgreSQL', NO_TMUX ?? (PG_URL ? undefined : 'REDB_TEST_PG_URL is not set')), () => {
  const dir = tempDir('redb-review-pg-');
  const server = tmuxServer(dir);
  const ws = join(dir, 'ws');
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const db = await freshPgDatabase('redb_review');
    drop = db.drop;
    psql(db.url, `CREATE TABLE users (id int PRIMARY KEY, email varchar(100) NOT NULL);
                  CREATE FUNCTION lower_email(u users) RETURNS text LANGUAGE sql AS $$ SELECT lower(u.email) $$;`);
    for (const args of [['init', ws], ['database', 'connect', 'app', db.url], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'app'], ['commit', '-m', 'v1']]) redbOk(ws, args);
    psql(db.url, `CREATE OR REPLACE FUNCTION lower_email(u users) RETURNS text LANGUAGE sql AS $$ SELECT lower(trim(u.email)) $$;
                  ALTER TABLE users ADD COLUMN nickname text;
                  CREATE SCHEMA audit;
                  CREATE TABLE audit.log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());`);
    redbOk(ws, ['commit', '-m', 'v2']);
  });
  afterAll(async () => {
    server.kill();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('walks schemas and kinds, shows a routine as a line diff, and quits with exit 0', async () => {
    const t = server.start(ws, 'pg', ['review', 'main~1', 'main']);
    let s = await t.until('Objects (');
    expect(s).toContain('▾ audit (');
    expect(s).toContain('▾ public (');
    expect(s).toMatch(/▾ function {2}~1/);
    t.keys('/', 'lower', 'Enter');
    s = await t.until(/filter "lower": 1 of \d+ objects/);
    t.keys('G');
    s = await t.until('Change: public.lower_email');
    expect(s).toMatch(/@@ -\d/);
    expect(s).toMatch(/- .*lower\(u\.email\)/);
    expect(s).toMatch(/\+ .*lower\(trim\(u\.email\)\)/);
    t.keys('r');
    await t.until('Rollback: public.lower_email');
    t.keys('q');
    expect(await t.exited()).toBe(0);
  });
});
