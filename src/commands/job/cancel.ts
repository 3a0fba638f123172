import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { requestJob } from '../../core/jobs.js';
import { isInterrupted } from '../../ui/job-text.js';
import { shownJob, type ShownJob } from './status.js';

export default class JobCancel extends BaseCommand {
  static override summary = 'Cancel a job: a running one stops after its current batch; one nobody runs is marked cancelled at once. Its checkpoints are forgotten: the next redb job run starts over.';
  static override description = 'The request is kept in the target, so it works from any machine, whichever runs the job. What the job already wrote to the target stays.';
  static override examples = ['<%= config.bin %> job cancel to-maria'];
  static override args = { name: Args.string({ description: 'relationship name', required: true }) };

  async run(): Promise<ShownJob> {
    const { args, flags } = await this.parse(JobCancel);
    const ws = await this.workspace(flags.workspace);
    const info = await requestJob(ws, args.name, 'cancel');
    const pending = info.state?.status === 'running' && !isInterrupted(info);
    this.print(pending ? `Asked job ${info.name} to cancel: it stops after its current batch (redb job status ${info.name} shows when)` : `Job ${info.name} is ${info.state?.status ?? 'cancelled'}`);
    return shownJob(info);
  }
}
