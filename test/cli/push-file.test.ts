/** The shared-repository scenario (push-scenario.ts) through a bare repository on disk, by path and as file://. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe } from 'vitest';
import { tempDir } from '../support/cli.js';
import { sharedRepositoryScenario } from './push-scenario.js';

const bare = join(tempDir('redb-file-remote-'), 'app.git');
spawnSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);

describe('two workspaces share a repository through a file:// remote', () => {
  sharedRepositoryScenario(bare, () => pathToFileURL(bare).href);
});
