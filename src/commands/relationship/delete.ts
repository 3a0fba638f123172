import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { redactText } from '../../config/url-secrets.js';
import { RedbError } from '../../errors.js';
import { forgetJob } from '../../core/jobs.js';
import { deleteRelationship, getRelationship, type RelationshipInfo } from '../../jobs/relationships.js';

export type DeletedRelationship = RelationshipInfo & { artifactsLeft?: string[] };

/** What a relationship may have left in its databases when they could not be cleaned. */
export function leftBehind(rel: RelationshipInfo): string[] {
  const left = [`the job's rows in redb's job table on ${rel.target}`];
  if (rel.type === 'replication') left.unshift(`the replication slot and publication of ${rel.name} on ${rel.source}: a replication slot keeps the source's write-ahead log until it is dropped, so drop it (docs/jobs.md)`);
  return left;
}

export default class RelationshipDelete extends BaseCommand {
  static override summary = "Delete a relationship: its job's state on the target, a replication's slot and publication on the source, then its entry in redb.yaml.";
  static override description = `The data already copied to the target stays. When a database cannot be reached the command stops with that error and removes nothing; --keep-artifacts removes the relationship anyway and warns what was left behind (a replication slot left on the source keeps its write-ahead log growing until it is dropped).`;
  static override examples = ['<%= config.bin %> relationship delete to-maria', '<%= config.bin %> relationship delete replica --keep-artifacts'];
  static override args = { name: Args.string({ required: true }) };
  static override flags = {
    'keep-artifacts': Flags.boolean({ description: 'remove the relationship even when its job state, slot or publication cannot be removed (they are listed)' }),
  };

  async run(): Promise<DeletedRelationship> {
    const { args, flags } = await this.parse(RelationshipDelete);
    const ws = await this.workspace(flags.workspace);
    const rel = getRelationship(ws, args.name);
    let artifactsLeft: string[] | undefined;
    try {
      await forgetJob(ws, rel);
    } catch (err) {
      if (!flags['keep-artifacts']) {
        if (!(err instanceof RedbError)) throw err;
        throw new RedbError(err.code, `relationship ${rel.name} was not deleted: ${err.message}`, `${err.hint ? `${err.hint}; or` : 'fix that, or'} delete it anyway with --keep-artifacts (it lists what is left behind)`, err.exitCode);
      }
      artifactsLeft = leftBehind(rel);
      this.warnLine(`could not clean up after ${rel.name}: ${redactText((err as Error).message)}`);
      for (const what of artifactsLeft) this.warnLine(`left behind: ${what}`);
    }
    const r = await deleteRelationship(ws, args.name);
    this.print(`Deleted relationship ${r.name}`);
    return artifactsLeft ? { ...r, artifactsLeft } : r;
  }

  /** A warning on stderr, also under --json (whose stdout stays the result). */
  private warnLine(text: string): void {
    process.stderr.write(`warning: ${text}\n`);
  }
}
