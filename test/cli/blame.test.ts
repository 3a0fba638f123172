/**
 * `redb blame OBJECT [REV]` by CLI on a SQLite repository with seven commits
 * (test/support/history-repo.ts): each member of a table with the commit that last
 * changed it (a renamed column is blamed on its rename), each line of a view's
 * definition with the commit that brought it; text and --json.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redb, redbOk } from '../support/cli.js';
import { historyRepo, type HistoryRepo } from '../support/history-repo.js';

describe('redb blame', () => {
  let repo: HistoryRepo;
  let commits: Record<string, string>;
  beforeAll(() => {
    repo = historyRepo();
    commits = Object.fromEntries(redbOk(repo.ws, ['log', '--json']).json.map((c: { commit: string; message: string }) => [c.message.split('\n')[0], c.commit]));
  });
  afterAll(() => rmSync(repo.dir, { recursive: true, force: true }));

  it('a table: each column, constraint and index with the commit that last changed it', () => {
    const json = redbOk(repo.ws, ['blame', 'main.users', '--json']).json;
    expect(json).toMatchObject({ id: 'main.users', kind: 'table', rev: commits['view email'] });
    const by = Object.fromEntries(json.members.map((m: { kind: string; name: string; summary: string }) => [`${m.kind} ${m.name}`, m.summary]));
    expect(by).toMatchObject({
      'column id': 'add users',
      'column full_name': 'rename name',
      'column email': 'add users',
      'column nickname': 'nickname to varchar(40)',
      'index users_email_idx': 'index email',
    });
    for (const m of json.members) {
      expect(m.commit).toBe(commits[m.summary]);
      expect(m).toMatchObject({ author: { name: 'Test Author', email: 'test@example.com' }, date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    }
    const text = redbOk(repo.ws, ['blame', 'main.users']).stdout;
    expect(text).toMatch(/^blame table main\.users at [0-9a-f]{10}\n/);
    expect(text).toMatch(new RegExp(`^column +full_name +${commits['rename name'].slice(0, 10)}  Test Author  \\d{4}-\\d\\d-\\d\\d  rename name$`, 'm'));
    expect(text).toMatch(new RegExp(`^index +users_email_idx +${commits['index email'].slice(0, 10)}  Test Author  .*  index email$`, 'm'));
  });

  it('a view: each line of its definition with the commit that brought it', () => {
    const json = redbOk(repo.ws, ['blame', 'main.user_names', '--json']).json;
    expect(json.kind).toBe('view');
    expect(json.lines.map((l: { line: number; text: string; summary: string }) => [l.line, l.text.trim(), l.summary])).toEqual([
      [1, 'SELECT id,', 'add view'],
      [2, 'full_name,', 'view email'],
      [3, 'email', 'view email'],
      [4, 'FROM users', 'add view'],
    ]);
    const text = redbOk(repo.ws, ['blame', 'main.user_names']).stdout.split('\n');
    expect(text[0]).toMatch(/^blame view main\.user_names at [0-9a-f]{10}$/);
    expect(text[3]).toMatch(new RegExp(`^${commits['view email'].slice(0, 10)} \\(Test Author \\d{4}-\\d\\d-\\d\\d 3\\) +email$`));
  });

  it('at an older revision: only the history up to it', () => {
    const json = redbOk(repo.ws, ['blame', 'main.users', 'main~4', '--json']).json;
    expect(json.rev).toBe(commits['rename name']);
    const names = json.members.map((m: { kind: string; name: string; summary: string }) => `${m.kind} ${m.name}: ${m.summary}`);
    expect(names).toContain('column nickname: add nickname');
    expect(names).toContain('column full_name: rename name');
    expect(names.some((n: string) => n.startsWith('index'))).toBe(false);
  });

  it('names what is wrong: no such object, a member instead of an object', () => {
    const none = redb(repo.ws, ['blame', 'main.nope']);
    expect(none.code).toBe(64);
    expect(none.stderr).toMatch(/no object main\.nope at main/);
    const member = redb(repo.ws, ['blame', 'main.users.email', '--json']);
    expect(member.code).toBe(64);
    expect(member.json.error).toMatchObject({ code: 'E_NO_OBJECT', hint: expect.stringContaining('redb log -- main.users.email') });
  });
});
