/**
 * `node dist/bench/partial-corpus.js [--limit N] [--filter SUBSTR]`: for corpus pairs
 * (other projects' schema-change tests), the partial diff of two commits
 * (src/core/partial-models.ts) against the whole models: the same changes and the same
 * plan, or a whole read where the partial read declines. Each side is loaded into its
 * own database on REDB_TEST_PG_URL, introspected, and written as a tree with its index.
 * Cases that do not load, need a role (`flags.user`), or whose introspected model does
 * not pass its own file validation are skipped. Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { postgresAdapter } from '../adapters/postgres/index.js';
import { saveModelIndex } from '../src/core/model-index.js';
import { partialModels } from '../src/core/partial-models.js';
import { diffModels } from '../src/diff/index.js';
import { createPlan } from '../src/plan/index.js';
import * as vcs from '../src/vcs/index.js';
import { canonicalJson, modelToFiles, type Model } from '../unified-model/index.js';
import { readCases, selectCases } from './conformance/cases.js';
import { databaseUrl, dropDatabaseNamed, psql } from './pg.js';

const { values: opts } = parseArgs({ options: { limit: { type: 'string' }, filter: { type: 'string' } } });
const server = process.env.REDB_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const corpus = process.env.REDB_CORPUS ?? '/work/shared/corpus';
const cases = selectCases(readCases(join(corpus, '_pairs/postgres.jsonl')), opts.filter, opts.limit ? Number(opts.limit) : undefined);

async function load(name: string, scripts: string[]): Promise<Model | undefined> {
  dropDatabaseNamed(server, name);
  psql(server, `CREATE DATABASE ${name}`);
  const url = databaseUrl(server, name);
  const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url], { input: scripts.join('\n;\n'), encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const conn = await postgresAdapter.connect(url);
  try {
    return await postgresAdapter.introspect(conn);
  } finally {
    await conn.close();
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'redb-partial-corpus-'));
const gitDir = join(tmp, 'repo.git');
await vcs.initRepo(gitDir);
const tally = { same: 0, whole: 0, skipped: 0, differ: 0 };
try {
  for (const c of cases) {
    if (c.flags.user) { tally.skipped++; continue; }
    const from = await load('redb_pc_from', [c.setup, c.current]);
    const to = from && (await load('redb_pc_to', [c.setup, c.desired_setup, c.desired]));
    if (!from || !to) { tally.skipped++; continue; }
    const trees: string[] = [];
    for (const m of [from, to]) {
      const tree = await vcs.writeTree(gitDir, modelToFiles(m));
      await saveModelIndex(gitDir, tree, m);
      trees.push(tree);
    }
    // a model whose own files do not validate is read by neither path
    const partial = await partialModels(gitDir, trees[0], trees[1], []).catch((err: Error) => {
      if (err.name !== 'ModelFileError') throw err;
      console.log(`INVALID ${c.id}: ${err.message}`);
      return null;
    });
    if (partial === null) { tally.skipped++; continue; }
    if (!partial) { tally.whole++; continue; }
    const req = (a: Model, b: Model) => ({ from: a, to: b, source: { tree: trees[0] }, target: { tree: trees[1] }, ddl: postgresAdapter.ddl!, renames: [] });
    // a plan the planner refuses must be refused both ways alike
    const outcome = (f: () => unknown) => { try { return canonicalJson(f()); } catch (e) { return `error: ${(e as Error).message}`; } };
    const changes = diffModels(partial.from, partial.to);
    const fast = outcome(() => createPlan({ ...req(partial.from, partial.to), changes }));
    const slow = outcome(() => createPlan(req(from, to)));
    const verdict = canonicalJson(changes) !== canonicalJson(diffModels(from, to)) ? 'changes differ' : fast !== slow ? `plans differ: ${fast.slice(0, 120)} / ${slow.slice(0, 120)}` : 'same';
    if (verdict === 'same') tally.same++;
    else { tally.differ++; console.log(`DIFFER ${c.id}: ${verdict}`); }
  }
} finally {
  dropDatabaseNamed(server, 'redb_pc_from');
  dropDatabaseNamed(server, 'redb_pc_to');
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${cases.length} pairs: ${tally.same} partial = whole, ${tally.whole} read whole (declined), ${tally.skipped} skipped (load, role or invalid model), ${tally.differ} differ`);
process.exit(tally.differ ? 1 : 0);
