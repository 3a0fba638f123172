import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { requestJob } from '../../core/jobs.js';
import { isInterrupted } from '../../ui/job-text.js';
import { shownJob, type ShownJob } from './status.js';

export default class JobPause extends BaseCommand {
  static override summary = 'Ask a running job to pause: it stops after its current batch, checkpoint committed (redb job resume NAME goes on).';
  static override description = 'A job nobody runs cannot be paused (E_JOB_STATE, exit 64). The request is kept in the target, so it works from any machine, whichever runs the job.';
  static override examples = ['<%= config.bin %> job pause to-maria'];
  static override args = { name: Args.string({ description: 'relationship name', required: true }) };

  async run(): Promise<ShownJob> {
    const { args, flags } = await this.parse(JobPause);
    const ws = await this.workspace(flags.workspace);
    const info = await requestJob(ws, args.name, 'pause');
    const pending = info.state?.status === 'running' && !isInterrupted(info);
    this.print(pending ? `Asked job ${info.name} to pause: it stops after its current batch (redb job status ${info.name} shows when)` : `Job ${info.name} is ${info.state?.status ?? 'cancelled'}`);
    return shownJob(info);
  }
}
