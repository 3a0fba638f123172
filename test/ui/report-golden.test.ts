/**
 * The Markdown review report, byte for byte, for a PostgreSQL, a SQLite and a MySQL
 * plan built from models by each adapter's own DDL (no server): golden files under
 * test/ui/golden/. REDB_UPDATE_GOLDEN=1 rewrites them; a missing file fails the test.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Adapter, DdlGenerator } from '../../adapters/types.js';
import { mysqlAdapter } from '../../adapters/mysql/index.js';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import { sqliteAdapter } from '../../adapters/sqlite/index.js';
import type { DiffResult } from '../../src/core/diff.js';
import { diffModels } from '../../src/diff/index.js';
import { createPlan } from '../../src/plan/index.js';
import { renderDiffMarkdown } from '../../src/ui/diff-markdown.js';
import { reportMarker } from '../../src/ui/report-marker.js';
import { FORMAT_VERSION, type Column, type DbObject, type Model, type Table } from '../../unified-model/index.js';

const GOLDEN = new URL('./golden/', import.meta.url);

/** The file's text; with REDB_UPDATE_GOLDEN=1 the file is written first. */
function golden(name: string, actual: string): string {
  const file = new URL(name, GOLDEN);
  if (process.env.REDB_UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  return readFileSync(file, 'utf8');
}

interface Engine {
  readonly adapter: Adapter;
  readonly schema: string;
  readonly int: string;
  readonly text: string;
  readonly short: string;
}

const ENGINES: Record<string, Engine> = {
  postgres: { adapter: postgresAdapter, schema: 'public', int: 'integer', text: 'text', short: 'character varying(100)' },
  sqlite: { adapter: sqliteAdapter, schema: 'main', int: 'INTEGER', text: 'TEXT', short: 'VARCHAR(100)' },
  mysql: { adapter: mysqlAdapter, schema: 'main', int: 'int(11)', text: 'text', short: 'varchar(100)' },
};

/** The same change on every engine: a column dropped, one narrowed to text, one added, an index dropped, a table created. */
function models(e: Engine): { from: Model; to: Model } {
  const col = (name: string, native: string, nullable = true): Column => ({
    name, nullable, type: { native, logical: native === e.int ? { kind: 'integer', bits: 32 } : native === e.text ? { kind: 'text' } : { kind: 'string', length: 100 } },
  });
  const table = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({
    kind: 'table', id: `${e.schema}.${name}`, schema: e.schema, name, columns, primaryKey: { name: e.adapter.dialect === 'mysql' ? 'PRIMARY' : `${name}_pkey`, columns: ['id'] }, ...extra,
  });
  const emailIdx = { name: 'users_email_idx', unique: true, method: 'btree', keys: [{ column: 'email' }], definition: `CREATE UNIQUE INDEX users_email_idx ON ${e.schema === 'public' ? 'public.' : ''}users USING btree (email)` };
  const users0 = table('users', [col('id', e.int, false), col('email', e.short, false), col('age', e.int)], { indexes: [emailIdx] });
  const users1 = table('users', [col('id', e.int, false), col('email', e.text, false), col('nickname', e.text)]);
  const orders = table('orders', [col('id', e.int, false), col('user_id', e.int, false)], {
    foreignKeys: [{ name: 'orders_user_fk', columns: ['user_id'], references: `${e.schema}.users`, referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no-action', match: 'simple' }],
  });
  const logs = table('logs', [col('id', e.int, false), col('line', e.text)]);
  const model = (...objects: DbObject[]): Model => ({ formatVersion: FORMAT_VERSION, dialect: e.adapter.dialect, objects });
  return { from: model(users0, logs), to: model(users1, orders) };
}

function report(e: Engine): string {
  const { from, to } = models(e);
  const ddl = e.adapter.ddl as DdlGenerator;
  const changes = diffModels(from, to);
  const source = { tree: '1a'.repeat(20), commit: '3c'.repeat(20) };
  const target = { tree: '2b'.repeat(20), commit: '4d'.repeat(20) };
  const plan = createPlan({ from, to, source, target, ddl, changes, reorderColumns: e.adapter.capabilities.reorderColumns, transactionalDdl: e.adapter.capabilities.transactionalDdl });
  const result: DiffResult = { from: { label: 'main', ...source }, to: { label: 'feature-x', ...target }, same: false, changes, plan };
  return renderDiffMarkdown(result, ddl.script, { identity: { repo: 'app', branch: 'feature-x', target: 'prod' } });
}

describe('markdown report golden files', () => {
  for (const [name, engine] of Object.entries(ENGINES)) {
    it(`${name}: the same diff always gives the same report`, () => {
      const md = report(engine);
      expect(md).toBe(report(engine));
      expect(md).toBe(golden(`report-${name}.md`, md));
    });
  }

  it('opens with the marker, lists destructive steps before the SQL, folds both SQL blocks', () => {
    const md = report(ENGINES.postgres);
    expect(md.split('\n')[0]).toBe('<!-- redb-report repo=app branch=feature-x target=prod -->');
    expect(md.indexOf('## Destructive and locking steps')).toBeGreaterThan(0);
    expect(md.indexOf('## Destructive and locking steps')).toBeLessThan(md.indexOf('<summary>Plan:'));
    expect(md).toMatch(/<details>\n<summary>Plan: \d+ steps<\/summary>\n\n```sql\n/);
    expect(md).toMatch(/<details>\n<summary>Rollback: \d+ steps<\/summary>\n\n```sql\n[\s\S]*\n```\n\n<\/details>\n$/);
    expect(md).toContain('| transactional | yes: one transaction');
  });

  it('says when no step runs in a transaction (DDL that commits on its own)', () => {
    expect(report(ENGINES.mysql)).toMatch(/\| transactional \| no: each of the \d+ steps commits on its own/);
  });
});

describe('report marker', () => {
  it('is stable for one repository, branch and target, and differs between targets', () => {
    const a = reportMarker({ repo: 'app', branch: 'feature/x', target: 'prod' });
    expect(a).toBe(reportMarker({ repo: 'app', branch: 'feature/x', target: 'prod' }));
    expect(a).not.toBe(reportMarker({ repo: 'app', branch: 'feature/x', target: 'staging' }));
  });

  it('cannot be ended or split by what a name holds', () => {
    const m = reportMarker({ repo: 'a b', branch: 'x-->y', target: 'p=q' });
    expect(m).toBe('<!-- redb-report repo=a%20b branch=x%2D-%3Ey target=p%3Dq -->');
    expect(m.slice(4, -3)).not.toContain('--');
  });
});
