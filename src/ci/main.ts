/**
 * The entry point action.yml runs (`node dist/src/ci/main.js`): inputs from the
 * environment, the pull-request comment through GitHub's API when the run is for a pull
 * request and GITHUB_TOKEN is set, the exit code of the outcome.
 */
import { redactText } from '../config/url-secrets.js';
import { runAction } from './action.js';
import { pullRequestNumber } from './github-env.js';
import { readInputs } from './inputs.js';
import { githubCommentSink, type CommentSink } from './pr-comment.js';
import { RedbError } from '../errors.js';

function sinkFor(env: NodeJS.ProcessEnv): CommentSink | undefined {
  const issue = pullRequestNumber(env);
  if (issue === undefined || !env.GITHUB_TOKEN || !env.GITHUB_REPOSITORY) return undefined;
  return githubCommentSink({ token: env.GITHUB_TOKEN, repository: env.GITHUB_REPOSITORY, issue, ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}) });
}

try {
  const inputs = readInputs(process.env);
  // a plan posts its report on the pull request; a deploy has none to post on
  const sink = inputs.command === 'plan' ? sinkFor(process.env) : undefined;
  const result = await runAction(inputs, { env: process.env, ...(sink ? { sink } : {}), log: (line) => process.stdout.write(`${redactText(line)}\n`) });
  process.exitCode = result.exitCode;
} catch (err) {
  if (err instanceof RedbError) {
    process.stdout.write(`error: ${redactText(err.message)}\n${err.hint ? `hint: ${err.hint}\n` : ''}`);
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(`error: ${redactText(err instanceof Error ? err.message : String(err))}\n`);
    process.exitCode = 1;
  }
}
