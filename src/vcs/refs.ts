/**
 * Refs, read and written the way git does: loose files under `refs/` override
 * `packed-refs`; updates take git's own `<ref>.lock` (created exclusively), compare
 * the current value with the expected one, and rename the lock into place — so a
 * stale writer is refused and stock git respects the same locks. Generic over the
 * namespace: branches (`refs/heads/…`) today, deploy ledgers (`refs/redb/deploys/…`) later.
 */
import { promises as fsp } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { InvalidRefNameError, ObjectNotFoundError, RefConflictError, RefLockedError } from './errors.js';
import { isOid } from './objects.js';
import { assertRefName, refNameProblem } from './ref-format.js';
import { assertRepository } from './repo.js';
import { ObjectStore } from './store.js';

export interface RefEntry {
  readonly ref: string;
  readonly oid: string;
}

/** Options of ref updates. */
export interface RefUpdateOptions {
  /**
   * Compare-and-swap: the value the ref must have now (`null`: must not exist).
   * Omitted: no check.
   */
  readonly expected?: string | null;
}

/** `HEAD` or a valid full ref name (never a path that leaves the repository). */
function assertReadableRef(ref: string): void {
  if (ref !== 'HEAD') assertRefName(ref);
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw e;
  }
}

async function readPackedRefs(gitDir: string): Promise<Map<string, string>> {
  const refs = new Map<string, string>();
  const text = await readText(join(gitDir, 'packed-refs'));
  for (const line of text?.split('\n') ?? []) {
    const m = /^([0-9a-f]{40}) (\S+)$/u.exec(line);
    if (m) refs.set(m[2], m[1]);
  }
  return refs;
}

/** The raw content of a ref: an oid, `ref: <target>`, or undefined. */
async function readRaw(gitDir: string, ref: string): Promise<string | undefined> {
  const loose = await readText(join(gitDir, ref));
  if (loose !== undefined) return loose.trim();
  return (await readPackedRefs(gitDir)).get(ref);
}

/**
 * The commit (or object) a ref points to, following symbolic refs such as `HEAD`;
 * undefined when it does not exist (e.g. an unborn branch).
 *
 * @example
 * await readRef(gitDir, 'refs/heads/main') // '3f2a…' or undefined
 */
export async function readRef(gitDir: string, ref: string): Promise<string | undefined> {
  assertReadableRef(ref);
  let name = ref;
  for (let depth = 0; depth < 5; depth++) {
    const raw = await readRaw(gitDir, name);
    if (raw === undefined) return undefined;
    if (!raw.startsWith('ref: ')) return isOid(raw) ? raw : undefined;
    name = raw.slice(5).trim();
    if (refNameProblem(name)) return undefined;
  }
  return undefined;
}

/** The target of a symbolic ref (`HEAD` → `refs/heads/main`), or undefined when it is not symbolic. */
export async function readSymbolicRef(gitDir: string, ref = 'HEAD'): Promise<string | undefined> {
  assertReadableRef(ref);
  const raw = await readText(join(gitDir, ref));
  return raw?.startsWith('ref: ') ? raw.slice(5).trim() : undefined;
}

/** Every ref under `prefix` (default: all of `refs/`), sorted by name. */
export async function listRefs(gitDir: string, prefix = 'refs/'): Promise<RefEntry[]> {
  const found = await readPackedRefs(gitDir);
  const walk = async (rel: string): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fsp.readdir(join(gitDir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const name = `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(name);
      else if (e.isFile() && !e.name.endsWith('.lock')) {
        const text = (await readText(join(gitDir, name)))?.trim();
        if (text !== undefined && isOid(text)) found.set(name, text);
      }
    }
  };
  await walk('refs');
  return [...found]
    .filter(([ref]) => ref.startsWith(prefix))
    .map(([ref, oid]) => ({ ref, oid }))
    .sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** How long to wait for another writer's lock, like git's `core.filesRefLockTimeout`. */
const LOCK_TIMEOUT_MS = 100;

/** Creates the lock file exclusively, retrying briefly while another writer holds it. */
async function openLock(ref: string, lock: string): Promise<import('node:fs/promises').FileHandle> {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
    try {
      return await fsp.open(lock, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (Date.now() >= deadline) throw new RefLockedError(ref, lock);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Holds `<path>.lock` while `fn` runs; `fn` returns the content to commit into `path`, or undefined to abort. */
async function withLock(ref: string, path: string, fn: () => Promise<string | undefined>): Promise<void> {
  const lock = `${path}.lock`;
  try {
    await fsp.mkdir(dirname(path), { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new InvalidRefNameError(ref, 'a ref exists where its directory would be');
    throw e;
  }
  const handle = await openLock(ref, lock);
  let committed = false;
  try {
    const content = await fn();
    if (content !== undefined) {
      await handle.writeFile(content);
      await handle.close();
      await fsp.rmdir(path).catch(() => undefined); // a leftover empty directory of a deleted ref/…
      await fsp.rename(lock, path);
      committed = true;
    }
  } finally {
    if (!committed) {
      await handle.close().catch(() => undefined);
      await fsp.rm(lock, { force: true });
    }
  }
}

function checkExpected(ref: string, expected: string | null | undefined, actual: string | undefined): void {
  if (expected !== undefined && (expected ?? undefined) !== actual) throw new RefConflictError(ref, expected, actual ?? null);
}

/** A ref that would be a directory of `ref` or whose directory `ref` would be. */
async function conflictingRef(gitDir: string, ref: string): Promise<string | undefined> {
  return (await listRefs(gitDir)).find((r) => r.ref.startsWith(`${ref}/`) || ref.startsWith(`${r.ref}/`))?.ref;
}

/**
 * Points `ref` (a full name under `refs/`) at `oid`, which must be in the store.
 * With `expected`, refuses with `RefConflictError` (changing nothing) unless the ref
 * still has that value.
 *
 * @example
 * await writeRef(gitDir, 'refs/redb/deploys/prod', commitOid, { expected: previous ?? null });
 */
export async function writeRef(gitDir: string, ref: string, oid: string, opts: RefUpdateOptions = {}): Promise<void> {
  assertRefName(ref);
  await assertRepository(gitDir);
  if (!isOid(oid) || !new ObjectStore(gitDir).has(oid)) throw new ObjectNotFoundError(oid);
  await withLock(ref, join(gitDir, ref), async () => {
    const actual = await readRaw(gitDir, ref);
    checkExpected(ref, opts.expected, actual);
    if (actual === undefined) {
      const other = await conflictingRef(gitDir, ref);
      if (other) throw new InvalidRefNameError(ref, `it conflicts with the existing ref ${other}`);
    }
    return `${oid}\n`;
  });
}

async function removeFromPacked(gitDir: string, ref: string): Promise<void> {
  const path = join(gitDir, 'packed-refs');
  if (!(await readPackedRefs(gitDir)).has(ref)) return;
  await withLock('packed-refs', path, async () => {
    const lines = ((await readText(path)) ?? '').split('\n');
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].endsWith(` ${ref}`) && /^[0-9a-f]{40} /u.test(lines[i])) {
        if (lines[i + 1]?.startsWith('^')) i++; // its peeled value
        continue;
      }
      out.push(lines[i]);
    }
    return out.join('\n');
  });
}

/**
 * Deletes a ref (loose and packed). With `expected`, refuses with `RefConflictError`
 * unless the ref still has that value. Returns false when there was nothing to delete.
 */
export async function deleteRef(gitDir: string, ref: string, opts: RefUpdateOptions = {}): Promise<boolean> {
  assertRefName(ref);
  await assertRepository(gitDir);
  const path = join(gitDir, ref);
  if ((await readRaw(gitDir, ref)) === undefined) {
    checkExpected(ref, opts.expected, undefined);
    return false;
  }
  let existed = false;
  await withLock(ref, path, async () => {
    const actual = await readRaw(gitDir, ref);
    checkExpected(ref, opts.expected, actual);
    existed = actual !== undefined;
    if (existed) {
      await removeFromPacked(gitDir, ref);
      await fsp.rm(path, { force: true });
    }
    return undefined;
  });
  // remove directories the ref leaves empty (refs/heads/feature/ after feature/x), like git
  for (let dir = dirname(path); relative(gitDir, dir).split(sep).length > 2; dir = dirname(dir)) {
    if (!(await fsp.rmdir(dir).then(() => true, () => false))) break;
  }
  return existed;
}

/** Points the symbolic ref `HEAD` (or another) at a full ref name, atomically. */
export async function writeSymbolicRef(gitDir: string, target: string, ref = 'HEAD'): Promise<void> {
  assertRefName(target);
  await assertRepository(gitDir);
  await withLock(ref, join(gitDir, ref), async () => `ref: ${target}\n`);
}
