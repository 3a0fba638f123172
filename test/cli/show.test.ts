/**
 * `redb show REV` by CLI as `git show` prints a commit: id, author, date, message,
 * trailers, the rename intents it records, where it is deployed (the deploy ref and
 * the note `redb deploy` wrote), and its schema diff against its first parent — the
 * same diff `redb diff REV^ REV` prints; a root commit against the empty schema.
 * `redb show REV OBJECT` stays as it was. On the SQLite repository of history-repo.ts,
 * with main deployed onto a second, empty database file.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, redbOk } from '../support/cli.js';
import { historyRepo, type HistoryRepo } from '../support/history-repo.js';

describe('redb show REV', () => {
  let repo: HistoryRepo;
  let head: string;
  beforeAll(() => {
    repo = historyRepo();
    const prod = join(repo.dir, 'prod.db');
    new Database(prod).close();
    for (const args of [['database', 'connect', 'prod', `sqlite://${prod}`], ['branch', 'create', 'prod'], ['branch', 'attach', 'prod', 'prod'], ['deploy', 'main', '--branch', 'prod', '--yes']]) redbOk(repo.ws, args);
    head = redbOk(repo.ws, ['log', '-n', '1', '--json']).json[0].commit;
  });
  afterAll(() => rmSync(repo.dir, { recursive: true, force: true }));

  it('prints the commit, where it is deployed, and its schema diff as redb diff REV^ REV does', () => {
    const text = redbOk(repo.ws, ['show', 'main']).stdout;
    expect(text).toMatch(new RegExp(`^commit ${head}\\nAuthor: Test Author <test@example\\.com>\\nDate: {3}\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\n\\n {4}view email\\n\\n {4}Redb-Dialect: sqlite\\n`));
    expect(text).toMatch(/\nDeployed: prod \(live\)\n {4}deploy to prod: succeeded, at \d{4}-\d\d-\d\dT[\d:.]+Z, plan [0-9a-f]{12}, \d+ steps?, by Test Author <test@example\.com>\n/);
    const diffText = redbOk(repo.ws, ['diff', 'main^', 'main']).stdout;
    expect(text.endsWith(`\n\n${diffText}`)).toBe(true);
    expect(diffText).toContain('~ view main.user_names');
    // the note and the ref are what stock git shows too
    expect(git(repo.gitDir, ['notes', '--ref=redb-deploys', 'show', head])).toMatch(/^deploy to prod: succeeded\nplan [0-9a-f]{64}\n/);
  });

  it('--json gives all of it as data', () => {
    const json = redbOk(repo.ws, ['show', 'main', '--json']).json;
    expect(json).toMatchObject({ commit: head, author: { name: 'Test Author', email: 'test@example.com' }, message: expect.stringMatching(/^view email/), trailers: { 'Redb-Dialect': 'sqlite' }, renames: [] });
    expect(json.deploys.live).toEqual(['prod']);
    expect(json.deploys.records).toEqual([{ kind: 'deploy', database: 'prod', result: 'succeeded', plan: expect.stringMatching(/^[0-9a-f]{64}$/), by: 'Test Author <test@example.com>', at: expect.any(String), steps: expect.any(Number) }]);
    expect(json.diff).toMatchObject({ from: { label: 'main^', commit: json.parents[0] }, to: { label: 'main', commit: head }, same: false });
    expect(json.diff.plan.steps.length).toBeGreaterThan(0);
    expect(json.changes).toEqual([expect.objectContaining({ status: 'modified', id: 'main.user_names', kind: 'view' })]);
  });

  it('a commit with a rename intent lists it; one not deployed says so', () => {
    const text = redbOk(repo.ws, ['show', 'main~4']).stdout;
    expect(text).toContain('    Redb-Renames: main.users.name=main.users.full_name\n');
    expect(text).toContain('\nRenames: main.users.name → main.users.full_name\nDeployed: nowhere (no deploy recorded)\n');
    expect(text).toContain('diff main~4^ (');
    expect(text).toContain('~ table main.users\n    ~ column name → full_name (renamed)');
    const json = redbOk(repo.ws, ['show', 'main~4', '--json']).json;
    expect(json.renames).toEqual([{ from: 'main.users.name', to: 'main.users.full_name' }]);
    expect(json.deploys).toEqual({ live: [], records: [] });
  });

  it('the root commit is diffed against the empty schema', () => {
    const text = redbOk(repo.ws, ['show', 'main~6']).stdout;
    expect(text).toContain('diff (empty schema) → main~6 (');
    expect(text).toContain('+ table main.users\n    + column id INTEGER');
    const json = redbOk(repo.ws, ['show', 'main~6', '--json']).json;
    expect(json.parents).toEqual([]);
    expect(json.diff.changes.map((c: { type: string; object: { id: string } }) => `${c.type} ${c.object.id}`)).toEqual(['create main.users']);
  });

  it('REV OBJECT still shows one object as stored at REV', () => {
    const json = redbOk(repo.ws, ['show', 'main~4', 'main.users', '--json']).json;
    expect(json.path).toBe('schemas/main/tables/users.json');
    expect(json.object.columns.map((c: { name: string }) => c.name)).toEqual(['id', 'full_name', 'email', 'nickname']);
  });
});
