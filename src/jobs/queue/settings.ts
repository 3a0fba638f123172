/**
 * How a queue behaves: the lease a worker holds on a queued job, the retry policy, how
 * often workers poll. Each setting comes from an option, else an environment variable
 * (so every machine of a fleet can be tuned without a flag), else a default chosen for
 * long data jobs (docs/jobs.md, "Workers").
 */
import { usageError } from '../../errors.js';

export interface QueueSettings {
  /** Namespace of the queue's tables in its database. */
  readonly schema: string;
  /**
   * Seconds a worker's claim on a job lasts without a heartbeat.
   * A live worker renews it every third of this, so it bounds how long a killed
   * worker's job waits before another worker may take it, not how long a job may run.
   */
  readonly leaseSeconds: number;
  /** Deliveries after the first that a failed or abandoned job gets. */
  readonly retryLimit: number;
  /** Seconds before a failed or abandoned job is handed out again. */
  readonly retryDelaySeconds: number;
  /** Seconds between two looks at the queue of an idle worker. */
  readonly pollSeconds: number;
  /** Seconds between two sweeps for jobs whose lease ran out. */
  readonly sweepSeconds: number;
}

export type QueueOptions = Partial<QueueSettings>;

interface Setting {
  readonly env: string;
  readonly fallback: number;
  readonly min: number;
  readonly max: number;
}

const NUMERIC: Record<Exclude<keyof QueueSettings, 'schema'>, Setting> = {
  leaseSeconds: { env: 'REDB_QUEUE_LEASE_SECONDS', fallback: 60, min: 2, max: 3600 },
  retryLimit: { env: 'REDB_QUEUE_RETRY_LIMIT', fallback: 5, min: 0, max: 1000 },
  retryDelaySeconds: { env: 'REDB_QUEUE_RETRY_DELAY_SECONDS', fallback: 10, min: 0, max: 86400 },
  pollSeconds: { env: 'REDB_QUEUE_POLL_SECONDS', fallback: 2, min: 0.5, max: 600 },
  sweepSeconds: { env: 'REDB_QUEUE_SWEEP_SECONDS', fallback: 15, min: 1, max: 3600 },
};

const SCHEMA_ENV = 'REDB_QUEUE_SCHEMA';
const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/** The settings from `opts`, else the environment, else the defaults; a bad value is a usage error naming it. */
export function queueSettings(opts: QueueOptions = {}, env: NodeJS.ProcessEnv = process.env): QueueSettings {
  const out: Record<string, number | string> = {};
  for (const [key, s] of Object.entries(NUMERIC)) {
    const given = opts[key as keyof QueueOptions] as number | undefined;
    const raw = given ?? (env[s.env] !== undefined && env[s.env] !== '' ? Number(env[s.env]) : s.fallback);
    const source = given !== undefined ? `option ${key}` : env[s.env] ? s.env : `default ${key}`;
    const integer = key === 'retryLimit' || key === 'leaseSeconds' || key === 'retryDelaySeconds';
    if (!Number.isFinite(raw) || raw < s.min || raw > s.max || (integer && !Number.isInteger(raw))) {
      throw usageError('E_QUEUE_OPTION', `${source} must be ${integer ? 'a whole number' : 'a number'} from ${s.min} to ${s.max}`, `set ${s.env} (or the option) to a value in that range (docs/jobs.md, "Workers")`);
    }
    out[key] = raw;
  }
  const schema = opts.schema ?? (env[SCHEMA_ENV] || 'redb_queue');
  if (!SCHEMA.test(schema)) {
    throw usageError('E_QUEUE_OPTION', `queue schema ${JSON.stringify(schema)} is not a plain lower-case identifier`, `set ${SCHEMA_ENV} to letters, digits and _ (default redb_queue)`);
  }
  return { ...(out as Omit<QueueSettings, 'schema'>), schema };
}
