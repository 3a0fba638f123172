/**
 * Command names as a user types them (`database connect`, not oclif's `database:connect`),
 * and what to suggest for one that does not exist: the closest name at the level where
 * the typing went wrong (`redb databse list` → `redb database`, `redb database conect` →
 * `redb database connect`), else the list of names at that level.
 */
import type { Interfaces } from '@oclif/core';
import { ExitCode, RedbError } from '../errors.js';

/** The visible command ids (aliases left out), space-separated. */
export function visibleCommands(config: Interfaces.Config): string[] {
  return config.commands.filter((c) => !c.hidden).map((c) => c.id.replaceAll(':', ' ')).sort();
}

/** Optimal string alignment distance: edits, with a swap of two neighbours as one edit. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The closest candidate to a mistyped word, if one is close enough to be meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const near = candidates
    .map((c) => ({ c, d: c.startsWith(word) && word.length >= 2 ? 0.5 : editDistance(word, c) }))
    .filter(({ d }) => d <= Math.max(1, Math.floor(word.length / 3)))
    .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1));
  return near[0]?.c;
}

/** The usage error for words that name no command, with a suggestion. */
export function unknownCommand(config: Interfaces.Config, words: readonly string[]): RedbError {
  const commands = visibleCommands(config).map((id) => id.split(' '));
  // the deepest prefix that is still a topic: the next word is the wrong one
  let depth = 0;
  while (depth < words.length - 1 && commands.some((c) => c.length > depth + 1 && c.slice(0, depth + 1).join(' ') === words.slice(0, depth + 1).join(' '))) depth++;
  const prefix = words.slice(0, depth);
  const next = [...new Set(commands.filter((c) => c.length > depth && c.slice(0, depth).join(' ') === prefix.join(' ')).map((c) => c[depth]))].sort();
  const typed = words.join(' ');
  const guess = closest(words[depth] ?? '', next);
  const where = prefix.length ? `redb ${prefix.join(' ')}` : 'redb';
  // `databse list` → `database list` when the rest of the words then name a command
  const whole = guess ? [...prefix, guess, ...words.slice(depth + 1)] : [];
  const meant = commands.some((c) => c.join(' ') === whole.join(' ')) ? whole : [...prefix, guess];
  const hint = guess
    ? `did you mean \`redb ${meant.join(' ')}\`? (\`redb help\` lists every command)`
    : `${where} commands: ${next.join(', ')} (\`redb help\` lists every command)`;
  return new RedbError('E_UNKNOWN_COMMAND', `unknown command: redb ${typed}`, hint, ExitCode.usage);
}
