/**
 * Checking the live data before a plan commits anything: each statement that can fail
 * on existing rows has a query from the adapter (`DdlGenerator.dataChecks`) that counts
 * those rows. Any count above zero, or a check that itself fails on the data (a cast),
 * refuses the deploy with the rows' count and the object named — before the first commit,
 * so a plan split into segments cannot stop half-way on the data.
 */
import type { Connection, DataCheck, DdlGenerator } from '../../adapters/types.js';
import type { Model } from '../../unified-model/index.js';
import { ExitCode, RedbError } from '../errors.js';

/** One line per problem, e.g. `public.orders.customer_id has 3 NULL rows; making it NOT NULL would fail` (the adapter's words). */
export async function dataProblems(conn: Connection, checks: readonly DataCheck[]): Promise<string[]> {
  const problems: string[] = [];
  for (const check of checks) {
    try {
      const [row] = await conn.query<{ n: number | string }>(check.sql);
      const n = Number(row?.n ?? 0);
      if (n > 0) problems.push(`${check.object} has ${n} ${check.rows}; ${check.fails} would fail`);
    } catch (err) {
      problems.push(`${check.object} has ${check.rows}; ${check.fails} would fail (${(err as Error).message})`);
    }
  }
  return problems;
}

/** Throws E_DATA_CHECK when the data of `live` would make the change to `target` fail. */
export async function requireDataFits(conn: Connection, ddl: DdlGenerator, live: Model, target: Model, what: string): Promise<void> {
  const problems = await dataProblems(conn, ddl.dataChecks(live, target));
  if (!problems.length) return;
  throw new RedbError(
    'E_DATA_CHECK',
    `the ${what} would fail on the data, so nothing was changed: ${problems.join('; ')}`,
    'fix those rows (or change the schema so it accepts them), then run it again',
    ExitCode.error,
  );
}
