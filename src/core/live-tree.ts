/**
 * The tree of a live schema that has not changed since redb last read it, without
 * reading it again — what git's index does for a working tree. After each full read
 * `status` and `commit` record, per database, the adapter's schema fingerprint (a
 * digest of everything its introspection reads, `Adapter.schemaFingerprint`) and the
 * tree the read gave. When the fingerprint is the same next time and that tree is the
 * branch head's, the database matches the head: nothing is read, built or hashed.
 *
 * The record is keyed by the build of redb too (dist/cli/build-id, written by the
 * bundler): another build may model the same catalogs differently. Deploys never use
 * it; they read the schema whole before and after every change. `--no-cache` (or a
 * deleted .redb/live-trees.json) reads the schema whole as well.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import type { OpenDatabase } from './databases.js';
import type { Workspace } from './workspace.js';

type Records = Record<string, { key: string; tree: string }>;

let buildId: string | null | undefined;

/** The bundle's build id, or null when redb runs from a build without one (no cache then). */
function currentBuild(): string | null {
  if (buildId === undefined) {
    try {
      buildId = readFileSync(join(packageRoot(), 'dist', 'cli', 'build-id'), 'utf8').trim() || null;
    } catch {
      buildId = null;
    }
  }
  return buildId;
}

const recordsFile = (ws: Workspace) => join(ws.stateDir, 'live-trees.json');

async function loadRecords(ws: Workspace): Promise<Records> {
  try {
    const parsed = JSON.parse(await readFile(recordsFile(ws), 'utf8')) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as Records) : {};
  } catch {
    return {};
  }
}

/** The key of a database's current schema, or undefined when the engine or this build cannot say. */
export async function liveKey(db: OpenDatabase): Promise<string | undefined> {
  const build = currentBuild();
  if (!build || !db.adapter.schemaFingerprint) return undefined;
  // a fingerprint only saves a read: one the server refuses means a full read, never a failed command
  const fingerprint = await db.adapter.schemaFingerprint(db.conn).catch(() => undefined);
  return fingerprint === undefined ? undefined : createHash('sha256').update(`${build}\n${db.adapter.dialect}\n${fingerprint}`).digest('hex');
}

/** The tree recorded for `key` on this database, if any. */
export async function recordedTree(ws: Workspace, database: string, key: string): Promise<string | undefined> {
  const rec = (await loadRecords(ws))[database];
  return rec?.key === key ? rec.tree : undefined;
}

/** Records the tree a full read gave for `key` (atomically: a temp file renamed into place). */
export async function recordTree(ws: Workspace, database: string, key: string, tree: string): Promise<void> {
  const records = await loadRecords(ws);
  if (records[database]?.key === key && records[database].tree === tree) return;
  records[database] = { key, tree };
  const file = recordsFile(ws);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(records, null, 2)}\n`, 'utf8');
  await rename(tmp, file);
}
