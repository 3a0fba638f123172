/**
 * `redb log -p`, `--stat` and `-- OBJECT[.MEMBER]` by CLI on a SQLite repository with
 * seven commits (test/support/history-repo.ts): the patch of each commit is its diff
 * against its first parent, the stat lists its objects, and the object log lists only
 * the commits that changed the object or member, through a recorded column rename.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redb, redbOk } from '../support/cli.js';
import { HISTORY, historyRepo, type HistoryRepo } from '../support/history-repo.js';

const subjects = (entries: { message: string }[]) => entries.map((e) => e.message.split('\n')[0]);
const newestFirst = [...HISTORY].reverse();

describe('redb log -p / --stat / -- OBJECT', () => {
  let repo: HistoryRepo;
  beforeAll(() => {
    repo = historyRepo();
  });
  afterAll(() => rmSync(repo.dir, { recursive: true, force: true }));

  it('-p follows each commit with its schema diff against its first parent', () => {
    const text = redbOk(repo.ws, ['log', '-p', '-n', '2']).stdout;
    const [newest, older] = text.split(/^commit /m).slice(1);
    expect(newest).toMatch(/^[0-9a-f]{40}\nAuthor: Test Author <test@example\.com>\n/);
    expect(newest).toContain('    view email');
    expect(newest).toContain('~ view main.user_names\n    @@ -1,3 +1,4 @@\n      SELECT id,\n    -   full_name\n    +   full_name,\n    +   email\n      FROM users');
    expect(newest).toMatch(/1 object changed: 0 added, 1 modified, 0 dropped\nplan: \d+ steps?, rollback \d+ steps?, hash [0-9a-f]{12}/);
    expect(older).toContain('+ view main.user_names');
    const json = redbOk(repo.ws, ['log', '-p', '--json']).json;
    expect(subjects(json)).toEqual(newestFirst);
    for (const e of json.slice(0, -1)) expect(e.diff).toMatchObject({ from: { commit: e.parents[0] }, to: { commit: e.commit }, same: false });
    // the root commit is compared with the empty schema
    expect(json.at(-1).diff.from.label).toBe('(empty schema)');
    expect(json.at(-1).diff.changes.map((c: { type: string; object: { id: string } }) => `${c.type} ${c.object.id}`)).toEqual(['create main.users']);
    const renamed = json.find((e: { message: string }) => e.message.startsWith('rename name'));
    expect(renamed.diff.changes[0].changes).toEqual([expect.objectContaining({ type: 'rename-column', from: expect.objectContaining({ name: 'name' }), to: expect.objectContaining({ name: 'full_name' }) })]);
  });

  it('--stat lists the objects each commit changed and a count line', () => {
    const text = redbOk(repo.ws, ['log', '--stat']).stdout;
    const blocks = text.split(/^commit /m).slice(1);
    expect(blocks).toHaveLength(HISTORY.length);
    expect(blocks[0]).toMatch(/\n\n ~ view main\.user_names\n 1 object changed: 0 added, 1 modified, 0 dropped, 0 renamed\n*$/);
    expect(blocks[1]).toContain('\n\n + view main.user_names\n 1 object changed: 1 added, 0 modified, 0 dropped, 0 renamed');
    expect(blocks[4]).toContain('\n\n ~ table main.users\n 1 object changed: 0 added, 1 modified, 0 dropped, 0 renamed');
    const json = redbOk(repo.ws, ['log', '--stat', '--json']).json;
    expect(json.map((e: { stat: { objects: { status: string; id: string }[] } }) => e.stat.objects.map((o) => `${o.status} ${o.id}`).join(', '))).toEqual([
      'modified main.user_names', 'added main.user_names', 'modified main.users', 'modified main.users', 'modified main.users', 'modified main.users', 'added main.users',
    ]);
    expect(redbOk(repo.ws, ['log', '--stat', '--oneline', '-n', '1']).stdout).toMatch(/^[0-9a-f]{10} view email\n ~ view main\.user_names\n 1 object changed/);
  });

  it('-- OBJECT lists only the commits that changed it', () => {
    const json = redbOk(repo.ws, ['log', '--json', '--', 'main.users']).json;
    expect(subjects(json)).toEqual(['index email', 'nickname to varchar(40)', 'rename name', 'add nickname', 'add users']);
    expect(json.map((e: { change: string }) => e.change)).toEqual(['modified', 'modified', 'modified', 'modified', 'added']);
    const view = redbOk(repo.ws, ['log', '--oneline', '--', 'main.user_names']).stdout.trim().split('\n');
    expect(view).toEqual([expect.stringMatching(/^[0-9a-f]{10} view email {2}\(~ modified main\.user_names\)$/), expect.stringMatching(/^[0-9a-f]{10} add view {2}\(\+ added main\.user_names\)$/)]);
    // global flags before the command stay before the `--`
    expect(subjects(redbOk(repo.ws, ['--json', 'log', '-n', '1', '--', 'main.users']).json)).toEqual(['index email']);
  });

  it('REV -- OBJECT.MEMBER lists the commits that changed one column or index, through its recorded rename', () => {
    const fullName = redbOk(repo.ws, ['log', 'main', '--json', '--', 'main.users.full_name']).json;
    expect(subjects(fullName)).toEqual(['rename name', 'add users']);
    expect(fullName[0]).toMatchObject({ change: 'renamed', id: 'main.users.full_name', from: 'main.users.name' });
    expect(fullName[1]).toMatchObject({ change: 'added', id: 'main.users.name' });
    const text = redbOk(repo.ws, ['log', 'main', '--', 'main.users.full_name']).stdout;
    expect(text).toContain('    → renamed main.users.name → main.users.full_name');
    expect(text).toContain('    + added main.users.name');
    expect(subjects(redbOk(repo.ws, ['log', '--json', '--', 'main.users.nickname']).json)).toEqual(['nickname to varchar(40)', 'add nickname']);
    expect(subjects(redbOk(repo.ws, ['log', '--json', '--', 'main.users.users_email_idx']).json)).toEqual(['index email']);
    // from an older revision, the later commits are not in its history
    expect(subjects(redbOk(repo.ws, ['log', 'main~5', '--json', '--', 'main.users.nickname']).json)).toEqual(['add nickname']);
  });

  it('names what is wrong: an object never committed, two objects, nothing after --', () => {
    const none = redb(repo.ws, ['log', '--', 'main.nope']);
    expect(none.code).toBe(64);
    expect(none.stderr).toMatch(/no commit in this history changed main\.nope/);
    expect(redb(repo.ws, ['log', '--json', '--', 'main.users.nope']).json.error).toMatchObject({ code: 'E_NO_OBJECT', exitCode: 64 });
    expect(redb(repo.ws, ['log', '--', 'main.users', 'main.user_names']).stderr).toMatch(/one object after --/);
    expect(redb(repo.ws, ['log', '--']).code).toBe(64);
  });
});
