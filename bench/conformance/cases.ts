/**
 * The corpus pairs (`_pairs/<dialect>.jsonl`) and their load status file
 * (`_pairs/<dialect>.<engine>.status.jsonl`), read as the corpus README describes them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** One (current, desired) pair, with the fields of the normalized corpus form. */
export interface PairCase {
  readonly id: string;
  readonly source: string;
  readonly dialect: string;
  readonly setup: string;
  readonly current: string;
  readonly desired_setup: string;
  readonly desired: string;
  /** Another tool's plan: informational only, never compared. */
  readonly expected_up: string | null;
  readonly expected_down: string | null;
  readonly flags: Readonly<Record<string, unknown>>;
  readonly notes: string;
}

/** Whether both sides of a case loaded when the corpus was staged. */
export interface LoadStatus {
  readonly id: string;
  readonly current_ok: boolean;
  readonly desired_ok: boolean;
  readonly current_error?: string;
  readonly desired_error?: string;
}

function jsonLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line !== '')
    .map(([line, n]) => {
      try {
        return JSON.parse(line) as T;
      } catch (err) {
        throw new Error(`${file}:${n}: not a JSON object (${(err as Error).message})`);
      }
    });
}

/** Reads every pair of a JSONL file; fields that are missing read as empty. */
export function readCases(file: string): PairCase[] {
  return jsonLines<Partial<PairCase>>(file).map((c, i) => {
    if (typeof c.id !== 'string') throw new Error(`${file}: line ${i + 1} has no id`);
    return {
      id: c.id,
      source: c.source ?? c.id.split('/')[0],
      dialect: c.dialect ?? 'postgres',
      setup: c.setup ?? '',
      current: c.current ?? '',
      desired_setup: c.desired_setup ?? '',
      desired: c.desired ?? '',
      expected_up: c.expected_up ?? null,
      expected_down: c.expected_down ?? null,
      flags: c.flags ?? {},
      notes: c.notes ?? '',
    };
  });
}

/**
 * The status file next to a pairs file: `postgres.jsonl` → `postgres.pg15.status.jsonl`
 * (any `postgres.*.status.jsonl` when there is exactly one). Undefined when there is none.
 */
export function statusFileFor(pairsFile: string, engine = 'pg15'): string | undefined {
  const stem = basename(pairsFile).replace(/\.jsonl$/, '');
  const file = join(dirname(pairsFile), `${stem}.${engine}.status.jsonl`);
  return existsSync(file) ? file : undefined;
}

/** Load status by case id. */
export function readStatus(file: string): Map<string, LoadStatus> {
  return new Map(jsonLines<LoadStatus>(file).map((s) => [s.id, s]));
}

/** Which cases to run: `filter` is a substring of the id, `limit` keeps the first N that match. */
export function selectCases(cases: readonly PairCase[], filter?: string, limit?: number): PairCase[] {
  const matching = filter ? cases.filter((c) => c.id.includes(filter)) : [...cases];
  return limit !== undefined ? matching.slice(0, limit) : matching;
}
