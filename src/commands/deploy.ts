import { Args, Flags } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { deployFlags, deployOptions } from '../cli/deploy-flags.js';
import { deploy, type DeployResult } from '../core/deploy.js';
import { renderDeploy } from '../ui/deploy-text.js';

export default class Deploy extends BaseCommand {
  static override summary = 'Deploy a revision (default: the branch head) to the database attached to the branch.';
  static override description = `Introspects the database, refuses if it drifted from what the ledger says is deployed, plans, proves the plan and its rollback on a scratch database, asks for consent, applies in transactional segments under a lock, verifies by tree hash and records the deploy in the database's ledger and in git (refs/redb/deploys/DATABASE, notes on refs/notes/redb-deploys).
A plan with data-loss hazards needs --allow-destructive; a non-interactive run needs --yes (else exit 3, nothing changed).`;
  static override examples = ['<%= config.bin %> deploy --dry-run', '<%= config.bin %> deploy feature-x --branch main --yes', '<%= config.bin %> deploy --plan plan.json --yes'];
  static override args = { rev: Args.string({ description: 'revision to deploy (default: the branch head)' }) };
  static override flags = {
    ...repoFlags,
    ...deployFlags,
    plan: Flags.string({ description: 'deploy exactly this reviewed plan (from `redb plan --out`); refused if the database is no longer at its source' }),
    online: Flags.boolean({ description: 'online forms: CREATE INDEX CONCURRENTLY, NOT VALID + VALIDATE' }),
  };

  async run(): Promise<DeployResult> {
    const { args, flags } = await this.parse(Deploy);
    const ws = await this.workspace(flags.workspace);
    const options = deployOptions(flags, this.jsonEnabled());
    const result = await deploy(ws, { repo: ws.resolveRepo(flags.repo), branch: flags.branch }, {
      ...options,
      rev: args.rev,
      planFile: flags.plan,
      ddl: { ...options.ddl, ...(flags.online ? { online: true } : {}) },
    });
    this.print(renderDeploy(result, 'deploy'));
    return result;
  }
}
