/**
 * Global flags may come before the command, as with git (`redb --workspace DIR log`):
 * oclif reads the command from the first words, so the leading global flags are moved
 * after the command words (and before any `--`, which ends the flags).
 */
const WITH_VALUE = new Set(['--workspace', '-w']);
const SWITCHES = new Set(['--no-color', '--json']);

export function commandFirst(argv: readonly string[]): string[] {
  const leading: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const a = argv[i];
    if (WITH_VALUE.has(a) && i + 1 < argv.length) {
      leading.push(a, argv[i + 1]);
      i += 2;
    } else if (SWITCHES.has(a) || a.startsWith('--workspace=')) {
      leading.push(a);
      i += 1;
    } else break;
  }
  const rest = argv.slice(i);
  // nothing but global flags (`redb --json`) stays as typed
  if (leading.length === 0 || rest.length === 0) return [...argv];
  const end = rest.indexOf('--');
  return end < 0 ? [...rest, ...leading] : [...rest.slice(0, end), ...leading, ...rest.slice(end)];
}
