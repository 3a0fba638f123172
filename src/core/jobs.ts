/**
 * Jobs of relationships (docs/jobs.md): run one, see where each stands, pause, resume or
 * cancel it. A job's state is read from its target database, so these work from any
 * machine of the workspace, whichever machine runs the job.
 */
import { RedbError, usageError } from '../errors.js';
import { runMigration } from '../jobs/migrate/index.js';
import { getRelationship, listRelationships, type RelationshipInfo } from '../jobs/relationships.js';
import { dropReplicationArtifacts, runReplication } from '../jobs/replicate/index.js';
import { clearRequest, jobIsAlive, jobStore, readState, writeRequest, writeState } from '../jobs/state.js';
import type { JobOutcome, JobRequest, JobRunner, JobState, RunJobOptions } from '../jobs/types.js';
import { redactText } from '../config/url-secrets.js';
import { withDatabase } from './databases.js';
import type { Workspace } from './workspace.js';

export type { JobOutcome, JobProgressEvent, JobRequest, JobState, RunJobOptions } from '../jobs/types.js';

export interface JobInfo {
  name: string;
  type: RelationshipInfo['type'];
  source: string;
  target: string;
  /** Absent: the job never ran (or its target could not be read: see `error`). */
  state?: JobState;
  /** A runner holds the job now (a `running` state whose runner died is not alive). */
  alive?: boolean;
  /** Why the target could not be read. */
  error?: string;
}

const RUNNERS: Record<RelationshipInfo['type'], JobRunner> = { migration: runMigration, replication: runReplication };

/** Runs the relationship's job to its end, or until paused, cancelled or stopped by `opts.signal`. */
export async function runJob(ws: Workspace, name: string, opts: RunJobOptions = {}): Promise<JobOutcome> {
  const rel = getRelationship(ws, name);
  return RUNNERS[rel.type](ws, rel, opts);
}

export async function jobStatus(ws: Workspace, name: string): Promise<JobInfo> {
  const rel = getRelationship(ws, name);
  const info: JobInfo = { name, type: rel.type, source: rel.source, target: rel.target };
  return withDatabase(ws, rel.target, async (db) => {
    const state = await readState(jobStore(db.conn, db.adapter, `database ${rel.target}`), name);
    if (!state) return info;
    return { ...info, state, alive: state.status === 'running' ? await jobIsAlive(db.conn, db.adapter, name) : false };
  });
}

/** Every relationship with its job's state; a target that cannot be read is reported, not fatal. */
export async function listJobs(ws: Workspace): Promise<JobInfo[]> {
  const out: JobInfo[] = [];
  for (const rel of listRelationships(ws)) {
    try {
      out.push(await jobStatus(ws, rel.name));
    } catch (err) {
      out.push({ name: rel.name, type: rel.type, source: rel.source, target: rel.target, error: redactText((err as Error).message) });
    }
  }
  return out;
}

/**
 * Asks the job to pause or cancel. A running job obeys between two batches (its last
 * checkpoint committed); a job nobody runs is changed at once: a cancel forgets its
 * checkpoints (the next run starts over), a pause of a stopped job is refused.
 */
export async function requestJob(ws: Workspace, name: string, request: JobRequest): Promise<JobInfo> {
  const rel = getRelationship(ws, name);
  await withDatabase(ws, rel.target, async (db) => {
    const store = jobStore(db.conn, db.adapter, `database ${rel.target}`);
    const state = await readState(store, name);
    const alive = state?.status === 'running' && (await jobIsAlive(db.conn, db.adapter, name));
    if (alive) return writeRequest(store, name, request);
    if (request === 'pause' && state?.status === 'running') throw usageError('E_JOB_STATE', `job ${name} is interrupted (its runner is gone): there is nothing to pause`, `resume it with: redb job resume ${name}`);
    if (request === 'pause') throw usageError('E_JOB_STATE', `job ${name} is not running${state ? ` (it is ${state.status})` : ''}: there is nothing to pause`, `start it with: redb job run ${name}`);
    // a replication's slot would hold the source's WAL forever: a cancel drops it (and the publication)
    if (rel.type === 'replication') await dropReplicationArtifacts(ws, rel);
    await store.ensure();
    await db.conn.transaction(async () => {
      await store.clear(name);
      await writeState(store, name, { ...(state ?? {}), status: 'cancelled', updatedAt: '' });
    });
  });
  return jobStatus(ws, name);
}

/** Runs a paused, failed or interrupted job again from its checkpoints. */
export async function resumeJob(ws: Workspace, name: string, opts: RunJobOptions = {}): Promise<JobOutcome> {
  const info = await jobStatus(ws, name);
  if (!info.state) throw usageError('E_JOB_STATE', `job ${name} never ran: there is nothing to resume`, `start it with: redb job run ${name}`);
  if (info.state.status === 'done' || info.state.status === 'cancelled') throw usageError('E_JOB_STATE', `job ${name} is ${info.state.status}: there is nothing to resume`, `run it again from the start with: redb job run ${name}`);
  if (info.alive) throw new RedbError('E_JOB_RUNNING', `job ${name} is running${info.state.runner ? ` on ${info.state.runner}` : ''}`, `stop it first with: redb job pause ${name}`);
  await withDatabase(ws, info.target, (db) => clearRequest(jobStore(db.conn, db.adapter, `database ${info.target}`), name));
  return runJob(ws, name, opts);
}

/**
 * What a relationship leaves behind when it is deleted: its rows in the target's job
 * table, and on the source what a replication created there (slot, publication).
 */
export async function forgetJob(ws: Workspace, rel: RelationshipInfo): Promise<void> {
  if (rel.type === 'replication') await dropReplicationArtifacts(ws, rel);
  await withDatabase(ws, rel.target, async (db) => {
    // a target that cannot hold jobs never ran one: nothing to forget
    if (!db.adapter.deploy || !db.adapter.data) return;
    const store = jobStore(db.conn, db.adapter, `database ${rel.target}`);
    if (await store.exists()) await store.clear(rel.name);
  });
}

