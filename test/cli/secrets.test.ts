/**
 * Secrets stay secret, end to end on a real PostgreSQL: a table of URL shapes (special
 * characters in passwords, percent-encoded or not, secret query parameters, ${ENV}
 * passwords) goes through `database connect`, `list`, `show`, `commit`, `deploy` to a
 * second database and a failing connect. Then every file of the workspace (but
 * credentials.json), every git object, the ledger rows and everything printed are
 * searched for each password and for every piece of it between its special characters.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgDatabase, PG_URL, psql } from '../support/live.js';
import { tempDir, type RunResult } from '../support/cli.js';

const BIN = new URL('../../bin/redb.js', import.meta.url).pathname;

/** `redb ARGS` in a workspace, asynchronously, so that the shapes run side by side. */
function redbAsync(workspace: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, REDB_WORKSPACE: workspace, NO_COLOR: '1', GIT_AUTHOR_NAME: 'Test Author', GIT_AUTHOR_EMAIL: 'test@example.com', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      let json: unknown;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      done({ code: code ?? -1, stdout, stderr, json });
    });
  });
}

/** Characters that end a piece of a password: each piece alone must not leak either. */
const SPECIAL = /[@/#:%?&+ ;]/;

interface Shape {
  name: string;
  /** The passwords this URL carries (as the server would receive them). */
  passwords: string[];
  /** The URL given to `database connect`, for a host:port/database. */
  url: (server: string) => string;
  env?: Record<string, string>;
}

const ALL = 'Mn4b@Cx7z/Qw2e#Rt6y:Ui8o%Pa3s?Df5g&Hj1k+Lz9x Vb2n';
const ENV_PW = 'Ge5t@Ky8u/Io3p#Wq6a?Sx9d&Fc2v+Bn7m Hj4k:Zl1q%Xe0r';
const ENV_SSL = 'Ty6h@Jm2k/Nb5v#Rf8g';

/** Accepted shapes: the password goes to .redb/credentials.json (or stays a ${VAR}). */
const SHAPES: Shape[] = [
  { name: 'raw', passwords: ['Kq7v@Zp4w:Hb3n&Yt8m+Wr5e Ux2c%Lq9z'], url: (s) => `postgres://postgres:Kq7v@Zp4w:Hb3n&Yt8m+Wr5e Ux2c%Lq9z@${s}` },
  { name: 'encoded', passwords: [ALL], url: (s) => `postgres://postgres:${encodeURIComponent(ALL)}@${s}` },
  {
    name: 'params',
    passwords: [ALL, 'Aq1w/Se3d:Fr5t?Gy7h Ju9k%Ki2l'],
    url: (s) => `postgres://postgres@${s}?password=${encodeURIComponent(ALL)}&application_name=redb_secrets&sslpassword=Aq1w/Se3d:Fr5t?Gy7h Ju9k%Ki2l`,
  },
  { name: 'env', passwords: [ENV_PW, ENV_SSL], url: (s) => `postgres://postgres:\${PGPASS}@${s}?sslpassword=\${PGSSLPASS}`, env: { PGPASS: ENV_PW, PGSSLPASS: ENV_SSL } },
];

/** Refused shapes: where the password ends cannot be known, so nothing is stored or shown. */
const REFUSED: Shape[] = [
  { name: 'slash', passwords: ['Ab1c/De2f'], url: (s) => `postgres://postgres:Ab1c/De2f@${s}` },
  { name: 'hash', passwords: ['Gh3i#Jk4l'], url: (s) => `postgres://postgres:Gh3i#Jk4l@${s}` },
  { name: 'question', passwords: ['Mn5o?Pq6r'], url: (s) => `postgres://postgres:Mn5o?Pq6r@${s}` },
  { name: 'param-amp', passwords: ['St7u&Vw8x'], url: (s) => `postgres://postgres@${s}?password=St7u&Vw8x` },
  { name: 'param-plus', passwords: ['Yz9a+Bc0d'], url: (s) => `postgres://postgres@${s}?password=Yz9a+Bc0d` },
  { name: 'param-hash', passwords: ['Ef1g#Hi2j'], url: (s) => `postgres://postgres@${s}?password=Ef1g#Hi2j` },
];

/** A password, its encoded form, and every piece of it between special characters. */
function needles(password: string): string[] {
  return [password, encodeURIComponent(password), ...password.split(SPECIAL).filter((p) => p.length >= 4)];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function rows(url: string, sql: string): Promise<unknown[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe.skipIf(!PG_URL)('secrets through every command on PostgreSQL', () => {
  const server = new URL(PG_URL ?? 'postgres://x').host;
  let source: Awaited<ReturnType<typeof freshPgDatabase>>;
  const targets: Awaited<ReturnType<typeof freshPgDatabase>>[] = [];
  /** Per shape: its workspace and everything it printed. */
  const runs = new Map<string, { ws: string; results: RunResult[] }>();
  const env = Object.assign({}, ...SHAPES.map((s) => s.env ?? {})) as Record<string, string>;

  beforeAll(async () => {
    source = await freshPgDatabase('redb_secrets_src');
    psql(source.url, 'CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL); CREATE INDEX customers_email ON customers (email);');
    for (const _ of SHAPES) targets.push(await freshPgDatabase('redb_secrets_tgt'));
    await Promise.all([
      ...SHAPES.map(async (shape, i) => {
        const ws = tempDir(`redb-secrets-${shape.name}-`);
        const results: RunResult[] = [];
        runs.set(shape.name, { ws, results });
        const run = async (args: string[]) => {
          const r = await redbAsync(ws, args, env);
          results.push(r);
          return r;
        };
        const steps: string[][] = [
          ['init', ws],
          ['database', 'connect', 'src', shape.url(`${server}/${source.name}`), '--json'],
          ['database', 'connect', 'tgt', shape.url(`${server}/${targets[i].name}`), '--json'],
          ['database', 'list', '--json'],
          ['database', 'list'],
          ['database', 'show', 'src'],
          ['database', 'show', 'tgt', '--json'],
          ['repo', 'add', 'app'],
          ['branch', 'attach', 'main', 'src'],
          ['commit', '-m', 'snapshot', '--json'],
          ['branch', 'create', 'release'],
          ['branch', 'attach', 'release', 'tgt'],
          ['deploy', 'main', '--branch', 'release', '--yes', '--json'],
        ];
        for (const args of steps) {
          const r = await run(args);
          expect(r.code, `${shape.name}: redb ${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
        }
        // a failing connect: wrong port, and (for one shape) a host that does not exist
        const refused = await run(['database', 'connect', 'badport', shape.url(`127.0.0.1:1/${source.name}`), '--json']);
        expect(refused.code).toBe(69);
        expect(refused.json.error.code).toBe('E_CONNECT');
        if (i === 0) expect((await run(['database', 'connect', 'badhost', shape.url(`nohost.invalid:5432/${source.name}`)])).code).toBe(69);
      }),
      ...REFUSED.map(async (shape) => {
        const ws = tempDir(`redb-secrets-${shape.name}-`);
        const results: RunResult[] = [];
        runs.set(shape.name, { ws, results });
        for (const args of [['init', ws], ['database', 'connect', 'src', shape.url(`${server}/${source.name}`), '--json'], ['database', 'connect', 'src', shape.url(`${server}/${source.name}`)], ['database', 'list']]) {
          results.push(await redbAsync(ws, args, env));
        }
      }),
    ]);
  }, 900_000);
  afterAll(async () => {
    await source?.drop();
    for (const t of targets) await t.drop();
  });

  it('deploys with the stored and the ${VAR} passwords, and the ledger has the rows to search', async () => {
    for (const [i, shape] of SHAPES.entries()) {
      const { results } = runs.get(shape.name)!;
      const deploy = results.find((r) => r.json?.status);
      expect(deploy?.json.status, shape.name).toBe('succeeded');
      expect(await rows(targets[i].url, 'SELECT 1 FROM customers')).toEqual([]);
      expect((await rows(targets[i].url, 'SELECT * FROM redb.redb_deployments')).length).toBeGreaterThan(0);
    }
  });

  it('keeps literal passwords in credentials.json (0600) only, and ${VAR} as written in redb.yaml', () => {
    for (const shape of SHAPES) {
      const { ws } = runs.get(shape.name)!;
      const credentials = join(ws, '.redb', 'credentials.json');
      const yaml = readFileSync(join(ws, 'redb.yaml'), 'utf8');
      if (shape.env) {
        expect(yaml).toContain('postgres:${PGPASS}@');
        expect(yaml).toContain('sslpassword=${PGSSLPASS}');
        expect(() => statSync(credentials)).toThrow();
      } else {
        expect(statSync(credentials).mode & 0o777).toBe(0o600);
        const stored = JSON.parse(readFileSync(credentials, 'utf8')) as Record<string, { password?: string; params?: Record<string, string> }>;
        const values = [stored.src.password, ...Object.values(stored.src.params ?? {})].filter(Boolean);
        expect(values.sort()).toEqual([...shape.passwords].sort());
      }
    }
  });

  it('refuses ambiguous URLs with a hint to percent-encode, storing nothing', () => {
    for (const shape of REFUSED) {
      const { ws, results } = runs.get(shape.name)!;
      const [, asJson, asText, list] = results;
      expect(asJson.code, shape.name + asJson.stdout).toBe(64);
      expect(asJson.json.error.code).toBe('E_URL_SECRET');
      expect(asText.stderr).toMatch(/hint: percent-encode/);
      expect(list.stdout).toMatch(/No databases yet/);
      expect(() => statSync(join(ws, '.redb', 'credentials.json'))).toThrow();
    }
  });

  it('no file, git object, ledger row or output holds any part of any password', async () => {
    const ledger = JSON.stringify(await Promise.all(targets.map((t) => rows(t.url, 'SELECT * FROM redb.redb_deployments'))));
    for (const shape of [...SHAPES, ...REFUSED]) {
      const { ws, results } = runs.get(shape.name)!;
      const places: [string, string][] = results.map((r, i) => [`output of command ${i}`, r.stdout + r.stderr]);
      for (const file of filesUnder(ws)) if (!file.endsWith('credentials.json')) places.push([file, readFileSync(file, 'latin1')]);
      const gitDir = join(ws, '.redb', 'repos', 'app.git');
      if (SHAPES.includes(shape)) {
        const objects = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '--batch-all-objects', '--batch'], { encoding: 'latin1', maxBuffer: 1 << 28 });
        expect(objects.status).toBe(0);
        expect(objects.stdout).toMatch(/Redb-Source: postgres:\/\/postgres/);
        places.push(['git objects', objects.stdout], ['ledger rows', ledger]);
      }
      for (const password of shape.passwords) {
        for (const needle of needles(password)) {
          for (const [where, text] of places) expect(text.includes(needle), `${shape.name}: "${needle}" found in ${where}`).toBe(false);
        }
      }
    }
  });
});

describe.skipIf(!PG_URL)('sslmode on PostgreSQL', () => {
  const server = new URL(PG_URL ?? 'postgres://x').host;

  it('sslmode as in libpq: no driver warning; require on a server without SSL is a clear error, prefer falls back', async () => {
    // separate workspaces: the three connects run at once and each writes its redb.yaml
    const connect = async (mode: string) => {
      const ws = tempDir(`redb-secrets-ssl-${mode}-`);
      expect((await redbAsync(ws, ['init', ws])).code).toBe(0);
      return redbAsync(ws, ['database', 'connect', 'x', `postgres://postgres@${server}/postgres?sslmode=${mode}`]);
    };
    const [strict, prefer, verifyCa] = await Promise.all(['require', 'prefer', 'verify-ca'].map(connect));
    for (const r of [strict, prefer, verifyCa]) expect(r.stderr).not.toMatch(/SECURITY WARNING|Warning:/);
    expect(verifyCa.code).toBe(69);
    expect(verifyCa.stderr).toMatch(/hint: Add sslrootcert=/);
    const ssl = (await rows(PG_URL!, "SELECT current_setting('ssl') AS on"))[0] as { on: string };
    expect(prefer.code, prefer.stderr).toBe(0);
    if (ssl.on === 'on') expect(strict.code, strict.stderr).toBe(0);
    else {
      expect(strict.code).toBe(69);
      expect(strict.stderr).toMatch(/does not accept SSL connections/);
      expect(strict.stderr).toMatch(/hint: .*sslmode=disable/);
    }
  }, 120_000);
});
