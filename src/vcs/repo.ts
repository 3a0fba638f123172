/**
 * Creating and recognizing repositories. A redb repository is a bare git repository
 * (`<workspace>/.redb/repos/<name>.git`) that stock git reads.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { NotARepositoryError, RepositoryExistsError } from './errors.js';
import { assertBranchName } from './ref-format.js';

const CONFIG = '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = true\n';

/** True when `gitDir` looks like a git directory (HEAD, objects/ and refs/). */
export async function isRepository(gitDir: string): Promise<boolean> {
  const kinds = await Promise.all(
    ['HEAD', 'objects', 'refs'].map((p) =>
      fsp.stat(join(gitDir, p)).then(
        (s) => (s.isDirectory() ? 'dir' : 'file'),
        () => undefined,
      ),
    ),
  );
  return kinds[0] === 'file' && kinds[1] === 'dir' && kinds[2] === 'dir';
}

/** Throws `NotARepositoryError` unless `gitDir` is a git directory. */
export async function assertRepository(gitDir: string): Promise<void> {
  if (!(await isRepository(gitDir))) throw new NotARepositoryError(gitDir);
}

/** Writes the skeleton of an empty bare repository into `dir` (which must exist). */
export async function writeSkeleton(dir: string, defaultBranch: string, extraConfig = ''): Promise<void> {
  for (const d of ['objects/info', 'objects/pack', 'refs/heads', 'refs/tags']) await fsp.mkdir(join(dir, d), { recursive: true });
  await fsp.writeFile(join(dir, 'HEAD'), `ref: refs/heads/${defaultBranch}\n`);
  await fsp.writeFile(join(dir, 'config'), CONFIG + extraConfig);
  await fsp.writeFile(join(dir, 'description'), 'redb schema repository\n');
}

/**
 * Builds a repository in a temp directory next to `gitDir`, then renames it into
 * place, so a crash never leaves half a repository under the real name.
 */
export async function createAtomically(gitDir: string, fill: (tmpDir: string) => Promise<void>): Promise<void> {
  const target = resolve(gitDir);
  if (await exists(target)) {
    const empty = (await fsp.stat(target)).isDirectory() && (await fsp.readdir(target)).length === 0;
    if (!empty) throw new RepositoryExistsError(gitDir);
  }
  await fsp.mkdir(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await fsp.mkdir(tmp);
  try {
    await fill(tmp);
    await fsp.rename(tmp, target);
  } catch (e) {
    await fsp.rm(tmp, { recursive: true, force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') throw new RepositoryExistsError(gitDir);
    throw e;
  }
}

async function exists(path: string): Promise<boolean> {
  return fsp.stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Creates an empty bare repository whose HEAD names `defaultBranch` (unborn until the
 * first commit). Fails with `RepositoryExistsError` if `gitDir` exists and is not an
 * empty directory.
 *
 * @example
 * await initRepo('/ws/.redb/repos/app.git'); // then: git --git-dir /ws/.redb/repos/app.git log
 */
export async function initRepo(gitDir: string, defaultBranch = 'main'): Promise<void> {
  assertBranchName(defaultBranch);
  await createAtomically(gitDir, (tmp) => writeSkeleton(tmp, defaultBranch));
}

/** Same as `initRepo(gitDir, 'main')`. */
export function init(gitDir: string): Promise<void> {
  return initRepo(gitDir);
}
