/**
 * The pull-request comment the action keeps up to date: one per repository, branch and
 * target, found by the report's hidden marker (ui/report-marker.ts) and edited in place
 * on every run. Where the comment lives is a `CommentSink`: GitHub's REST API in a
 * workflow, a recording sink in tests (which never touch the network).
 *
 * @example
 * const sink = githubCommentSink({ token, repository: 'acme/app', issue: 42 });
 * await upsertComment(sink, reportMarker(id), markdown); // { action: 'created', id: 1234 }
 */
import { RedbError } from '../errors.js';

export interface PrComment {
  readonly id: number;
  readonly body: string;
}

/** Where the comment lives: find the one holding a marker, create one, update one. */
export interface CommentSink {
  find(marker: string): Promise<PrComment | undefined>;
  create(body: string): Promise<PrComment>;
  update(id: number, body: string): Promise<PrComment>;
}

export interface UpsertResult {
  readonly action: 'created' | 'updated';
  readonly id: number;
}

/**
 * Updates the comment that holds `marker`, or creates it unless `create` is false (a
 * pull request without schema changes gets no comment, but an earlier one is corrected).
 * `body` must contain the marker, or the next run would not find it.
 */
export async function upsertComment(sink: CommentSink, marker: string, body: string, opts: { create?: boolean } = {}): Promise<UpsertResult | undefined> {
  if (!body.includes(marker)) throw new Error('the comment body does not carry its marker');
  const found = await sink.find(marker);
  if (found) return { action: 'updated', id: (await sink.update(found.id, body)).id };
  return opts.create === false ? undefined : { action: 'created', id: (await sink.create(body)).id };
}

/** GitHub refuses a comment longer than 65,536 characters; the rest is headroom for the note. */
export const COMMENT_LIMIT = 65_000;

/**
 * The report as a comment that fits: whole when it can be; else without its SQL (the
 * summary, the destructive steps and the changes come first, so they stay), else cut at
 * a line; either way with a note saying where the whole report is.
 */
export function fitComment(report: string, limit = COMMENT_LIMIT): string {
  if (report.length <= limit) return report;
  const note = '> The whole report, SQL included, is too long for a comment: it is in the job summary of this run.\n';
  // the text up to `## SQL` ends with the blank line a heading has before it: the note takes its place
  const sql = report.indexOf('\n## SQL\n');
  if (sql >= 0 && sql + 1 + note.length <= limit) return `${report.slice(0, sql + 1)}${note}`;
  const cut = report.lastIndexOf('\n', limit - note.length - 2);
  return `${report.slice(0, cut)}\n\n${note}`;
}

export interface GithubTarget {
  /** A token allowed to write issues or pull requests (`GITHUB_TOKEN`, never printed). */
  readonly token: string;
  /** `owner/name` (`GITHUB_REPOSITORY`). */
  readonly repository: string;
  /** The pull request's number. */
  readonly issue: number;
  /** `GITHUB_API_URL` (GitHub Enterprise); default https://api.github.com. */
  readonly apiUrl?: string;
  readonly fetch?: typeof fetch;
}

/** Comments of a pull request through the REST API (issues/comments endpoints). */
export function githubCommentSink(t: GithubTarget): CommentSink {
  const api = (t.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await (t.fetch ?? fetch)(`${api}/repos/${t.repository}${path}`, {
      method,
      headers: { authorization: `Bearer ${t.token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) {
      // the response text may echo the request: only the status is shown
      throw new RedbError('E_GITHUB', `GitHub answered ${res.status} ${res.statusText} to ${method} ${path}`, 'give the job `permissions: pull-requests: write` and pass GITHUB_TOKEN');
    }
    return (await res.json()) as T;
  };
  return {
    async find(marker) {
      for (let page = 1; ; page++) {
        const comments = await call<PrComment[]>('GET', `/issues/${t.issue}/comments?per_page=100&page=${page}`);
        const hit = comments.find((c) => c.body?.includes(marker));
        if (hit) return { id: hit.id, body: hit.body };
        if (comments.length < 100) return undefined;
      }
    },
    create: (body) => call<PrComment>('POST', `/issues/${t.issue}/comments`, { body }),
    update: (id, body) => call<PrComment>('PATCH', `/issues/comments/${id}`, { body }),
  };
}
