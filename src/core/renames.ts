/**
 * Rename intents travel in commits as a trailer (`Redb-Renames: public.users.name=public.users.full_name; …`)
 * and are honoured by every plan that spans that commit.
 */
import type { RenameIntent } from '../../unified-model/index.js';
import { formatRenameIntent, parseRenameIntent, reverseRenames } from '../diff/index.js';
import * as vcs from '../vcs/index.js';
import { RedbError, usageError } from '../errors.js';

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

function trailerError(commit: string, trailer: string, problem: string): RedbError {
  return new RedbError(
    'E_RENAME_TRAILER',
    `commit ${commit.slice(0, 10)} has a malformed ${RENAMES_TRAILER} trailer (${JSON.stringify(trailer)}): ${problem}; its renames would silently become drops and adds`,
    `fix the message of ${commit.slice(0, 10)} (the trailer is the last paragraph: ${RENAMES_TRAILER}: OLD_ID=NEW_ID; OLD_ID=NEW_ID), or plan between other revisions`,
  );
}

/**
 * The renames one commit records. A trailer that cannot be read is an error naming the
 * commit, never an empty list: a lost rename would drop a column and its data.
 */
export function renamesOfCommit(c: { oid: string; message: string; trailers: Readonly<Record<string, string>> }): RenameIntent[] {
  // git trailer keys are case-insensitive
  const key = Object.keys(c.trailers).find((k) => k.toLowerCase() === RENAMES_TRAILER.toLowerCase());
  if (key === undefined) {
    const stray = c.message.split('\n').find((l) => /^\s*redb-renames\s*:/i.test(l));
    if (stray) throw trailerError(c.oid, stray.trim(), 'it is not in the trailer block (the last paragraph of the message, made of Key: value lines only)');
    return [];
  }
  const value = c.trailers[key];
  const parts = value.split(';').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) throw trailerError(c.oid, `${key}: ${value}`, 'it names no rename');
  return parts.map((p) => {
    try {
      return parseRenameIntent(p);
    } catch {
      throw trailerError(c.oid, `${key}: ${value}`, `${JSON.stringify(p)} is not OLD_ID=NEW_ID`);
    }
  });
}

/**
 * The renames recorded in the commits after `from` up to `to` (oldest first), when
 * `from` is an ancestor of `to`; reversed (and swapped) when `to` is an ancestor of `from`.
 */
export async function renamesBetween(gitDir: string, from: string, to: string): Promise<RenameIntent[]> {
  const forward = await renamesAlong(gitDir, from, to);
  if (forward) return forward;
  const backward = await renamesAlong(gitDir, to, from);
  return backward ? reverseRenames(backward) : [];
}

/**
 * The renames from `older` to its descendant `newer`, oldest first; undefined when
 * `older` is not an ancestor. Along first parents each commit's trailer applies. A
 * merge reached through another parent (a database deployed from the merged-in
 * branch, now given the merge) has its trailer written against its first parent, so
 * from that parent's side the merge brings the first-parent side's renames since the
 * two sides' merge base instead.
 */
async function renamesAlong(gitDir: string, older: string, newer: string): Promise<RenameIntent[] | undefined> {
  const chain = await vcs.log(gitDir, newer, { firstParent: true });
  const stop = chain.findIndex((c) => c.oid === older);
  if (stop >= 0) return chain.slice(0, stop).reverse().flatMap(renamesOfCommit);
  // one walk settles the common case of two diverged sides, before any per-merge walk
  if (!chain.some((c) => c.parents.length > 1) || !(await vcs.isAncestorIn(gitDir, older, newer))) return undefined;
  for (const [i, merge] of chain.entries()) {
    for (const side of merge.parents.slice(1)) {
      if (!(await vcs.isAncestorIn(gitDir, older, side))) continue;
      const below = await renamesAlong(gitDir, older, side);
      const [base] = await vcs.mergeBases(gitDir, side, merge.parents[0]);
      const across = base ? await renamesAlong(gitDir, base, merge.parents[0]) : [];
      if (below === undefined || across === undefined) continue;
      return [...below, ...across, ...chain.slice(0, i).reverse().flatMap(renamesOfCommit)];
    }
  }
  return undefined;
}
