/**
 * The job table in a job's target database: checkpoints and state of the migration and
 * replication jobs writing into it, one row per (job, scope). Kept in the target so a
 * checkpoint commits in the same transaction as the rows it accounts for: a job killed
 * at any point resumes from exactly what the target holds, on this machine or another.
 * Like the ledger it sits beside, it is redb's table and never part of a model.
 *
 * @example
 * const store = new JobStore(conn, adapter.deploy);
 * await store.ensure();
 * await conn.transaction(async () => {
 *   await writeBatch(rows);
 *   await store.put('nightly', 'table:public.users', JSON.stringify({ after: [1042] }));
 * });
 */
import { RedbTable } from '../deploy/sql-builder.js';

export interface JobRow {
  job: string;
  /** What the value is about, e.g. `state`, `table:public.users`, `lsn`. */
  scope: string;
  /** JSON the job wrote. */
  value: string;
  updated_at: string;
}

export class JobStore extends RedbTable<JobRow> {
  protected get table(): string {
    return this.support.ledger.jobsTable;
  }

  /** Creates the table (and the ledger's schema) when missing. */
  async ensure(): Promise<void> {
    const create = await this.createTable();
    if (!create) return;
    await this.run(
      create
        .addColumn('job', this.type('text'), (c) => c.notNull())
        .addColumn('scope', this.type('text'), (c) => c.notNull())
        .addColumn('value', this.type('longText'), (c) => c.notNull())
        .addColumn('updated_at', this.type('timestamp'), (c) => c.notNull())
        .addPrimaryKeyConstraint(`${this.table}_pkey`, ['job', 'scope']),
    );
  }

  /** Whether the table exists; only a missing table is false, any other failure throws. */
  exists(): Promise<boolean> {
    return this.probe(['job']);
  }

  async get(job: string, scope: string): Promise<string | undefined> {
    const [row] = await this.run<JobRow>(this.scoped.selectFrom(this.table).select(['value']).where('job', '=', job).where('scope', '=', scope));
    return row?.value;
  }

  /** Every scope of `job` with its value. */
  async all(job: string): Promise<Map<string, string>> {
    const rows = await this.run<JobRow>(this.scoped.selectFrom(this.table).select(['scope', 'value']).where('job', '=', job).orderBy('scope'));
    return new Map(rows.map((r) => [r.scope, r.value]));
  }

  /** Every job with rows here. */
  async jobs(): Promise<string[]> {
    const rows = await this.run<JobRow>(this.scoped.selectFrom(this.table).select(['job']).distinct().orderBy('job'));
    return rows.map((r) => r.job);
  }

  /**
   * Sets one value. Run it inside the caller's transaction to commit it with the rows it
   * accounts for; delete then insert, since engines spell an upsert differently.
   */
  async put(job: string, scope: string, value: string): Promise<void> {
    await this.run(this.scoped.deleteFrom(this.table).where('job', '=', job).where('scope', '=', scope));
    await this.run(this.scoped.insertInto(this.table).values({ job, scope, value, updated_at: new Date().toISOString() }));
  }

  /** Removes one scope of `job`, or all of them. */
  async clear(job: string, scope?: string): Promise<void> {
    const q = this.scoped.deleteFrom(this.table).where('job', '=', job);
    await this.run(scope === undefined ? q : q.where('scope', '=', scope));
  }
}
