/** The shared-repository scenario (push-scenario.ts) through a real smart-HTTP server: stock `git http-backend`. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { tempDir } from '../support/cli.js';
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.js';
import { sharedRepositoryScenario } from './push-scenario.js';

const root = tempDir('redb-http-remote-');
const bare = join(root, 'app.git');
spawnSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
let server: GitHttpServer;

describe('two workspaces share a repository through an HTTP git server', () => {
  beforeAll(async () => {
    server = await startGitHttpServer(root);
  });
  afterAll(() => server.close());
  sharedRepositoryScenario(bare, () => `${server.url}/app.git`);
});
