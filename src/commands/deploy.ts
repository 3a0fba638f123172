import { Args, Flags } from '@oclif/core';
import { BaseCommand, repoFlags } from '../cli/base-command.js';
import { deployFlags, deployOptions, deployPlanFlags } from '../cli/deploy-flags.js';
import { onlineFlag } from '../cli/online-flag.js';
import { parseRenameFlags } from '../core/renames.js';
import { deploy, type DeployResult } from '../core/deploy.js';
import { renderDeploy } from '../ui/deploy-text.js';

export default class Deploy extends BaseCommand {
  static override summary = 'Deploy a revision (default: the branch head) to the database attached to the branch.';
  static override description = `Introspects the database, refuses if it drifted from what the ledger says is deployed (or stopped part-way), plans, checks the live data (NULLs before a column becomes NOT NULL, values a type change cannot cast, duplicates before a unique key, orphans before a foreign key), proves the plan and its rollback on a scratch database, asks for consent, applies in as few transactions as the server allows (one when it can) under a lock, records each committed segment in the ledger, and reports success only when the live schema equals the target. Recorded in the database's ledger and in git (refs/redb/deploys/DATABASE, notes on refs/notes/redb-deploys); deploying onto another branch's database moves that branch (see docs/deploys.md).
A plan with data-loss hazards needs --allow-destructive; a non-interactive run needs --yes (else exit 3, nothing changed). A deploy that stopped part-way is finished with --resume or undone with redb rollback.`;
  static override examples = ['<%= config.bin %> deploy --dry-run', '<%= config.bin %> deploy feature-x --branch main --yes', '<%= config.bin %> deploy --plan plan.json --yes', '<%= config.bin %> deploy --resume --yes'];
  static override args = { rev: Args.string({ description: 'revision to deploy (default: the branch head)' }) };
  static override flags = {
    ...repoFlags,
    ...deployFlags,
    ...deployPlanFlags,
    plan: Flags.string({ description: 'deploy exactly this reviewed plan (from `redb plan --out`); refused if the database is no longer at its source' }),
    online: onlineFlag,
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
      renames: parseRenameFlags(flags.rename),
      ...(flags['column-order'] ? { columnOrder: flags['column-order'] } : {}),
    });
    this.print(renderDeploy(result, 'deploy'));
    return result;
  }
}
