import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { stopOnSignals } from '../cli/job-signals.js';
import { redactUrl } from '../config/url-secrets.js';
import { runWorker, type WorkerOptions } from '../jobs/queue/index.js';
import { renderEventLine } from '../ui/job-progress.js';

type WorkerEvent = Parameters<NonNullable<WorkerOptions['onEvent']>>[0];

/** A worker's event as a line of its log. */
export function workerLine(e: WorkerEvent): string {
  if (e.kind === 'progress' && e.progress) return renderEventLine(e.progress);
  return `${[e.kind, e.job].filter(Boolean).join(' ')}${e.message ? `: ${e.message}` : ''}`;
}

export default class Worker extends BaseCommand {
  static override summary = 'Run jobs from a queue until stopped: several workers on several machines share the work.';
  static override description = `The queue lives in a PostgreSQL database (a URL, or the name of a workspace database), where \`redb job run NAME --queue URL\` puts jobs. Each worker takes a job, runs it from its checkpoints in the target, and takes the next; a worker killed mid-job leaves the job to another, which resumes it. Events (started, progress, finished, failed) go to stderr as lines, or with --json to stdout as one JSON line each.
Ctrl-C (or SIGTERM) stops the worker: its running jobs pause after their current batch, checkpoints committed; a second Ctrl-C exits at once.`;
  static override examples = ['<%= config.bin %> worker --queue jobs-db', '<%= config.bin %> worker --queue jobs-db --concurrency 4 --json'];
  static override flags = {
    queue: Flags.string({ description: 'the queue: a PostgreSQL URL or a workspace database name', required: true }),
    concurrency: Flags.integer({ description: 'jobs this worker runs at once', default: 1, min: 1 }),
  };

  protected override jsonLines = true;

  async run(): Promise<{ queue: string; stopped: true }> {
    const { flags } = await this.parse(Worker);
    const ws = await this.workspace(flags.workspace);
    const queue = redactUrl(flags.queue);
    const json = this.jsonEnabled();
    const stop = stopOnSignals('the worker');
    if (!json) process.stderr.write(`worker on ${queue} (concurrency ${flags.concurrency}): Ctrl-C stops it\n`);
    try {
      await runWorker(ws, flags.queue, {
        signal: stop.signal,
        concurrency: flags.concurrency,
        onEvent: (e) => void (json ? process.stdout.write(`${JSON.stringify(e)}\n`) : process.stderr.write(`${workerLine(e)}\n`)),
      });
    } finally {
      stop.dispose();
    }
    this.print(`worker on ${queue} stopped`);
    return { queue, stopped: true };
  }
}
