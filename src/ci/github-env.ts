/**
 * What a GitHub Actions job gives a step and takes back through files: outputs
 * (`$GITHUB_OUTPUT`), the job summary (`$GITHUB_STEP_SUMMARY`), and the pull request the
 * run is for (`$GITHUB_EVENT_PATH`). Without those variables (a laptop, another CI) the
 * writes are skipped and the step still prints its report.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/** Appends `name=value` outputs; a value with a newline uses the heredoc form. */
export function writeOutputs(env: NodeJS.ProcessEnv, outputs: Readonly<Record<string, string>>): void {
  if (!env.GITHUB_OUTPUT) return;
  const lines = Object.entries(outputs).map(([k, v]) => {
    if (!v.includes('\n')) return `${k}=${v}`;
    const eof = `EOF_${randomBytes(8).toString('hex')}`;
    return `${k}<<${eof}\n${v}\n${eof}`;
  });
  appendFileSync(env.GITHUB_OUTPUT, `${lines.join('\n')}\n`);
}

/** Appends Markdown to the job summary. */
export function writeSummary(env: NodeJS.ProcessEnv, markdown: string): void {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
}

/** The pull request's number when the run is for one (pull_request events, or a refs/pull/N/… ref). */
export function pullRequestNumber(env: NodeJS.ProcessEnv): number | undefined {
  if (env.GITHUB_EVENT_PATH) {
    try {
      const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: { number?: number } };
      if (typeof event.pull_request?.number === 'number') return event.pull_request.number;
    } catch {
      // an unreadable event file: fall back to the ref
    }
  }
  const m = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? '');
  return m ? Number(m[1]) : undefined;
}
