/**
 * A workspace is a folder with `redb.yaml` (hand-editable) and `.redb/`, which holds
 * the repositories (bare git repositories) and the credentials kept out of the config.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE, emptyConfig, loadConfig, saveConfig, type WorkspaceConfig } from '../config/workspace-file.js';
import { readSecrets } from '../config/credentials.js';
import { resolveConnectionUrl } from '../config/resolve-url.js';
import { redactUrl } from '../config/url-secrets.js';
import { configError, RedbError, usageError } from '../errors.js';

export class Workspace {
  private constructor(
    readonly dir: string,
    public config: WorkspaceConfig,
  ) {}

  get configFile(): string {
    return join(this.dir, CONFIG_FILE);
  }
  get stateDir(): string {
    return join(this.dir, '.redb');
  }
  get credentialsFile(): string {
    return join(this.stateDir, 'credentials.json');
  }
  repoGitDir(repo: string): string {
    return join(this.stateDir, 'repos', `${repo}.git`);
  }

  /** Creates a workspace in `dir`; refuses one that exists. */
  static async init(dir: string): Promise<Workspace> {
    const abs = resolve(dir);
    if (existsSync(join(abs, CONFIG_FILE))) {
      throw new RedbError('E_EXISTS', `a redb workspace already exists in ${abs}`, 'use it as it is, or pick another folder');
    }
    // .redb holds credentials.json: only the owner may enter it
    await mkdir(join(abs, '.redb', 'repos'), { recursive: true, mode: 0o700 });
    const ws = new Workspace(abs, emptyConfig());
    await ws.save();
    return ws;
  }

  /**
   * Opens the workspace given by `dir`, else $REDB_WORKSPACE, else the nearest folder
   * at or above the current one that has a redb.yaml.
   */
  static async open(dir?: string): Promise<Workspace> {
    const explicit = dir ?? process.env.REDB_WORKSPACE;
    let root: string | undefined = explicit ? resolve(explicit) : undefined;
    if (!root) {
      for (let d = process.cwd(); ; d = dirname(d)) {
        if (existsSync(join(d, CONFIG_FILE))) { root = d; break; }
        if (dirname(d) === d) break;
      }
    }
    if (!root || !existsSync(join(root, CONFIG_FILE))) {
      throw configError('E_NO_WORKSPACE', `no redb workspace found${root ? ` in ${root}` : ' here or in any parent folder'}`, 'run `redb init` first, or pass --workspace DIR');
    }
    return new Workspace(root, await loadConfig(join(root, CONFIG_FILE)));
  }

  async save(): Promise<void> {
    await saveConfig(this.configFile, this.config);
  }

  /** The connection URL of a database, with ${ENV} substituted and its stored secrets put back. */
  async databaseUrl(name: string): Promise<string> {
    const db = this.requireDatabase(name);
    return resolveConnectionUrl(db.url, await readSecrets(this.credentialsFile, name), process.env, `database ${name}'s URL`);
  }

  /** The URL as it may be shown: with ${ENV} references kept and passwords masked. */
  displayUrl(name: string): string {
    return redactUrl(this.requireDatabase(name).url);
  }

  requireDatabase(name: string): { url: string } {
    const db = this.config.databases[name];
    if (!db) {
      const known = Object.keys(this.config.databases);
      throw usageError('E_NO_DATABASE', `no database named ${name}`, known.length ? `known databases: ${known.join(', ')}` : 'add one with `redb database connect NAME URL`');
    }
    return db;
  }

  /** The repository a command works on: the one named, or the only one there is. */
  resolveRepo(name?: string): string {
    const repos = Object.keys(this.config.repos);
    if (name !== undefined) {
      if (!this.config.repos[name]) {
        throw usageError('E_NO_REPO', `no repository named ${name}`, repos.length ? `known repositories: ${repos.join(', ')}` : 'create one with `redb repo add NAME`');
      }
      return name;
    }
    if (repos.length === 1) return repos[0];
    if (repos.length === 0) throw usageError('E_NO_REPO', 'this workspace has no repository yet', 'create one with `redb repo add NAME`');
    throw usageError('E_REPO_AMBIGUOUS', `this workspace has ${repos.length} repositories`, `pick one with --repo (${repos.join(', ')})`);
  }
}
