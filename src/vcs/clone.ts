/**
 * Local clone: the object store is copied (hard links where the file system allows,
 * as `git clone --local` does — objects never change once written), every ref is
 * copied, and `origin` points back at the source. The clone is built next to its
 * destination and renamed into place, so a failure leaves nothing behind.
 */
import { copyFileSync, linkSync, promises as fsp } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readRef, readSymbolicRef, listRefs } from './refs.js';
import { assertRepository, createAtomically, writeSkeleton } from './repo.js';
import { mapInBatches } from './yield.js';

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

async function listDir(dir: string): Promise<string[]> {
  return fsp.readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
}

/** The files of an object store worth copying: loose objects, packs and their indexes, alternates. */
async function objectFiles(objects: string): Promise<string[]> {
  const files: string[] = [];
  for (const dir of await listDir(objects)) {
    if (/^[0-9a-f]{2}$/u.test(dir)) {
      for (const f of await listDir(join(objects, dir))) if (/^[0-9a-f]{38}$/u.test(f)) files.push(`${dir}/${f}`);
    } else if (dir === 'pack') {
      for (const f of await listDir(join(objects, dir))) if (/^pack-[0-9a-f]+\.(pack|idx|rev|bitmap)$/u.test(f)) files.push(`pack/${f}`);
    }
  }
  for (const f of await listDir(join(objects, 'info'))) if (f === 'alternates') files.push('info/alternates');
  return files;
}

function quoteConfig(value: string): string {
  return `"${value.replace(/\\/gu, '\\\\').replace(/"/gu, '\\"')}"`;
}

/**
 * Clones a repository on this machine into `destGitDir` (which must not exist, or
 * be empty): same objects, same branches and other refs, same default branch.
 *
 * @example
 * await cloneRepo('/ws/.redb/repos/app.git', '/ws/.redb/repos/app-copy.git');
 */
export async function cloneRepo(srcGitDir: string, destGitDir: string): Promise<void> {
  await assertRepository(srcGitDir);
  // refs first: every object they reach was written before them, so the copy below has it
  const refs = await listRefs(srcGitDir);
  const head = await readSymbolicRef(srcGitDir, 'HEAD');
  const detached = head ? undefined : await readRef(srcGitDir, 'HEAD');
  const src = resolve(srcGitDir);
  await createAtomically(destGitDir, async (tmp) => {
    const branch = head?.startsWith('refs/heads/') ? head.slice('refs/heads/'.length) : 'main';
    await writeSkeleton(tmp, branch, `[remote "origin"]\n\turl = ${quoteConfig(src)}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`);
    if (detached) await fsp.writeFile(join(tmp, 'HEAD'), `${detached}\n`);
    const files = await objectFiles(join(src, 'objects'));
    for (const dir of new Set(files.map((f) => dirname(f)))) await fsp.mkdir(join(tmp, 'objects', dir), { recursive: true });
    await mapInBatches(files, (f) => (f === 'info/alternates' ? copyFileSync : linkOrCopy)(join(src, 'objects', f), join(tmp, 'objects', f)));
    for (const r of refs) {
      await fsp.mkdir(dirname(join(tmp, r.ref)), { recursive: true });
      await fsp.writeFile(join(tmp, r.ref), `${r.oid}\n`);
    }
  });
}
