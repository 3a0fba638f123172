/**
 * Which ALTER TABLE clauses the target server runs without copying the table, by
 * flavour and version (INSTANT or INPLACE without a rebuild), so a plan names the
 * copies as hazards. Where the server is not known (a diff of two commits), the
 * oldest server's answer is given: a hazard said too often, never missed.
 *
 * MariaDB: https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-instant-alter-algorithm/
 * MySQL: https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html
 */
import { RedbError } from '../../../src/errors.js';
import type { DdlOptions } from '../../types.js';
import { parseServerVersion, type MysqlFlavour } from '../features.js';

export interface OnlineAlter {
  /** ADD COLUMN is INSTANT: at the end only, anywhere, or never (a copy). */
  readonly addColumn: 'end' | 'anywhere' | 'copy';
  /** DROP COLUMN is INSTANT. */
  readonly dropColumn: boolean;
  /** A column moved with FIRST/AFTER (no other change) is INSTANT. */
  readonly moveColumn: boolean;
  /** The server's word for an index the optimizer ignores. */
  readonly invisibleIndexWord: 'IGNORED' | 'INVISIBLE';
  /** A foreign key action RESTRICT is left unwritten to read back as RESTRICT (MariaDB; see members.ts). */
  readonly restrictUnwritten: boolean;
}

const atLeast = (v: readonly number[], ...min: number[]): boolean => {
  for (let i = 0; i < min.length; i++) if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i];
  return true;
};

/** What the target of `options` does online (unknown: MariaDB 10.2 / MySQL 5.7, whichever `flavour` says). */
export function onlineAlter(options: DdlOptions): OnlineAlter {
  const parsed = options.serverVersion ? parseServerVersion(options.serverVersion) : undefined;
  const flavour: MysqlFlavour = options.flavour === 'mysql' ? 'mysql' : options.flavour === 'mariadb' ? 'mariadb' : (parsed?.flavour ?? 'mariadb');
  const v = parsed?.version ?? [0, 0, 0];
  if (flavour === 'mariadb') {
    return {
      addColumn: atLeast(v, 10, 4) ? 'anywhere' : atLeast(v, 10, 3, 2) ? 'end' : 'copy',
      dropColumn: atLeast(v, 10, 4),
      moveColumn: atLeast(v, 10, 4),
      invisibleIndexWord: 'IGNORED',
      restrictUnwritten: true,
    };
  }
  return {
    addColumn: atLeast(v, 8, 0, 29) ? 'anywhere' : atLeast(v, 8, 0, 12) ? 'end' : 'copy',
    dropColumn: atLeast(v, 8, 0, 29),
    moveColumn: false,
    invisibleIndexWord: 'INVISIBLE',
    restrictUnwritten: false,
  };
}

/**
 * What an ALTER TABLE of an `--online` plan ends with: the server must run it in place
 * without blocking writes (INSTANT where it can: MariaDB takes INPLACE as "at least in
 * place"), and refuses the statement instead of copying the table or locking it.
 */
export const ONLINE_CLAUSES = 'ALGORITHM=INPLACE, LOCK=NONE';

/**
 * Refuses, at plan time, a step of an `--online` plan that only a copy of the table or a
 * write lock can do (its clauses carry `blocking-lock`), naming the step and the
 * clauses; returns nothing (no clause to add) when there are none.
 */
export function refuseBlocking(step: string, blocking: readonly string[]): never[] {
  if (!blocking.length) return [];
  const clauses = blocking.map((c) => c.split('\n')[0]).join('; ');
  throw new RedbError(
    'E_NOT_ONLINE',
    `--online: the step "${step}" cannot run online: the server copies the table or blocks writes for ${clauses}`,
    'plan without --online to accept the copy (the step is marked blocking-lock), or reach the change in steps that run in place (e.g. a new column filled in batches, then a rename)',
  );
}
