/**
 * `node dist/bench/jobs/run-job.js WORKSPACE NAME [--follow]`: runs one relationship's job
 * through the programmatic API (`runJob` of src/core/jobs.ts), in a process of its own so
 * that the benchmark can sample its memory, as `redb job run` would run it. Progress
 * events go to stdout as JSON lines; SIGTERM or SIGINT stop the job between two batches
 * (the signal of RunJobOptions), after which it exits 0.
 *
 * The benchmark uses `redb job run` itself when the CLI has it (`--via cli`); this entry
 * point is the same job without the CLI's start-up, and what `--via api` runs.
 */
import { runJob } from '../../src/core/jobs.js';
import { Workspace } from '../../src/core/workspace.js';

const [dir, name, ...rest] = process.argv.slice(2);
if (!dir || !name) {
  console.error('usage: run-job.js WORKSPACE NAME [--follow]');
  process.exit(64);
}
const stop = new AbortController();
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => stop.abort());
const ws = await Workspace.open(dir);
try {
  const outcome = await runJob(ws, name, {
    follow: rest.includes('--follow'),
    signal: stop.signal,
    onProgress: (event) => process.stdout.write(JSON.stringify({ at: Date.now(), ...event }) + '\n'),
  });
  process.stdout.write(JSON.stringify({ at: Date.now(), outcome: { status: outcome.status, phase: outcome.state.phase, tables: outcome.state.tables } }) + '\n');
  process.exit(outcome.status === 'failed' ? 1 : 0);
} catch (err) {
  const e = err as { code?: string; message: string };
  console.error(`${e.code ?? 'error'}: ${e.message}`);
  process.exit(1);
}
