import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { runWithProgress } from '../../cli/job-run.js';
import { redactUrl } from '../../config/url-secrets.js';
import { runJob, type JobOutcome } from '../../core/jobs.js';
import { enqueueJob } from '../../jobs/queue/index.js';
import { renderOutcome } from '../../ui/job-text.js';

export interface Queued {
  id: string;
  job: string;
  /** Where, safe to print. */
  queue: string;
  /** False when the job was already on the queue (`id` is that entry's). */
  queued?: boolean;
  /** Queued with --follow: the worker keeps the replication streaming until it is paused or cancelled. */
  follow?: boolean;
}

export default class JobRun extends BaseCommand {
  static override summary = "Run a relationship's job: a migration to its end, a replication until caught up (or, with --follow, until stopped).";
  static override description = `Resumes from the checkpoints in the target when the job ran before. On a terminal a bar per table shows rows, total, % and rows/s on stderr (a replication: lag and changes/s); --json prints one JSON line per progress event on stdout, then the outcome (status, state) on one line.
Ctrl-C (or SIGTERM) stops the job after the current batch, its checkpoint committed: status paused, exit 0 (redb job resume NAME goes on); a second Ctrl-C exits at once (exit 1; the job shows as interrupted until resumed).
--queue URL puts the job on a queue instead (the URL of the queue's database, or a workspace database name: docs/jobs.md): a \`redb worker --queue URL\` runs it, a replication until caught up or, with --follow, streaming until \`redb job pause|cancel NAME\` (a stopped worker gives it back to the queue), and the queued id is printed. Queuing a job already queued in the same mode returns that entry; in the other mode it is refused (E_QUEUE_CONFLICT, exit 64).
Exit 0 when done, paused or cancelled; 1 when the job failed (the error's code), E_JOB_RUNNING when another runner has it.`;
  static override examples = ['<%= config.bin %> job run to-maria', '<%= config.bin %> job run replica --follow', '<%= config.bin %> job run to-maria --json', '<%= config.bin %> job run to-maria --queue jobs-db', '<%= config.bin %> job run replica --follow --queue jobs-db'];
  static override args = { name: Args.string({ description: 'relationship name', required: true }) };
  static override flags = {
    follow: Flags.boolean({ description: 'replication: keep streaming changes until Ctrl-C, or with --queue until paused or cancelled (default: stop once caught up)' }),
    queue: Flags.string({ description: 'enqueue the job on this queue (URL or workspace database name) for a worker instead of running it' }),
  };

  protected override jsonLines = true;

  async run(): Promise<JobOutcome | Queued> {
    const { args, flags } = await this.parse(JobRun);
    const ws = await this.workspace(flags.workspace);
    if (flags.queue !== undefined) {
      const queued = await enqueueJob(ws, args.name, flags.queue, { follow: flags.follow });
      // the queue's own label when it gives one (a database name, or its URL redacted)
      const label = (queued as { queue?: string }).queue ?? redactUrl(flags.queue);
      const result: Queued = { ...queued, queue: label };
      const again = result.queued === false ? ' (it was already queued)' : '';
      const until = result.follow ? `, streaming until \`redb job pause ${result.job}\`` : '';
      this.print(`Queued job ${result.job} as ${result.id} on ${result.queue}${again}: a \`redb worker --queue ${flags.queue.includes('://') ? 'URL' : flags.queue}\` runs it${until}`);
      return result;
    }
    const outcome = await runWithProgress(args.name, this.jsonEnabled(), flags.follow, (opts) => runJob(ws, args.name, opts));
    this.print(renderOutcome(outcome));
    return outcome;
  }
}
