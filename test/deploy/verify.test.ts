/**
 * The last line of defence, below the CLI's column-order refusal: a plan that does not
 * reach its target (a middle column dropped and added lands at the end) is never
 * reported as deployed. Without the proof the verify inside the transaction rolls it
 * back (E_VERIFY); with it the proof refuses it (E_PROOF). Both messages name what
 * differs, and the database keeps its schema. On the PostgreSQL test server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import type { Connection } from '../../adapters/types.js';
import { modelToFiles, type Model } from '../../unified-model/index.js';
import { runDeploy, type DeployAdapter } from '../../src/deploy/run.js';
import { createPlan } from '../../src/plan/index.js';
import { treeOidOf } from '../../src/vcs/index.js';
import { query } from '../support/deploy-scenario.js';
import { freshPgDatabase, PG_URL, psql } from '../support/live.js';

const adapter = postgresAdapter as DeployAdapter;
const treeOf = (m: Model) => treeOidOf(modelToFiles(m));

describe.skipIf(!PG_URL)('a plan that does not reach its target', () => {
  let live: Awaited<ReturnType<typeof freshPgDatabase>>;
  let conn: Connection;
  let target: Model;

  beforeAll(async () => {
    live = await freshPgDatabase('redb_verify_live');
    const wanted = await freshPgDatabase('redb_verify_target');
    psql(live.url, 'CREATE TABLE t (a int, b int, c int)');
    psql(wanted.url, 'CREATE TABLE t (a int, x int, c int)');
    const wc = await adapter.connect(wanted.url);
    target = await adapter.introspect(wc);
    await wc.close();
    await wanted.drop();
    conn = await adapter.connect(live.url);
  });
  afterAll(async () => {
    await conn?.close();
    await live?.drop();
  });

  const deploy = (prove: boolean) =>
    runDeploy({
      adapter, conn, url: live.url, label: 'database live', kind: 'deploy', repo: 'app', branch: 'main', commit: '', user: 'test', yes: true, allowDestructive: true, prove,
      // the plan as the planner makes it when the column order is not accepted: its target is the wanted tree
      makePlan: (from, tree) => createPlan({ from, to: target, source: { tree }, target: { tree: treeOf(target) }, ddl: adapter.ddl, reorderColumns: false }),
      modelOfTree: async (tree) => (tree === treeOf(target) ? target : undefined),
    });
  const failure = async (prove: boolean) => {
    const err = await deploy(prove).then(() => undefined, (e: Error & { code?: string }) => e);
    if (!err) throw new Error('the deploy succeeded');
    return err;
  };
  const columns = async () => (await query<{ attname: string }>(live.url, "SELECT attname FROM pg_attribute WHERE attrelid = 'public.t'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")).map((r) => r.attname);

  it('without the proof: the verify rolls it back and says what differs (E_VERIFY)', async () => {
    const err = await failure(false);
    expect(err.code).toBe('E_VERIFY');
    expect(err.message).toMatch(/table public\.t \(reorder-columns\)/);
    expect(err.message).toMatch(/nothing was changed: database live is still at the schema it had before \(verified\)/);
    expect(await columns()).toEqual(['a', 'b', 'c']);
  });

  it('with the proof: the proof refuses it and says what differs (E_PROOF)', async () => {
    const err = await failure(true);
    expect(err.code).toBe('E_PROOF');
    expect(err.message).toMatch(/table public\.t \(reorder-columns\)/);
    expect(await columns()).toEqual(['a', 'b', 'c']);
  });
});
