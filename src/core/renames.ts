/**
 * Rename intents travel in commits as a trailer (`Redb-Renames: public.users.name=public.users.full_name; …`)
 * and are honoured by every plan that spans that commit.
 */
import type { RenameIntent } from '../../unified-model/index.js';
import { formatRenameIntent, parseRenameIntent, reverseRenames } from '../diff/index.js';
import * as vcs from '../vcs/index.js';
import { usageError } from './errors.js';

export const RENAMES_TRAILER = 'Redb-Renames';

/** Parses `--rename OLD=NEW` flags, naming a bad one. */
export function parseRenameFlags(flags: readonly string[] = []): RenameIntent[] {
  return flags.map((f) => {
    try {
      return parseRenameIntent(f);
    } catch (err) {
      throw usageError('E_RENAME', (err as Error).message, 'e.g. --rename public.users.name=full_name or --rename public.users=public.members');
    }
  });
}

export function renamesTrailer(intents: readonly RenameIntent[]): Record<string, string> {
  return intents.length ? { [RENAMES_TRAILER]: intents.map(formatRenameIntent).join('; ') } : {};
}

function fromTrailers(trailers: Record<string, string>): RenameIntent[] {
  const v = trailers[RENAMES_TRAILER];
  return v ? v.split(';').map((s) => s.trim()).filter(Boolean).map(parseRenameIntent) : [];
}

/**
 * The renames recorded in the commits after `from` up to `to` (oldest first), when
 * `from` is an ancestor of `to`; reversed (and swapped) when `to` is an ancestor of `from`.
 */
export async function renamesBetween(gitDir: string, from: string, to: string): Promise<RenameIntent[]> {
  const collect = async (older: string, newer: string): Promise<RenameIntent[] | undefined> => {
    const commits = await vcs.log(gitDir, newer, { firstParent: true });
    const stop = commits.findIndex((c) => c.oid === older);
    if (stop < 0) return undefined;
    return commits.slice(0, stop).reverse().flatMap((c) => fromTrailers(c.trailers));
  };
  const forward = await collect(from, to);
  if (forward) return forward;
  const backward = await collect(to, from);
  return backward ? reverseRenames(backward) : [];
}
