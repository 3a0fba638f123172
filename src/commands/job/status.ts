import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { jobStatus, type JobInfo } from '../../core/jobs.js';
import { isInterrupted, renderJobStatus } from '../../ui/job-text.js';

export type ShownJob = JobInfo & { interrupted?: true };

/** The job as shown: `interrupted` spelled out for a running state whose runner is gone. */
export function shownJob(info: JobInfo): ShownJob {
  return isInterrupted(info) ? { ...info, interrupted: true } : info;
}

export default class JobStatus extends BaseCommand {
  static override summary = "Show a job's state, read from its target: status, phase, runner, each table's rows, a replication's lag, the last error.";
  static override description = `A job whose state says running but whose runner is gone (killed, machine lost) shows as interrupted (runner gone): redb job resume NAME goes on from its checkpoints. --json: {name, type, source, target, state?, alive?, interrupted?}; no state means it never ran.`;
  static override examples = ['<%= config.bin %> job status to-maria', '<%= config.bin %> job status replica --json'];
  static override args = { name: Args.string({ description: 'relationship name', required: true }) };

  async run(): Promise<ShownJob> {
    const { args, flags } = await this.parse(JobStatus);
    const ws = await this.workspace(flags.workspace);
    const info = await jobStatus(ws, args.name);
    this.print(renderJobStatus(info));
    return shownJob(info);
  }
}
