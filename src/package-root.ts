/**
 * The folder of redb's package.json, found from wherever the running module was built to
 * (tsc's dist/src/… or the bundle's dist/cli/…), for files that ship with the package.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(from: string = import.meta.url): string {
  for (let dir = dirname(fileURLToPath(from)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'fixtures'))) return dir;
    if (dirname(dir) === dir) throw new Error(`redb's package folder (with package.json and fixtures/) is not above ${fileURLToPath(from)}`);
  }
}
