/**
 * Object history on a real git repository written by the store (no database needed):
 * `objectLog` lists the commits that changed an object or a member, following the
 * rename intents of the commits; `blameAt` gives each member and each definition line
 * its last commit; `commitStat` lists the objects of a commit (a renamed one as one);
 * deploy notes read back what deploy.ts writes.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_VERSION, modelToFiles, type DbObject, type Table, type View } from '../../unified-model/index.js';
import * as vcs from '../../src/vcs/index.js';
import { blameAt } from '../../src/core/blame.js';
import { commitStat } from '../../src/core/commit-stat.js';
import { formatDeployNote, parseDeployNotes } from '../../src/core/deploy-records.js';
import { mayHold, normalId, objectLog, parseTarget } from '../../src/core/object-history.js';
import { membersOf } from '../../src/core/object-members.js';
import { renamesTrailer } from '../../src/core/renames.js';
import { AUTHOR, table, tempDir } from '../vcs/helpers.js';

const text = { native: 'text', logical: { kind: 'text' } } as const;
const view = (definition: string): View => ({ kind: 'view', id: 'public.names', schema: 'public', name: 'names', definition, columns: [{ name: 'note', type: text }], dependsOn: ['public.users'] });
const withColumn = (t: Table, name: string, native = 'text'): Table => ({ ...t, columns: [...t.columns, { name, type: { ...text, native }, nullable: true }] });
const renamed = (t: Table, id: string, name: string): Table => ({ ...t, id, name });

describe('object history on a real repository', () => {
  const gitDir = join(tempDir(), 'app.git');
  const c: Record<string, string> = {};

  /** Commits the objects (with the public schema) on main, `renames` as its trailer. */
  async function commitObjects(key: string, objects: DbObject[], renames: { from: string; to: string }[] = []): Promise<void> {
    const files = modelToFiles({ formatVersion: FORMAT_VERSION, dialect: 'postgres', objects: [{ kind: 'schema', id: 'public', name: 'public' }, ...objects] });
    const tree = await vcs.writeTree(gitDir, files);
    c[key] = await vcs.commit(gitDir, { branch: 'main', tree, message: key, author: AUTHOR, trailers: { 'Redb-Dialect': 'postgres', ...renamesTrailer(renames) } });
  }

  beforeAll(async () => {
    await vcs.initRepo(gitDir);
    const users = table('users');
    await commitObjects('add users', [users]);
    await commitObjects('add orders', [users, table('orders')]);
    const withEmail = withColumn(users, 'email', 'character varying(100)');
    await commitObjects('add email', [withEmail, table('orders')]);
    const retyped = { ...withEmail, columns: withEmail.columns.map((col) => (col.name === 'email' ? { ...col, type: { ...text } } : col)) };
    await commitObjects('email to text', [retyped, table('orders')]);
    const noteRenamed = { ...retyped, columns: retyped.columns.map((col) => (col.name === 'note' ? { ...col, name: 'remark' } : col)) };
    await commitObjects('rename note', [noteRenamed, table('orders')], [{ from: 'public.users.note', to: 'public.users.remark' }]);
    const members = renamed(noteRenamed, 'public.members', 'members');
    await commitObjects('rename users', [members, table('orders')], [{ from: 'public.users', to: 'public.members' }]);
    await commitObjects('add view', [members, table('orders'), view('SELECT remark\nFROM members\nWHERE id > 0')]);
    await commitObjects('change view', [members, table('orders'), view('SELECT remark\nFROM members\nWHERE id > 1')]);
    await commitObjects('drop orders', [members, view('SELECT remark\nFROM members\nWHERE id > 1')]);
  });

  const subjects = (entries: { message: string }[]) => entries.map((e) => e.message.split('\n')[0]);

  it('lists the commits that changed a table, through its rename, newest first', async () => {
    const entries = await objectLog(gitDir, c['drop orders'], parseTarget('public.members'));
    expect(subjects(entries)).toEqual(['rename users', 'rename note', 'email to text', 'add email', 'add users']);
    expect(entries.map((e) => e.change)).toEqual(['renamed', 'modified', 'modified', 'modified', 'added']);
    expect(entries[0]).toMatchObject({ id: 'public.members', from: 'public.users' });
    expect(entries[4].id).toBe('public.users');
  });

  it('lists the commits that changed one member, through the column rename and the table rename', async () => {
    const remark = await objectLog(gitDir, c['drop orders'], parseTarget('public.members.remark'));
    expect(subjects(remark)).toEqual(['rename note', 'add users']);
    expect(remark[0]).toMatchObject({ change: 'renamed', id: 'public.users.remark', from: 'public.users.note' });
    const email = await objectLog(gitDir, c['drop orders'], parseTarget('public.members.email'));
    expect(subjects(email)).toEqual(['email to text', 'add email']);
    expect(email.map((e) => e.change)).toEqual(['modified', 'added']);
  });

  it('finds a dropped object from a later commit, honours the limit, and refuses what never existed', async () => {
    const orders = await objectLog(gitDir, c['drop orders'], parseTarget('public.orders'));
    expect(orders.map((e) => `${e.message.split('\n')[0]}:${e.change}`)).toEqual(['drop orders:dropped', 'add orders:added']);
    expect(await objectLog(gitDir, c['drop orders'], parseTarget('public.members'), 2)).toHaveLength(2);
    await expect(objectLog(gitDir, c['drop orders'], parseTarget('public.nope'))).rejects.toMatchObject({ code: 'E_NO_OBJECT', exitCode: 64 });
    await expect(objectLog(gitDir, c['drop orders'], parseTarget('public.members.nope'))).rejects.toThrow(/public\.members\.nope/);
  });

  it('blames each member of a table on the commit that last changed it, across the table rename', async () => {
    const r = await blameAt(gitDir, c['drop orders'], 'public.members');
    const by = Object.fromEntries((r.members ?? []).map((m) => [`${m.kind} ${m.name}`, m.summary]));
    expect(by).toEqual({ 'column id': 'add users', 'column remark': 'rename note', 'column email': 'email to text', 'primary key users_pkey': 'add users' });
    expect(r).toMatchObject({ id: 'public.members', kind: 'table', rev: c['drop orders'] });
  });

  it('blames each line of a view definition on the commit that brought it', async () => {
    const r = await blameAt(gitDir, c['drop orders'], 'public.names');
    expect(r.lines?.map((l) => [l.line, l.text, l.summary])).toEqual([
      [1, 'SELECT remark', 'add view'],
      [2, 'FROM members', 'add view'],
      [3, 'WHERE id > 1', 'change view'],
    ]);
    await expect(blameAt(gitDir, c['drop orders'], 'public.orders')).rejects.toMatchObject({ code: 'E_NO_OBJECT' });
  });

  it('stats a commit: a renamed object is one entry, a modified table one', async () => {
    const commit = await vcs.readCommit(gitDir, c['rename users']);
    const parent = await vcs.readCommit(gitDir, commit.parents[0]);
    expect((await commitStat(gitDir, commit, parent.tree)).objects).toEqual([{ status: 'renamed', kind: 'table', id: 'public.members', from: 'public.users' }]);
    const first = await vcs.readCommit(gitDir, c['add users']);
    expect((await commitStat(gitDir, first, undefined)).objects.map((o) => `${o.status} ${o.id}`)).toEqual(['added public', 'added public.users']);
  });
});

describe('names and members', () => {
  it('splits a target into object and member, keeping routine signatures whole', () => {
    expect(parseTarget('public.users')).toEqual({ object: 'public.users' });
    expect(parseTarget('public.users.email')).toEqual({ object: 'public.users', member: 'email' });
    expect(parseTarget('public."My Table".col')).toEqual({ object: 'public."My Table"', member: 'col' });
    expect(normalId('"public"."users"')).toBe('public.users');
    expect(normalId('public.lower_email(text)')).toBe('public.lower_email(text)');
  });

  it('recognises the file of an object by name, readable or hashed', () => {
    expect(mayHold('schemas/public/tables/users.json', 'public.users')).toBe(true);
    expect(mayHold('schemas/public/tables/orders.json', 'public.users')).toBe(false);
    expect(mayHold('schemas/public/tables/Users~1a2b3c4d.json', 'public.Users')).toBe(true);
    expect(mayHold('schemas/public/functions/lower_email(text).json', 'public.lower_email(text)')).toBe(true);
  });

  it('lists the named members of a table in the order of its fields', () => {
    const t = { ...withColumn(table('users'), 'email'), indexes: [{ name: 'users_email_idx', keys: [{ column: 'email' }], method: 'btree', unique: false }] };
    expect(membersOf(t as never).map((m) => `${m.kind} ${m.name}`)).toEqual(['column id', 'column note', 'column email', 'primary key users_pkey', 'index users_email_idx']);
  });

  it('reads back the deploy notes it writes, several per commit', () => {
    const one = formatDeployNote({ kind: 'deploy', database: 'prod', result: 'succeeded', plan: 'abc123', by: 'Ada <ada@example.com>', at: '2026-01-02T03:04:05.000Z', steps: 3 });
    const two = formatDeployNote({ kind: 'rollback', database: 'staging db', result: 'succeeded', plan: 'def456', by: 'Bob <b@example.com>', at: '2026-01-03T00:00:00.000Z', steps: 1 });
    expect(parseDeployNotes(`${one}\n\n${two}\n`)).toEqual([
      { kind: 'deploy', database: 'prod', result: 'succeeded', plan: 'abc123', by: 'Ada <ada@example.com>', at: '2026-01-02T03:04:05.000Z', steps: 3 },
      { kind: 'rollback', database: 'staging db', result: 'succeeded', plan: 'def456', by: 'Bob <b@example.com>', at: '2026-01-03T00:00:00.000Z', steps: 1 },
    ]);
    expect(parseDeployNotes('a note someone wrote by hand')).toEqual([]);
  });
});
