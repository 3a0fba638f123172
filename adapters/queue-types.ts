/**
 * A durable job queue in an existing database, for workers on many machines:
 * `Adapter.queue`. Part of the adapter contract (adapters/types.ts).
 */

/**
 * A durable job queue in an existing database of the engine (docs/jobs.md, "Workers"),
 * shared by workers on many machines. Entries hold a key (a relationship's name) and
 * its mode (`follow`) and nothing else. A worker holds a lease on the entry it runs and
 * renews it; an entry whose lease runs out is handed out again (a retry) by a later sweep.
 */
export interface QueueSupport {
  /** Opens the queue at `url`, creating its tables in namespace `opts.schema` the first time. */
  open(url: string, opts: QueueOpenOptions): Promise<QueueHandle>;
}

export interface QueueOpenOptions {
  /** Namespace of the queue's tables in that database. */
  readonly schema: string;
  /** Seconds a new entry's lease lasts (and the default of a renewal). */
  readonly leaseSeconds: number;
  /** Deliveries after the first of an entry that failed or whose lease ran out. */
  readonly retryLimit: number;
  readonly retryDelaySeconds: number;
  /** Return run-out leases to the queue every `sweepSeconds` (workers do, enqueuers need not). */
  readonly sweep: boolean;
  readonly sweepSeconds: number;
  /** Errors of the queue's background work (a sweep that lost its connection), already free of secrets. */
  readonly onError?: (err: Error) => void;
}

export interface QueueEntry {
  readonly id: string;
  readonly key: string;
  /** When it was queued, by the queue server's clock. */
  readonly queuedAt: Date;
  /** Deliveries before this one that started (0 on the first). */
  readonly retryCount: number;
  /** The mode it was queued in: run until stopped (true) or until caught up. */
  readonly follow: boolean;
}

export interface QueueHandle {
  /**
   * Adds an entry for `key` in mode `follow`, unless one is queued, waiting for a retry or
   * running: then that one (`added: false`, `follow` its own mode, which may differ).
   * An entry not running that was queued before `supersede` (the job ended after it was
   * queued: a worker would skip it) is cancelled and a new one added instead. Atomic
   * across processes.
   */
  add(key: string, follow: boolean, supersede?: Date): Promise<{ id: string; added: boolean; follow: boolean }>;
  /** Takes the next entry due, leased to the caller; undefined when none is due. */
  take(): Promise<QueueEntry | undefined>;
  /**
   * Renews the lease to `seconds` from now; false when the caller no longer holds it. An
   * entry renewed for weeks (a `follow` job) must still be kept by the queue when it goes
   * back to it (given back, or its lease run out).
   */
  renew(id: string, seconds: number): Promise<boolean>;
  /** The entry is done; `output` is kept with it. */
  complete(id: string, output: object): Promise<void>;
  /** The entry failed: it is handed out again after the retry delay while retries are left. */
  fail(id: string, error: { code: string; message: string }): Promise<void>;
  /** Puts a leased entry back, due in `seconds`, without counting a retry; false when the caller no longer holds it. */
  giveBack(id: string, seconds: number): Promise<boolean>;
  /** Stops background work and closes the connections (`graceful`: waits for what runs). */
  close(graceful?: boolean): Promise<void>;
}
