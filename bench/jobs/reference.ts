/**
 * The tools a redb migration is compared with, run the way an operator would:
 * - `pg_dump -a -t bench_rows SRC | psql TGT` into an identical empty table (PostgreSQL → PostgreSQL);
 * - `pgloader mysql://… postgresql://…` (the Debian package) for MariaDB → PostgreSQL: it
 *   creates the table (in a schema named after the MariaDB database), loads it and builds
 *   the key after the load, as a redb migration does.
 */
import { measure, run, type Measurement } from '../measure.js';
import { TABLE } from './data.js';

/** pg_dump's data of the table piped into psql; pipefail so a failing pg_dump fails the run. */
export function pgDumpPsql(sourceUrl: string, targetUrl: string): Promise<Measurement> {
  const script = 'set -o pipefail; pg_dump -a -t "$1" -d "$2" | psql -X -q -v ON_ERROR_STOP=1 -d "$3" >/dev/null';
  return measure('bash', ['-c', script, 'bench', TABLE, sourceUrl, targetUrl]);
}

export function pgloaderVersion(): string | null {
  try {
    return run('pgloader', ['--version']).split('\n')[0].trim();
  } catch {
    return null;
  }
}

/**
 * pgloader from the MariaDB database into the PostgreSQL one. pgloader speaks
 * `postgresql://` and `mysql://` URLs itself; it exits 0 even when rows were rejected,
 * so the caller compares the target's fingerprint with the source's.
 */
export function pgloader(mysqlUrl: string, pgUrl: string): Promise<Measurement> {
  const target = pgUrl.replace(/^postgres:\/\//, 'postgresql://');
  return measure('pgloader', ['--quiet', '--on-error-stop', mysqlUrl, target]);
}
