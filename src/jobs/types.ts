/**
 * The contract between a job's runner (migration, replication), the commands that start
 * and steer it (`redb job …`), and the workers of a queue. A job is a relationship run:
 * its name is the relationship's, and its state lives in the target's job table
 * (job-store.ts, scope `state`), so any machine that can reach the target can see it,
 * pause it, cancel it or take it over.
 */
import type { Workspace } from '../core/workspace.js';
import type { RelationshipInfo } from './relationships.js';

export type JobStatus = 'running' | 'paused' | 'cancelled' | 'failed' | 'done';

/** What someone asked a running job to do; it looks between two batches. */
export type JobRequest = 'pause' | 'cancel';

/** The value of a job's `state` scope in the target's job table. */
export interface JobState {
  status: JobStatus;
  /** A pending `redb job pause|cancel` (kept in scope `request`, so a runner's own writes never lose it). */
  request?: JobRequest;
  /** Migration: schema, copy, indexes, verify. Replication: schema, snapshot, streaming. */
  phase?: string;
  /** Who runs it now, e.g. `host:pid` (no secrets). */
  runner?: string;
  startedAt?: string;
  updatedAt: string;
  /** Code and message of the error that stopped it (never a row value). */
  error?: { code: string; message: string };
  /** Rows moved so far, per target table id. */
  tables?: Record<string, TableProgress>;
  /** Replication only. */
  replication?: ReplicationProgress;
}

export interface TableProgress {
  rows: number;
  /** Source row count when the copy started (migration). */
  total?: number;
  done?: boolean;
  /** Verification result after the copy (migration). */
  verified?: { rows: boolean; checksum: boolean };
}

export interface ReplicationProgress {
  /** The slot and publication the job created on the source (their names). */
  slot?: string;
  publication?: string;
  /** Last LSN applied and committed on the target. */
  appliedLsn?: string;
  /** Lag of the last applied change: commit time on the source to commit on the target. */
  lagMs?: number;
  /** Bytes of WAL the source holds that are not yet applied. */
  lagBytes?: number;
  /** Changes applied per second over the last interval. */
  changesPerSecond?: number;
  changes?: { insert: number; update: number; delete: number };
}

/** One progress event: on a terminal a bar per table, otherwise a `--json` line. */
export interface JobProgressEvent {
  job: string;
  phase: string;
  /** The target table id while copying it. */
  table?: string;
  rows?: number;
  total?: number;
  rowsPerSecond?: number;
  /** A line of what happened (`created 4 tables`, `verified public.users`). */
  message?: string;
  replication?: ReplicationProgress;
}

export interface RunJobOptions {
  /** Stops the job between two batches, as a pause does (a checkpoint is committed). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: JobProgressEvent) => void;
  /** Replication: keep streaming until stopped (else return once caught up). */
  readonly follow?: boolean;
  /** Who runs it (a worker's id); default `host:pid`. */
  readonly runner?: string;
}

export interface JobOutcome {
  job: string;
  type: RelationshipInfo['type'];
  /** `done`: finished (migration verified, replication caught up); `paused`/`cancelled`: stopped on request. */
  status: JobStatus;
  state: JobState;
}

/** Runs one relationship's job to its end or until stopped; resumes from the target's checkpoints. */
export type JobRunner = (ws: Workspace, rel: RelationshipInfo, opts: RunJobOptions) => Promise<JobOutcome>;
