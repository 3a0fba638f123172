import { Flags } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { cacheFlag } from '../cli/cache-flag.js';
import { ExitCode } from '../errors.js';
import { status, type StatusResult } from '../core/status.js';
import { renderChanges, short } from '../ui/text.js';

export default class Status extends BaseCommand {
  static override summary = 'Compare the attached database with the branch head.';
  static override description = 'Lists the objects that differ. With --exit-code, exits 2 when they differ.';
  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status --exit-code --json'];
  static override flags = { ...repoFlags, 'exit-code': Flags.boolean({ description: 'exit 2 when the database differs from the branch head' }), cache: cacheFlag };

  async run(): Promise<StatusResult> {
    const { flags } = await this.parse(Status);
    const ws = await this.workspace(flags.workspace);
    const result = await status(ws, { repo: ws.resolveRepo(flags.repo), branch: flags.branch, reuse: flags.cache });
    const where = `On branch ${result.branch} (${short(result.head)}), attached to ${result.database}`;
    const advice = result.deployed
      ? `(the database holds ${short(result.deployed)}, deployed to it with redb deploy; deploy the branch head with \`redb deploy --branch ${result.branch}\`)`
      : '(run `redb commit -m MSG` to record it)';
    const i = result.incomplete;
    const stopped = i
      ? `\n${i.kind === 'deploy' ? 'A deploy' : 'A rollback'} is incomplete: ${i.id} ${i.status === 'running' ? 'is recorded as running (in progress, or killed)' : i.status} with ${i.stepsDone} of ${i.stepsTotal} steps committed${i.error ? ` (${i.error})` : ''}; ${i.hint}`
      : '';
    this.print(`${result.clean ? `${where}\nNothing changed: the database matches the branch head.` : `${where}\nThe database differs from the branch head:\n${renderChanges(result.changes)}\n${advice}`}${stopped}`);
    if (!result.clean && flags['exit-code']) process.exitCode = ExitCode.differences;
    return result;
  }
}
