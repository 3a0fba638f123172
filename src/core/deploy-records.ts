/**
 * The git side of a deploy record, written by `redb deploy`/`rollback` (deploy.ts) and
 * read back by `redb show`: `refs/redb/deploys/<database>` points at the commit that is
 * live there, and a note on `refs/notes/redb-deploys` per deployed commit says who
 * deployed it, when, with which plan, and how it went. One module writes and reads the
 * note's lines, so the two can never disagree about its form.
 */
import * as vcs from '../vcs/index.js';

export const DEPLOY_NOTES = 'redb-deploys';
export const DEPLOY_REF_PREFIX = 'refs/redb/deploys/';

/** One deploy (or rollback) recorded in a commit's note. */
export interface DeployRecord {
  kind: string;
  database: string;
  result: string;
  plan?: string;
  by?: string;
  /** ISO 8601. */
  at?: string;
  steps?: number;
}

/** The note text of one record: `deploy to prod: succeeded`, then `plan …`, `by …`, `at …`, `steps N`. */
export function formatDeployNote(r: { kind: string; database: string; result: string; plan: string; by: string; at: string; steps: number }): string {
  return [`${r.kind} to ${r.database}: ${r.result}`, `plan ${r.plan}`, `by ${r.by}`, `at ${r.at}`, `steps ${r.steps}`].join('\n');
}

const HEAD = /^(\S+) to (.+): (\S+)$/;

/** The records of a note, oldest first (records are appended, separated by a blank line); text that is no record is skipped. */
export function parseDeployNotes(text: string): DeployRecord[] {
  const out: DeployRecord[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const [first, ...rest] = block.trim().split('\n');
    const head = HEAD.exec(first ?? '');
    if (!head) continue;
    const r: DeployRecord = { kind: head[1], database: head[2], result: head[3] };
    for (const line of rest) {
      const sp = line.indexOf(' ');
      const [key, value] = sp < 0 ? [line, ''] : [line.slice(0, sp), line.slice(sp + 1).trim()];
      if (key === 'plan') r.plan = value;
      else if (key === 'by') r.by = value;
      else if (key === 'at') r.at = value;
      else if (key === 'steps' && /^\d+$/.test(value)) r.steps = Number(value);
    }
    out.push(r);
  }
  return out;
}

export interface CommitDeploys {
  /** Databases whose deploy ref points at the commit: where it is live now (as far as the repository knows). */
  live: string[];
  /** Every deploy and rollback recorded for the commit, oldest first. */
  records: DeployRecord[];
}

/** Where a commit is deployed, from the deploy refs and its note. */
export async function deploysOf(gitDir: string, commit: string): Promise<CommitDeploys> {
  const refs = await vcs.listRefs(gitDir, DEPLOY_REF_PREFIX);
  const live = refs.filter((r) => r.oid === commit).map((r) => r.ref.slice(DEPLOY_REF_PREFIX.length));
  const note = await vcs.readNote(gitDir, DEPLOY_NOTES, commit);
  return { live, records: note ? parseDeployNotes(note) : [] };
}
