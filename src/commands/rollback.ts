import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { deployFlags, deployOptions } from '../cli/deploy-flags.js';
import { rollback, type DeployResult } from '../core/deploy.js';
import { renderDeploy } from '../ui/deploy-text.js';

export default class Rollback extends BaseCommand {
  static override summary = "Undo the last deploy on the branch's database with its stored, proven rollback plan.";
  static override description = 'Same consent rules as deploy: --yes in a non-interactive run, --allow-destructive when the rollback destroys data (e.g. drops a column the deploy added). After a deploy that stopped part-way, plans from the live schema back to the schema before that deploy, undoing only the steps it committed.';
  static override examples = ['<%= config.bin %> rollback --dry-run', '<%= config.bin %> rollback --yes --allow-destructive'];
  static override flags = { ...repoFlags, ...deployFlags };

  async run(): Promise<DeployResult> {
    const { flags } = await this.parse(Rollback);
    const ws = await this.workspace(flags.workspace);
    const result = await rollback(ws, { repo: ws.resolveRepo(flags.repo), branch: flags.branch }, deployOptions(flags, this.jsonEnabled()));
    this.print(renderDeploy(result, 'rollback'));
    return result;
  }
}
