import { BaseCommand } from '../../cli/base-command.js';
import { listJobs } from '../../core/jobs.js';
import { renderJobList } from '../../ui/job-text.js';
import { shownJob, type ShownJob } from './status.js';

export default class JobList extends BaseCommand {
  static override summary = 'List every relationship with its job: status, phase and rows, read from each target.';
  static override description = 'A target that cannot be reached is listed with the reason (`error` in --json), not fatal.';
  static override examples = ['<%= config.bin %> job list', '<%= config.bin %> job list --json'];

  async run(): Promise<ShownJob[]> {
    const { flags } = await this.parse(JobList);
    const ws = await this.workspace(flags.workspace);
    const infos = await listJobs(ws);
    this.print(renderJobList(infos));
    return infos.map(shownJob);
  }
}
