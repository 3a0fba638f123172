/**
 * Stock git can check out every repository: path segments fit NAME_MAX, never collide
 * case-insensitively, avoid Windows' reserved names; format-1 repositories still read.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson, filesToModel, modelToFiles, objectId, objectPaths, routineId, sameModel,
  type DbObject, type Model, type ModelFile, type Routine,
} from '../../unified-model/index.js';
import { formatOnePath } from '../../unified-model/paths.js';
import { changedPaths, commit, initRepo, readTreeFiles, treeOidOf, writeTree } from '../../src/vcs/index.js';
import { AUTHOR, git, table, tempDir } from './helpers.js';

const longSignature = Array.from({ length: 16 }, () => 'character varying').join(', ');
const fn: Routine = {
  kind: 'function', id: routineId('public', 'f', longSignature), schema: 'public', name: 'f', signature: longSignature,
  arguments: Array.from({ length: 16 }, () => ({ mode: 'in' as const, type: 'character varying' })), returns: 'integer', language: 'sql', body: 'select 1',
  definition: `CREATE OR REPLACE FUNCTION public.f(${longSignature})\n RETURNS integer\n LANGUAGE sql\nAS $function$select 1$function$\n`,
};
const hostile: Model = {
  formatVersion: 1, dialect: 'postgres',
  objects: [
    { kind: 'schema', id: 'public', name: 'public' },
    { kind: 'schema', id: '"Sales"', name: 'Sales' },
    { kind: 'schema', id: 'sales', name: 'sales' },
    { kind: 'schema', id: '"dots."', name: 'dots.' },
    table('Users'), table('users'), table('USERS'), table('con'), table('Lpt1.x'), table('x'.repeat(300)),
    table('orders', 0, 'Sales'), table('orders', 0, 'sales'),
    fn,
  ],
};

/** Every path segment of these paths, by parent folder. */
function segmentsByFolder(paths: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const path of paths) {
    const parts = path.split('/');
    parts.forEach((part, i) => {
      const folder = parts.slice(0, i).join('/');
      out.set(folder, (out.get(folder) ?? new Set()).add(part));
    });
  }
  return out;
}

function expectCheckoutSafe(paths: readonly string[]): void {
  for (const [folder, names] of segmentsByFolder(paths)) {
    for (const name of names) {
      expect(Buffer.byteLength(name), `${folder}/${name}`).toBeLessThanOrEqual(255);
      expect(name, `${folder}/${name}`).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)|[<>:"\\|?*]|[. ]$/iu);
    }
    const folded = [...names].map((n) => n.toLowerCase());
    expect(new Set(folded).size, `case-insensitive collision in ${folder || '/'}`).toBe(folded.length);
  }
}

describe('path layout', () => {
  it('gives every object a checkout-safe, case-insensitively unique path, readable where it can be', () => {
    const files = modelToFiles(hostile);
    const paths = files.map((f) => f.path);
    expect(formatOnePath(fn).split('/').at(-1)!.length).toBeGreaterThan(255);
    expectCheckoutSafe(paths);
    expect(paths).toContain('schemas/public/tables/users.json');
    expect(paths).toContain('schemas/sales/tables/orders.json');
    expect(paths.some((p) => /^schemas\/public\/tables\/Users~[0-9a-f]{8}\.json$/u.test(p))).toBe(true);
    expect(paths.some((p) => /^schemas\/public\/functions\/f\(character varying, .*~[0-9a-f]{8}\.json$/u.test(p))).toBe(true);
    expect(JSON.parse(files[0].content)).toEqual({ formatVersion: 2, dialect: 'postgres' });
    expect(sameModel(filesToModel(files), hostile)).toBe(true);
    expect(modelToFiles(filesToModel(files))).toEqual(files);
  });

  it('is stable: an object keeps its path whatever else the model holds, unless a case twin appears', () => {
    const alone = objectPaths([table('Users'), fn]);
    const crowded = objectPaths(hostile.objects);
    const byId = (m: Map<DbObject, string>, id: string) => [...m].find(([o]) => o.id === id)?.[1];
    expect(byId(crowded, fn.id)).toBe(byId(alone, fn.id));
    expect(byId(alone, objectId('public', 'Users'))).toBe('schemas/public/tables/Users.json');
    expect(byId(crowded, objectId('public', 'Users'))).toMatch(/^schemas\/public\/tables\/Users~[0-9a-f]{8}\.json$/u);
  });

  it('writes format 1, byte for byte, when no name needs a hash, so existing trees keep their ids', () => {
    const plain: Model = { formatVersion: 1, dialect: 'postgres', objects: [{ kind: 'schema', id: 'public', name: 'public' }, table('Users'), table('orders')] };
    const files = modelToFiles(plain);
    expect(JSON.parse(files[0].content).formatVersion).toBe(1);
    expect(files.map((f) => f.path)).toEqual(['redb.json', 'schemas/public/schema.json', 'schemas/public/tables/Users.json', 'schemas/public/tables/orders.json']);
  });

  it('refuses a file moved to a path of the wrong object, and an object stored twice', () => {
    const files = modelToFiles(hostile);
    const users = files.find((f) => f.path === 'schemas/public/tables/users.json')!;
    expect(() => filesToModel([...files, { path: 'schemas/public/tables/users2.json', content: users.content }])).toThrow(/belongs in schemas\/public\/tables\/users.json/);
    const upper = files.find((f) => /tables\/Users~/u.test(f.path))!;
    expect(() => filesToModel([...files, { path: 'schemas/public/tables/Users.json', content: upper.content }])).toThrow(/is also stored in/);
  });
});

/** A format-1 tree as earlier redb versions wrote it: readable segments only, header version 1. */
function formatOneFiles(model: Model): ModelFile[] {
  return [
    { path: 'redb.json', content: canonicalJson({ formatVersion: 1, dialect: model.dialect }) },
    ...model.objects.map((o) => ({ path: formatOnePath(o), content: canonicalJson(o) })),
  ];
}

describe('repositories', () => {
  const root = tempDir();

  it('stock git clones and checks out a repository with a 300-character signature and Users beside users', async () => {
    const gitDir = join(root, 'hostile.git');
    await initRepo(gitDir);
    const files = modelToFiles(hostile);
    const tree = await writeTree(gitDir, files);
    const head = await commit(gitDir, { branch: 'main', tree, message: 'hostile names', author: AUTHOR });
    const work = join(root, 'checkout');
    execFileSync('git', ['clone', '--quiet', gitDir, work], { stdio: 'pipe' });
    execFileSync('git', ['-C', work, 'checkout', '--quiet', 'main'], { stdio: 'pipe' });
    const checkedOut = readdirSync(work, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !relative(work, join(e.parentPath, e.name)).startsWith('.git'))
      .map((e) => relative(work, join(e.parentPath, e.name)).split('\\').join('/'))
      .sort();
    expect(checkedOut).toEqual(files.map((f) => f.path).sort());
    expectCheckoutSafe(checkedOut);
    expect(git(gitDir, ['ls-tree', '-r', '--name-only', 'main']).trim().split('\n').sort()).toEqual(checkedOut);
    expect(sameModel(filesToModel(await readTreeFiles(gitDir, head)), hostile)).toBe(true);
  });

  it('reads a format-1 repository back equal, and its next commit moves only the unsafe files', async () => {
    const gitDir = join(root, 'old.git');
    await initRepo(gitDir);
    const oldTree = await writeTree(gitDir, formatOneFiles(hostile));
    const loaded = filesToModel(await readTreeFiles(gitDir, oldTree));
    expect(sameModel(loaded, hostile)).toBe(true);
    const newTree = await writeTree(gitDir, modelToFiles(loaded));
    const moved = await changedPaths(gitDir, oldTree, newTree);
    const unsafe = hostile.objects.filter((o) => objectPaths(hostile.objects).get(o) !== formatOnePath(o)).map((o) => o.id);
    expect(unsafe.length).toBeGreaterThan(0);
    // the header changes (format 2), every moved object is deleted at its old path and added at its new one
    expect(moved.filter((c) => c.status === 'modified').map((c) => c.path)).toEqual(['redb.json']);
    expect(moved.filter((c) => c.status === 'added')).toHaveLength(unsafe.length);
    // a model that needs no hash has the very tree format 1 gave it
    const plain = { ...hostile, objects: [table('orders'), table('Users')] };
    expect(treeOidOf(modelToFiles(plain))).toBe(treeOidOf(formatOneFiles(plain)));
  });
});
