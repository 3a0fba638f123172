/**
 * The deploy ledger in the target database: one row per deploy or rollback, the
 * authority on what schema is live. Its SQL is built with kysely for the target's
 * engine and run on redb's own connection (kysely compiles, it never connects).
 */
import { randomBytes } from 'node:crypto';
import { sql, type Compilable, type Kysely } from 'kysely';
import type { Connection, DeploySupport } from '../../adapters/types.js';
import { ExitCode, RedbError } from '../errors.js';
import { runBuilt, sqlBuilder } from './sql-builder.js';

export type DeployStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';

export interface LedgerEntry {
  id: string;
  kind: 'deploy' | 'rollback';
  repo: string;
  branch: string;
  /** The commit deployed (for a rollback: the commit restored, when known). */
  commit: string;
  source_tree: string;
  target_tree: string;
  plan_hash: string;
  /** The whole plan as JSON, rollback included: `redb rollback` runs its stored rollback. */
  plan: string;
  status: DeployStatus;
  steps_done: number;
  steps_total: number;
  deployed_by: string;
  started_at: string;
  finished_at: string | null;
  error: string | null;
}

/** kysely's view of the ledger: one table, whatever the adapter names it. */
type LedgerDb = Record<string, LedgerEntry>;

export class Ledger {
  private readonly db: Kysely<LedgerDb>;

  constructor(
    private readonly conn: Connection,
    private readonly support: DeploySupport,
  ) {
    this.db = sqlBuilder<LedgerDb>(support);
  }

  private get spec() {
    return this.support.ledger;
  }

  private get scoped() {
    return this.spec.schema ? this.db.withSchema(this.spec.schema) : this.db;
  }

  private get table(): string {
    return this.spec.table;
  }

  private run<R>(query: Compilable): Promise<R[]> {
    return runBuilt<R>(this.conn, query);
  }

  /** Creates the ledger table (and its schema) when missing, with the engine's column types. */
  async ensure(): Promise<void> {
    const { types, schema, createIfNotExists } = this.spec;
    if (!createIfNotExists && (await this.exists())) return;
    if (schema && createIfNotExists) await this.run(this.db.schema.createSchema(schema).ifNotExists());
    // no IF NOT EXISTS: the schema may be there without the table; a real failure shows in CREATE TABLE next
    else if (schema) await this.run(this.db.schema.createSchema(schema)).catch(() => undefined);
    const type = (name: keyof typeof types) => sql.raw(types[name]);
    const create = this.scoped.schema.createTable(this.table);
    await this.run(
      (createIfNotExists ? create.ifNotExists() : create)
        .addColumn('id', type('text'), (c) => c.primaryKey())
        .addColumn('kind', type('text'), (c) => c.notNull())
        .addColumn('repo', type('text'), (c) => c.notNull())
        .addColumn('branch', type('text'), (c) => c.notNull())
        .addColumn('commit', type('text'), (c) => c.notNull())
        .addColumn('source_tree', type('text'), (c) => c.notNull())
        .addColumn('target_tree', type('text'), (c) => c.notNull())
        .addColumn('plan_hash', type('text'), (c) => c.notNull())
        .addColumn('plan', type('longText'), (c) => c.notNull())
        .addColumn('status', type('text'), (c) => c.notNull())
        .addColumn('steps_done', type('integer'), (c) => c.notNull())
        .addColumn('steps_total', type('integer'), (c) => c.notNull())
        .addColumn('deployed_by', type('text'), (c) => c.notNull())
        .addColumn('started_at', type('timestamp'), (c) => c.notNull())
        .addColumn('finished_at', type('timestamp'))
        .addColumn('error', type('longText')),
    );
  }

  private get name(): string {
    return this.spec.schema ? `${this.spec.schema}.${this.table}` : this.table;
  }

  /**
   * Whether the ledger table exists yet (a dry run must not create it). Only a missing
   * table means "no ledger": any other failure is an error, since skipping the ledger
   * would skip the drift check.
   */
  async exists(): Promise<boolean> {
    try {
      await this.run(this.scoped.selectFrom(this.table).select(['id', 'status', 'target_tree', 'steps_done']).limit(1));
      return true;
    } catch (err) {
      if (this.support.isMissingTable(err)) return false;
      throw new RedbError(
        'E_LEDGER',
        `cannot read the deploy ledger ${this.name}: ${(err as Error).message}`,
        `the drift check needs it: let this connection's user read ${this.name}, or repair the table`,
        ExitCode.error,
      );
    }
  }

  /** The newest entry, whatever its status: a failed or interrupted one may have left the database part-way. */
  async last(): Promise<LedgerEntry | undefined> {
    return (await this.entries(1))[0];
  }

  /** Newest first. */
  async entries(limit = 20): Promise<LedgerEntry[]> {
    return this.run<LedgerEntry>(this.scoped.selectFrom(this.table).selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit));
  }

  /** The last deploy or rollback that succeeded: what is live. */
  async live(): Promise<LedgerEntry | undefined> {
    const [row] = await this.run<LedgerEntry>(
      this.scoped.selectFrom(this.table).selectAll().where('status', '=', 'succeeded').orderBy('started_at', 'desc').orderBy('id', 'desc').limit(1),
    );
    return row;
  }

  /**
   * Rows still `running` while we hold the deploy lock belong to a deploy that died
   * (killed, lost connection): mark them interrupted and return them.
   */
  async reconcile(): Promise<LedgerEntry[]> {
    const stale = await this.run<LedgerEntry>(this.scoped.selectFrom(this.table).selectAll().where('status', '=', 'running'));
    if (stale.length) {
      await this.run(this.scoped.updateTable(this.table).set({ status: 'interrupted', finished_at: new Date().toISOString() }).where('status', '=', 'running'));
    }
    return stale;
  }

  /** A new `running` entry; a resumed deploy starts with the steps already committed. */
  async begin(entry: Omit<LedgerEntry, 'id' | 'status' | 'steps_done' | 'started_at' | 'finished_at' | 'error'>, stepsDone = 0): Promise<string> {
    const id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    await this.run(
      this.scoped.insertInto(this.table).values({ ...entry, id, status: 'running', steps_done: stepsDone, started_at: new Date().toISOString(), finished_at: null, error: null }),
    );
    return id;
  }

  async entry(id: string): Promise<LedgerEntry | undefined> {
    const [row] = await this.run<LedgerEntry>(this.scoped.selectFrom(this.table).selectAll().where('id', '=', id));
    return row;
  }

  async progress(id: string, stepsDone: number): Promise<void> {
    await this.run(this.scoped.updateTable(this.table).set({ steps_done: stepsDone }).where('id', '=', id));
  }

  async finish(id: string, status: Exclude<DeployStatus, 'running'>, error?: string): Promise<void> {
    await this.run(this.scoped.updateTable(this.table).set({ status, finished_at: new Date().toISOString(), error: error ?? null }).where('id', '=', id));
  }
}
