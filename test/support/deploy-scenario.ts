/**
 * The workspace most deploy tests start from, on the PostgreSQL test server: database
 * `prod` attached to `main` at schema V1 (committed), database `dev` attached to branch
 * `feature`, and — when V2 is given — V2 applied to dev and committed on `feature`.
 */
import pg from 'pg';
import { expect } from 'vitest';
import { redb, tempDir } from './cli.js';
import { freshPgDatabase, psql } from './live.js';

type Database = Awaited<ReturnType<typeof freshPgDatabase>>;

/** One query on its own connection: what a test reads back from a database. */
export async function query<T>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

/** The labels of an enum type, in their order. */
export async function enumLabels(url: string, type: string): Promise<string[]> {
  const rows = await query<{ v: string }>(url, `SELECT enumlabel AS v FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = '${type}' ORDER BY enumsortorder`);
  return rows.map((r) => r.v);
}

export interface DeployScenario {
  readonly ws: string;
  readonly prod: Database;
  readonly dev: Database;
  /** Drops both databases. */
  drop(): Promise<void>;
}

export interface ScenarioSchemas {
  /** The workspace folder (default: a new temporary one). */
  readonly ws?: string;
  /** Database name prefix, e.g. `redb_deploy` (gives `redb_deploy_prod_…`, `redb_deploy_dev_…`). */
  readonly prefix: string;
  readonly v1: string;
  /** Applied to dev and committed on `feature` as `v2`. */
  readonly v2?: string;
  /** Rows loaded into prod only, after V1 and before the first commit. */
  readonly prodRows?: string;
}

export async function deployScenario(s: ScenarioSchemas): Promise<DeployScenario> {
  const ws = s.ws ?? tempDir();
  const prod = await freshPgDatabase(`${s.prefix}_prod`);
  const dev = await freshPgDatabase(`${s.prefix}_dev`);
  const must = (args: string[]) => {
    const r = redb(ws, args);
    expect(r.code, `redb ${args.join(' ')}: ${r.stderr}`).toBe(0);
  };
  psql(prod.url, s.v1);
  psql(dev.url, s.v1);
  if (s.prodRows) psql(prod.url, s.prodRows);
  for (const args of [['init', ws], ['database', 'connect', 'prod', prod.url], ['database', 'connect', 'dev', dev.url], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'prod'], ['commit', '-m', 'v1'], ['branch', 'create', 'feature'], ['branch', 'attach', 'feature', 'dev']]) {
    must(args);
  }
  if (s.v2) {
    psql(dev.url, s.v2);
    must(['commit', '-m', 'v2', '--branch', 'feature']);
  }
  return {
    ws,
    prod,
    dev,
    drop: async () => {
      await prod.drop();
      await dev.drop();
    },
  };
}
