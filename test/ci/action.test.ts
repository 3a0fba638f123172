/**
 * The GitHub Action's script run locally against a real PostgreSQL: a recording
 * CommentSink stands for the pull request (never a network call) and temp files for
 * GITHUB_STEP_SUMMARY and GITHUB_OUTPUT. Plan on a pull request → one comment with the
 * marker, updated in place on the next run; outputs written; fail-on; deploy mode
 * deploys, and the live schema then equals the branch.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { parse } from 'yaml';
import { runAction, type ActionContext } from '../../src/ci/action.js';
import { readInputs, type ActionInputs } from '../../src/ci/inputs.js';
import { pullRequestNumber } from '../../src/ci/github-env.js';
import { fitComment, githubCommentSink, upsertComment, type CommentSink, type PrComment } from '../../src/ci/pr-comment.js';
import { deployWorkspace, PROJECT_DIR, redb, redbOk, tempDir } from '../support/cli.js';
import { freshPgDatabase, PG_URL, psql, skipNote } from '../support/live.js';

/** A pull request's comments in memory, with every call the action made. */
class RecordingSink implements CommentSink {
  comments: PrComment[] = [];
  calls: string[] = [];
  private next = 100;
  async find(marker: string) {
    this.calls.push('find');
    return this.comments.find((c) => c.body.includes(marker));
  }
  async create(body: string) {
    this.calls.push('create');
    const c = { id: this.next++, body };
    this.comments.push(c);
    return c;
  }
  async update(id: number, body: string) {
    this.calls.push(`update ${id}`);
    const c = this.comments.find((x) => x.id === id);
    if (!c) throw new Error(`no comment ${id}`);
    c.body = body;
    return c;
  }
}

/** `name=value` lines of a GITHUB_OUTPUT file, the last value of each name. */
const outputsOf = (file: string): Record<string, string> => Object.fromEntries(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));

async function columnsOf(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'users' ORDER BY ordinal_position")).rows.map((r) => r.column_name);
  } finally {
    await c.end();
  }
}

describe('pull-request comments and GitHub files (no database)', () => {
  it('creates once, then updates the comment that holds the marker; a plan without changes creates none', async () => {
    const sink = new RecordingSink();
    sink.comments.push({ id: 7, body: 'a person wrote this' });
    expect(await upsertComment(sink, '<!-- m -->', '<!-- m -->\nv1', { create: false })).toBeUndefined();
    expect(await upsertComment(sink, '<!-- m -->', '<!-- m -->\nv1')).toEqual({ action: 'created', id: 100 });
    expect(await upsertComment(sink, '<!-- m -->', '<!-- m -->\nv2', { create: false })).toEqual({ action: 'updated', id: 100 });
    expect(sink.comments.map((c) => c.body)).toEqual(['a person wrote this', '<!-- m -->\nv2']);
    await expect(upsertComment(sink, '<!-- m -->', 'no marker')).rejects.toThrow(/marker/);
  });

  it('the GitHub sink calls the issue-comment endpoints with the token, pages through comments, and never shows the token', async () => {
    const requests: { url: string; method: string; auth: string; body?: string }[] = [];
    const page1 = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, body: `comment ${i}` }));
    const fakeFetch = (async (url: string, init: RequestInit) => {
      requests.push({ url, method: init.method ?? 'GET', auth: (init.headers as Record<string, string>).authorization, ...(init.body ? { body: String(init.body) } : {}) });
      if (url.endsWith('page=1')) return new Response(JSON.stringify(page1));
      if (url.endsWith('page=2')) return new Response(JSON.stringify([{ id: 555, body: 'x\n<!-- m -->' }]));
      if (init.method === 'PATCH') return new Response(JSON.stringify({ id: 555, body: 'new' }));
      return new Response('{"message":"Bad credentials secret-token"}', { status: 401, statusText: 'Unauthorized' });
    }) as typeof fetch;
    const sink = githubCommentSink({ token: 'secret-token', repository: 'acme/app', issue: 42, apiUrl: 'https://ghe.example/api/v3/', fetch: fakeFetch });
    expect(await upsertComment(sink, '<!-- m -->', '<!-- m -->\nnew')).toEqual({ action: 'updated', id: 555 });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://ghe.example/api/v3/repos/acme/app/issues/42/comments?per_page=100&page=1',
      'GET https://ghe.example/api/v3/repos/acme/app/issues/42/comments?per_page=100&page=2',
      'PATCH https://ghe.example/api/v3/repos/acme/app/issues/comments/555',
    ]);
    expect(requests.every((r) => r.auth === 'Bearer secret-token')).toBe(true);
    expect(JSON.parse(requests[2].body!)).toEqual({ body: '<!-- m -->\nnew' });
    const err = await sink.create('<!-- m -->').catch((e: Error & { code?: string }) => e);
    expect(err).toMatchObject({ code: 'E_GITHUB', message: 'GitHub answered 401 Unauthorized to POST /issues/42/comments' });
    expect(JSON.stringify(err) + String(err)).not.toContain('secret-token');
  });

  it('a report too long for a comment loses its SQL first, then lines; the marker and the summary stay', () => {
    const report = `<!-- m -->\n# a → b\n\n## Summary\n\n| steps | 9 |\n\n## SQL\n\n${'SELECT 1;\n'.repeat(200)}`;
    expect(fitComment(report, 10_000)).toBe(report);
    const noSql = fitComment(report, 500);
    expect(noSql.startsWith('<!-- m -->\n# a → b\n\n## Summary\n\n| steps | 9 |\n\n> The whole report')).toBe(true);
    expect(noSql).not.toContain('SELECT');
    const cut = fitComment(`<!-- m -->\n${'- a long list line\n'.repeat(500)}`, 1000);
    expect(cut.length).toBeLessThanOrEqual(1000);
    expect(cut.startsWith('<!-- m -->\n- a long')).toBe(true);
    expect(cut).toContain('job summary');
  });

  it('reads the pull request from the event file, else from the ref', () => {
    const event = join(tempDir(), 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number: 42 } }));
    expect(pullRequestNumber({ GITHUB_EVENT_PATH: event })).toBe(42);
    expect(pullRequestNumber({ GITHUB_REF: 'refs/pull/9/merge' })).toBe(9);
    expect(pullRequestNumber({ GITHUB_REF: 'refs/heads/main' })).toBeUndefined();
  });

  it('action.yml passes every input to the script and maps the outputs it writes', () => {
    const action = parse(readFileSync(join(PROJECT_DIR, 'action.yml'), 'utf8'));
    expect(Object.keys(action.inputs)).toEqual(['command', 'workspace', 'repo', 'branch', 'database', 'database-url', 'allow-destructive', 'fail-on', 'github-token']);
    const step = action.runs.steps.find((s: { id?: string }) => s.id === 'redb');
    for (const name of Object.keys(action.inputs)) expect(Object.values(step.env)).toContain(`\${{ inputs.${name} }}`);
    // the secret travels only by environment: never on the command line
    expect(step.env.REDB_DATABASE_URL).toBe('${{ inputs.database-url }}');
    expect(step.run).not.toContain('database-url');
    expect(Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, (v as { value: string }).value])))
      .toEqual({ 'has-changes': '${{ steps.redb.outputs.has-changes }}', destructive: '${{ steps.redb.outputs.destructive }}', 'plan-hash': '${{ steps.redb.outputs.plan-hash }}' });
    expect(action.runs.using).toBe('composite');
    // the variables the step sets are the ones the script reads
    const given: Record<string, string> = { command: 'deploy', workspace: 'ws', repo: 'app', branch: 'feat', database: 'prod', 'allow-destructive': 'true', 'fail-on': 'changes' };
    const env = Object.fromEntries(Object.entries(step.env as Record<string, string>).map(([k, v]) => [k, given[/inputs\.([\w-]+)/.exec(v)?.[1] ?? ''] ?? v]));
    expect(readInputs(env)).toEqual({ command: 'deploy', workspace: 'ws', repo: 'app', branch: 'feat', database: 'prod', allowDestructive: true, failOn: 'changes' });
  });

  it('names a wrong input and the values it takes', () => {
    expect(() => readInputs({ REDB_ACTION_FAIL_ON: 'sometimes' })).toThrow(/input fail-on is "sometimes"/);
    expect(() => readInputs({ REDB_ACTION_ALLOW_DESTRUCTIVE: 'yes' })).toThrow(/allow-destructive/);
    expect(readInputs({})).toEqual({ command: 'plan', workspace: '.', branch: 'main', database: 'target', allowDestructive: false, failOn: 'destructive' });
  });
});

describe.skipIf(!PG_URL)(skipNote('the action on PostgreSQL', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  const ws = tempDir();
  const dir = tempDir('redb-gh-');
  const summary = join(dir, 'summary.md');
  const output = join(dir, 'output.txt');
  const env = { GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output };
  const sink = new RecordingSink();
  const logs: string[] = [];
  const ctx = (withSink = true): ActionContext => ({ env, ...(withSink ? { sink } : {}), log: (l) => logs.push(l) });
  const inputs = (over: Partial<ActionInputs> = {}): ActionInputs => ({ command: 'plan', workspace: ws, branch: 'main', database: 'target', allowDestructive: false, failOn: 'never', ...over });
  let src: Awaited<ReturnType<typeof freshPgDatabase>>;
  let prod: Awaited<ReturnType<typeof freshPgDatabase>>;
  const savedUrl = process.env.REDB_DATABASE_URL;

  beforeAll(async () => {
    [src, prod] = await Promise.all([freshPgDatabase('redb_act_src'), freshPgDatabase('redb_act_prod')]);
    psql(src.url, 'CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, age int);');
    deployWorkspace(ws, src.url, prod.url, 'v1');
    redbOk(ws, ['deploy', 'main', '--branch', 'prod', '--yes']);
    // the pull request: main drops a column and adds one
    psql(src.url, 'ALTER TABLE users DROP COLUMN age; ALTER TABLE users ADD COLUMN nickname text;');
    redbOk(ws, ['commit', '-m', 'v2: users.nickname, no age']);
    // as in CI: the workspace holds the repository; the target comes from the secret
    redbOk(ws, ['branch', 'detach', 'main']);
    process.env.REDB_DATABASE_URL = prod.url;
  }, 180_000);
  afterAll(async () => {
    if (savedUrl === undefined) delete process.env.REDB_DATABASE_URL;
    else process.env.REDB_DATABASE_URL = savedUrl;
    await Promise.all([src?.drop(), prod?.drop()]);
  });

  it('plan on a pull request with changes: the report in the summary and in one new comment with the marker; outputs written', async () => {
    const r = await runAction(inputs(), ctx());
    expect(r.exitCode, logs.join('\n')).toBe(0);
    expect(r.comment).toEqual({ action: 'created', id: 100 });
    expect(sink.comments).toHaveLength(1);
    const body = sink.comments[0].body;
    expect(body.split('\n')[0]).toBe('<!-- redb-report repo=app branch=main target=target -->');
    expect(body).toContain('drop column public.users.age');
    expect(readFileSync(summary, 'utf8')).toContain(body);
    expect(outputsOf(output)).toEqual({ 'has-changes': 'true', destructive: 'true', 'plan-hash': r.planHash });
    expect(r.planHash).toMatch(/^[0-9a-f]{64}$/);
    // the secret never reaches the report or the log
    expect(`${body}${logs.join('\n')}`).not.toContain(prod.url);
  });

  it('a second run updates the same comment instead of adding one', async () => {
    const before = sink.comments[0].body;
    const r = await runAction(inputs(), ctx());
    expect(r.comment).toEqual({ action: 'updated', id: 100 });
    expect(sink.comments).toHaveLength(1);
    expect(sink.comments[0].body).toBe(before);
    expect(sink.calls).toEqual(['find', 'create', 'find', 'update 100']);
  });

  it('fail-on: destructive exits 3 on a plan that destroys data, changes exits 2, never exits 0', async () => {
    expect((await runAction(inputs({ failOn: 'destructive' }), ctx(false))).exitCode).toBe(3);
    expect(logs.at(-1)).toContain('allow-destructive');
    expect((await runAction(inputs({ failOn: 'changes' }), ctx(false))).exitCode).toBe(2);
    expect((await runAction(inputs({ failOn: 'never' }), ctx(false))).exitCode).toBe(0);
  });

  it('deploy without allow-destructive exits 3 and names the input; nothing applied', async () => {
    const r = await runAction(inputs({ command: 'deploy' }), ctx(false));
    expect(r.exitCode).toBe(3);
    expect(logs.at(-1)).toBe("hint: review the plan (the pull request's report), then set the input allow-destructive: true");
    expect(await columnsOf(prod.url)).toEqual(['id', 'email', 'age']);
    expect(readFileSync(summary, 'utf8')).toContain('### redb deploy failed (exit 3)');
  });

  it('deploy mode deploys the branch head; the live schema then equals the branch', async () => {
    writeFileSync(output, '');
    const r = await runAction(inputs({ command: 'deploy', allowDestructive: true }), ctx(false));
    expect(r.exitCode, logs.join('\n')).toBe(0);
    expect(outputsOf(output)).toMatchObject({ 'has-changes': 'true', destructive: 'true' });
    expect(await columnsOf(prod.url)).toEqual(['id', 'email', 'nickname']);
    expect(redb(ws, ['diff', '@prod', 'main', '--exit-code']).code).toBe(0);
    expect(readFileSync(summary, 'utf8')).toContain('### redb deploy');
  });

  it('after the deploy, a plan has no changes and corrects the comment in place', async () => {
    writeFileSync(output, '');
    const r = await runAction(inputs({ failOn: 'changes' }), ctx());
    expect(r.exitCode).toBe(0);
    expect(r.comment).toEqual({ action: 'updated', id: 100 });
    expect(sink.comments[0].body).toContain('No differences');
    expect(outputsOf(output)).toMatchObject({ 'has-changes': 'false', destructive: 'false' });
  });

  it('the built entry point reads its inputs from the environment; without GITHUB_TOKEN it posts nothing', () => {
    const main = join(PROJECT_DIR, 'dist/src/ci/main.js');
    const run = (extra: NodeJS.ProcessEnv) => spawnSync(process.execPath, [main], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, CI: 'true', REDB_DATABASE_URL: prod.url, REDB_ACTION_WORKSPACE: ws, REDB_ACTION_BRANCH: 'main', GITHUB_REF: 'refs/pull/5/merge', ...extra },
    });
    const ok = run({ REDB_ACTION_COMMAND: 'plan', REDB_ACTION_FAIL_ON: 'changes' });
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('no changes');
    const bad = run({ REDB_ACTION_COMMAND: 'apply' });
    expect(bad.status).toBe(64);
    expect(bad.stdout).toContain('input command is "apply"');
    expect(bad.stdout).toContain('use one of: plan, deploy');
  });
});
