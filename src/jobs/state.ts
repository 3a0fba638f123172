/**
 * A job's state and the requests to steer it, in the target's job table. The state
 * (scope `state`) is written by the runner only; requests (scope `request`) by
 * `redb job pause|cancel` only, so neither write can undo the other. A runner reads the
 * request between two batches and clears it when it obeys.
 */
import { hostname } from 'node:os';
import type { Adapter, Connection } from '../../adapters/types.js';
import { RedbError } from '../errors.js';
import { JobStore } from './job-store.js';
import type { JobRequest, JobState } from './types.js';

export const STATE_SCOPE = 'state';
export const REQUEST_SCOPE = 'request';

/** The job store of a connection whose adapter can hold jobs. */
export function jobStore(conn: Connection, adapter: Adapter, label: string): JobStore {
  if (!adapter.deploy || !adapter.data) {
    throw new RedbError('E_UNSUPPORTED', `${label} is a ${adapter.dialect} database: redb cannot run jobs into it yet`, 'pick a target on an engine redb deploys to and copies data into (docs/jobs.md)');
  }
  return new JobStore(conn, adapter.deploy);
}

export function defaultRunner(): string {
  return `${hostname()}:${process.pid}`;
}

/** The job's state with its pending request, or undefined when it never ran here. */
export async function readState(store: JobStore, job: string): Promise<JobState | undefined> {
  if (!(await store.exists())) return undefined;
  const values = await store.all(job);
  const state = values.get(STATE_SCOPE);
  if (state === undefined) return undefined;
  const parsed = JSON.parse(state) as JobState;
  const request = values.get(REQUEST_SCOPE);
  return request ? { ...parsed, request: JSON.parse(request) as JobRequest } : parsed;
}

/** Writes the state (without its request field, which lives in its own scope). */
export async function writeState(store: JobStore, job: string, state: JobState): Promise<void> {
  const { request: _request, ...rest } = state;
  await store.put(job, STATE_SCOPE, JSON.stringify({ ...rest, updatedAt: new Date().toISOString() }));
}

export async function readRequest(store: JobStore, job: string): Promise<JobRequest | undefined> {
  const value = await store.get(job, REQUEST_SCOPE);
  return value ? (JSON.parse(value) as JobRequest) : undefined;
}

export async function writeRequest(store: JobStore, job: string, request: JobRequest): Promise<void> {
  await store.ensure();
  await store.put(job, REQUEST_SCOPE, JSON.stringify(request));
}

export async function clearRequest(store: JobStore, job: string): Promise<void> {
  await store.clear(job, REQUEST_SCOPE);
}

/** The session lock a runner holds on the target while it runs: it ends with its process, however that ends. */
export const jobLockKey = (job: string) => `redb-job-${job}`;

/** Takes the job's lock on the target, or fails saying another runner has the job. */
export async function lockJob(conn: Connection, adapter: Adapter, job: string, state: JobState | undefined): Promise<void> {
  if (await tryLockJob(conn, adapter, job)) return;
  throw new RedbError('E_JOB_RUNNING', `job ${job} is running${state?.runner ? ` on ${state.runner}` : ''}: one runner at a time`, `wait for it, or stop it with: redb job pause ${job}`);
}

/** Takes the job's lock if nobody holds it; the caller releases it with `unlockJob`. */
export async function tryLockJob(conn: Connection, adapter: Adapter, job: string): Promise<boolean> {
  return adapter.deploy!.tryLock(conn, jobLockKey(job));
}

export async function unlockJob(conn: Connection, adapter: Adapter, job: string): Promise<void> {
  await adapter.deploy!.unlock(conn, jobLockKey(job));
}

/** Whether a runner holds the job's lock now (a state of `running` whose runner died is not alive). */
export async function jobIsAlive(conn: Connection, adapter: Adapter, job: string): Promise<boolean> {
  if (!(await tryLockJob(conn, adapter, job))) return true;
  await unlockJob(conn, adapter, job);
  return false;
}
