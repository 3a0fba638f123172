/**
 * What `redb job run` and `redb job resume` share: the runner gets a stop signal (Ctrl-C,
 * SIGTERM) and a progress reporter for where the output goes, and the outcome decides the
 * exit code: 0 when the job is done, paused or cancelled, 1 when it failed.
 */
import type { JobOutcome, RunJobOptions } from '../jobs/types.js';
import { ExitCode } from '../errors.js';
import { jobProgress } from '../ui/job-progress.js';
import { stopOnSignals } from './job-signals.js';

export async function runWithProgress(name: string, json: boolean, follow: boolean, run: (opts: RunJobOptions) => Promise<JobOutcome>): Promise<JobOutcome> {
  const stop = stopOnSignals(`job ${name}`);
  const progress = jobProgress({ json, stdout: process.stdout, stderr: process.stderr });
  try {
    const outcome = await run({ signal: stop.signal, onProgress: (e) => progress.onProgress(e), follow });
    if (outcome.status === 'failed') process.exitCode = ExitCode.error;
    return outcome;
  } finally {
    progress.finish();
    stop.dispose();
  }
}
