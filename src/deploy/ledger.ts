/**
 * The deploy ledger in the target database: one row per deploy or rollback, the
 * authority on what schema is live. Its SQL is built with kysely for the target's
 * engine and run on redb's own connection (kysely compiles, it never connects).
 */
import { randomBytes } from 'node:crypto';
import { ExitCode, RedbError } from '../errors.js';
import { RedbTable } from './sql-builder.js';

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

export class Ledger extends RedbTable<LedgerEntry> {
  protected get table(): string {
    return this.support.ledger.table;
  }

  /** Creates the ledger table (and its schema) when missing, with the engine's column types. */
  async ensure(): Promise<void> {
    const create = await this.createTable();
    if (!create) return;
    await this.run(
      create
        .addColumn('id', this.type('text'), (c) => c.primaryKey())
        .addColumn('kind', this.type('text'), (c) => c.notNull())
        .addColumn('repo', this.type('text'), (c) => c.notNull())
        .addColumn('branch', this.type('text'), (c) => c.notNull())
        .addColumn('commit', this.type('text'), (c) => c.notNull())
        .addColumn('source_tree', this.type('text'), (c) => c.notNull())
        .addColumn('target_tree', this.type('text'), (c) => c.notNull())
        .addColumn('plan_hash', this.type('text'), (c) => c.notNull())
        .addColumn('plan', this.type('longText'), (c) => c.notNull())
        .addColumn('status', this.type('text'), (c) => c.notNull())
        .addColumn('steps_done', this.type('integer'), (c) => c.notNull())
        .addColumn('steps_total', this.type('integer'), (c) => c.notNull())
        .addColumn('deployed_by', this.type('text'), (c) => c.notNull())
        .addColumn('started_at', this.type('timestamp'), (c) => c.notNull())
        .addColumn('finished_at', this.type('timestamp'))
        .addColumn('error', this.type('longText')),
    );
  }

  private get name(): string {
    const { schema } = this.support.ledger;
    return schema ? `${schema}.${this.table}` : this.table;
  }

  /**
   * Whether the ledger table exists yet (a dry run must not create it). Only a missing
   * table means "no ledger": any other failure is an error, since skipping the ledger
   * would skip the drift check.
   */
  async exists(): Promise<boolean> {
    try {
      return await this.probe(['id', 'status', 'target_tree', 'steps_done']);
    } catch (err) {
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
