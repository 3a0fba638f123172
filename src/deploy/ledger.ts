/**
 * The deploy ledger in the target database: one row per deploy or rollback, the
 * authority on what schema is live. Its SQL is built with kysely for the target's
 * engine and run on redb's own connection (kysely compiles, it never connects).
 */
import { randomBytes } from 'node:crypto';
import { DummyDriver, Kysely, type DatabaseIntrospector, type Compilable } from 'kysely';
import type { Connection, DeploySupport } from '../../adapters/types.js';
import { ExitCode, RedbError } from '../core/errors.js';

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

interface LedgerDb {
  redb_deployments: LedgerEntry;
}

export const LEDGER_TABLE = 'redb_deployments';

const noIntrospection = new Proxy({}, { get: () => () => Promise.reject(new Error('the ledger never introspects')) }) as DatabaseIntrospector;

export class Ledger {
  private readonly db: Kysely<LedgerDb>;

  constructor(
    private readonly conn: Connection,
    private readonly support: DeploySupport,
  ) {
    this.db = new Kysely<LedgerDb>({
      dialect: {
        createAdapter: () => support.kysely.createAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: () => noIntrospection,
        createQueryCompiler: () => support.kysely.createQueryCompiler(),
      },
    });
  }

  private get scoped() {
    return this.support.ledgerSchema ? this.db.withSchema(this.support.ledgerSchema) : this.db;
  }

  private async run<R>(query: Compilable): Promise<R[]> {
    const { sql, parameters } = query.compile();
    return this.conn.query<R>(sql, parameters);
  }

  /** Creates the ledger table (and its schema) when missing. */
  async ensure(): Promise<void> {
    if (this.support.ledgerSchema) await this.run(this.db.schema.createSchema(this.support.ledgerSchema).ifNotExists());
    await this.run(
      this.scoped.schema
        .createTable(LEDGER_TABLE)
        .ifNotExists()
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('repo', 'varchar(200)', (c) => c.notNull())
        .addColumn('branch', 'varchar(200)', (c) => c.notNull())
        .addColumn('commit', 'varchar(64)', (c) => c.notNull())
        .addColumn('source_tree', 'varchar(64)', (c) => c.notNull())
        .addColumn('target_tree', 'varchar(64)', (c) => c.notNull())
        .addColumn('plan_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('steps_done', 'integer', (c) => c.notNull())
        .addColumn('steps_total', 'integer', (c) => c.notNull())
        .addColumn('deployed_by', 'varchar(200)', (c) => c.notNull())
        .addColumn('started_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('finished_at', 'varchar(40)')
        .addColumn('error', 'text'),
    );
  }

  private get name(): string {
    return this.support.ledgerSchema ? `${this.support.ledgerSchema}.${LEDGER_TABLE}` : LEDGER_TABLE;
  }

  /**
   * Whether the ledger table exists yet (a dry run must not create it). Only a missing
   * table means "no ledger": any other failure is an error, since skipping the ledger
   * would skip the drift check.
   */
  async exists(): Promise<boolean> {
    try {
      await this.run(this.scoped.selectFrom(LEDGER_TABLE).select(['id', 'status', 'target_tree', 'steps_done']).limit(1));
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
    return this.run<LedgerEntry>(this.scoped.selectFrom(LEDGER_TABLE).selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit));
  }

  /** The last deploy or rollback that succeeded: what is live. */
  async live(): Promise<LedgerEntry | undefined> {
    const [row] = await this.run<LedgerEntry>(
      this.scoped.selectFrom(LEDGER_TABLE).selectAll().where('status', '=', 'succeeded').orderBy('started_at', 'desc').orderBy('id', 'desc').limit(1),
    );
    return row;
  }

  /**
   * Rows still `running` while we hold the deploy lock belong to a deploy that died
   * (killed, lost connection): mark them interrupted and return them.
   */
  async reconcile(): Promise<LedgerEntry[]> {
    const stale = await this.run<LedgerEntry>(this.scoped.selectFrom(LEDGER_TABLE).selectAll().where('status', '=', 'running'));
    if (stale.length) {
      await this.run(this.scoped.updateTable(LEDGER_TABLE).set({ status: 'interrupted', finished_at: new Date().toISOString() }).where('status', '=', 'running'));
    }
    return stale;
  }

  /** A new `running` entry; a resumed deploy starts with the steps already committed. */
  async begin(entry: Omit<LedgerEntry, 'id' | 'status' | 'steps_done' | 'started_at' | 'finished_at' | 'error'>, stepsDone = 0): Promise<string> {
    const id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    await this.run(
      this.scoped.insertInto(LEDGER_TABLE).values({ ...entry, id, status: 'running', steps_done: stepsDone, started_at: new Date().toISOString(), finished_at: null, error: null }),
    );
    return id;
  }

  async entry(id: string): Promise<LedgerEntry | undefined> {
    const [row] = await this.run<LedgerEntry>(this.scoped.selectFrom(LEDGER_TABLE).selectAll().where('id', '=', id));
    return row;
  }

  async progress(id: string, stepsDone: number): Promise<void> {
    await this.run(this.scoped.updateTable(LEDGER_TABLE).set({ steps_done: stepsDone }).where('id', '=', id));
  }

  async finish(id: string, status: Exclude<DeployStatus, 'running'>, error?: string): Promise<void> {
    await this.run(this.scoped.updateTable(LEDGER_TABLE).set({ status, finished_at: new Date().toISOString(), error: error ?? null }).where('id', '=', id));
  }
}
