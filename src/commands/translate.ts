import { Args, Flags } from '@oclif/core';
import { ADAPTERS } from '../../adapters/registry.js';
import { BaseCommand } from '../cli/base-command.js';
import { parseTypeOverride, translateRevision, type TranslateResult } from '../translate/index.js';
import { renderTranslation } from '../translate/render.js';

/** Engine families, as commits name them; an adapter without translation support refuses with a hint. */
const DIALECTS = ADAPTERS.map((a) => a.dialect);

export default class Translate extends BaseCommand {
  static override summary = "Translate a revision's schema into another engine's model, with a report of what could not be kept exactly.";
  static override description = `Maps every column through its logical type (docs/jobs.md, "Translation"), builds the result on a scratch database of the target engine (the engine's embedded one where it has one, else a server named with --scratch) and reads it back in that engine's own form. Views, routines and triggers are SQL of the source dialect: they are listed as not translated. Write the files with --out, or commit them on a new branch with --branch and deploy that branch to a database of the target engine.`;
  static override examples = [
    `<%= config.bin %> translate main --to ${DIALECTS[0]} --branch translated`,
    `<%= config.bin %> translate main --to ${DIALECTS.at(-1)} --scratch staging --branch translated --type posts.public_id=uuid`,
    `<%= config.bin %> translate main~1 --to ${DIALECTS[0]} --out ./translated --json`,
  ];
  static override args = { rev: Args.string({ description: 'branch, commit id or prefix, REV~N to translate', required: true }) };
  static override flags = {
    to: Flags.string({ description: `target engine, as a commit's dialect names it (${DIALECTS.join(', ')})`, required: true }),
    out: Flags.string({ char: 'o', description: 'write the translated model files into this new or empty folder' }),
    branch: Flags.string({ char: 'b', description: 'commit the translation on this new branch (its own history, the target dialect)' }),
    repo: Flags.string({ char: 'r', description: 'repository of REV (default: the only one in the workspace)' }),
    'target-repo': Flags.string({ description: 'repository for --branch (default: the repository of REV)' }),
    schema: Flags.string({ description: 'the source schema to translate (needed when it has several and the target is one namespace), or the target schema for a one-namespace source (default public)' }),
    type: Flags.string({ description: 'TABLE.COLUMN=TYPE: the column\'s type on the target, as the target spells it (repeatable)', multiple: true }),
    scratch: Flags.string({ description: 'a database of this workspace on a server of the target engine: the translation is built on a scratch database there and read back' }),
  };

  async run(): Promise<TranslateResult> {
    const { args, flags } = await this.parse(Translate);
    const ws = await this.workspace(flags.workspace);
    const result = await translateRevision(ws, {
      rev: args.rev,
      source: { repo: ws.resolveRepo(flags.repo), branch: 'main' },
      to: flags.to,
      ...(flags.out !== undefined ? { out: flags.out } : {}),
      ...(flags.branch !== undefined ? { branch: flags.branch } : {}),
      ...(flags['target-repo'] !== undefined ? { targetRepo: flags['target-repo'] } : {}),
      ...(flags.schema !== undefined ? { schema: flags.schema } : {}),
      ...(flags.scratch !== undefined ? { scratch: flags.scratch } : {}),
      overrides: (flags.type ?? []).map(parseTypeOverride),
    });
    this.print(renderTranslation(result));
    return result;
  }
}
