import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { runWithProgress } from '../../cli/job-run.js';
import { resumeJob, type JobOutcome } from '../../core/jobs.js';
import { renderOutcome } from '../../ui/job-text.js';

export default class JobResume extends BaseCommand {
  static override summary = 'Resume a paused, failed or interrupted job from its checkpoints in the target.';
  static override description = `The same run as redb job run (progress, Ctrl-C, --json lines, exit codes), refused when the job never ran or is done or cancelled (E_JOB_STATE, exit 64: run it again with redb job run) and while a runner holds it (E_JOB_RUNNING, exit 1). A pending pause or cancel request is dropped first.`;
  static override examples = ['<%= config.bin %> job resume to-maria', '<%= config.bin %> job resume replica --follow --json'];
  static override args = { name: Args.string({ description: 'relationship name', required: true }) };
  static override flags = {
    follow: Flags.boolean({ description: 'replication: keep streaming changes until Ctrl-C (default: stop once caught up)' }),
  };

  protected override jsonLines = true;

  async run(): Promise<JobOutcome> {
    const { args, flags } = await this.parse(JobResume);
    const ws = await this.workspace(flags.workspace);
    const outcome = await runWithProgress(args.name, this.jsonEnabled(), flags.follow, (opts) => resumeJob(ws, args.name, opts));
    this.print(renderOutcome(outcome));
    return outcome;
  }
}
