/**
 * `redb translate`: a revision's model as a model of another engine, normalized on a
 * scratch database of that engine, written as the canonical files of a commit (`--out`)
 * or committed on a new branch (`--branch`).
 *
 * A branch of a translation starts its own history (a commit without parents): a
 * repository may hold branches of several dialects, since the dialect is recorded per
 * commit (`redb.json` and the `Redb-Dialect` trailer), but every commit along one branch
 * keeps one dialect, so any two of them can be diffed and planned. The commit names the
 * revision it was translated from in a `Redb-Translated-From` trailer.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ADAPTERS, adapterForDialect, descriptorForUrl } from '../../adapters/registry.js';
import type { Adapter, TranslationSupport } from '../../adapters/types.js';
import { filesToModel, modelToFiles, objectId, type Model, type ModelFile } from '../../unified-model/index.js';
import { resolveAuthor } from '../core/author.js';
import type { BranchRef } from '../core/branches.js';
import { saveModelIndex } from '../core/model-index.js';
import { wholeModelAt } from '../core/snapshot.js';
import type { Workspace } from '../core/workspace.js';
import { usageError } from '../errors.js';
import * as vcs from '../vcs/index.js';
import { translateModel } from './model.js';
import { normalizeOnScratch } from './normalize.js';
import type { ReportEntry, TypeOverride } from './types.js';

export interface TranslateRequest {
  /** The revision to translate, in `source.repo` (default branch `source.branch`). */
  readonly rev: string;
  readonly source: BranchRef;
  /** The target engine family (`Adapter.dialect`). */
  readonly to: string;
  readonly out?: string;
  /** A new branch for the translation, in `targetRepo` (default: the source's repository). */
  readonly branch?: string;
  readonly targetRepo?: string;
  readonly schema?: string;
  readonly overrides?: readonly TypeOverride[];
  /** A workspace database on a server of the target engine: the translation is normalized on a scratch database there. */
  readonly scratch?: string;
}

export interface TranslateResult {
  source: { commit: string; dialect: string };
  target: { dialect: string; tree: string; objects: number; out?: string; repo?: string; branch?: string; commit?: string };
  /** Where the translation was built and read back in the target's normal form; absent when it was not (no embedded engine, no --scratch). */
  normalizedOn?: string;
  report: readonly ReportEntry[];
}

async function translatingAdapter(dialect: string, role: string): Promise<Adapter & { translation: TranslationSupport }> {
  const adapter = await adapterForDialect(dialect);
  if (!adapter?.translation) {
    const known = ADAPTERS.map((a) => a.dialect).join(', ');
    throw usageError('E_USAGE', `redb cannot translate ${role === 'target' ? 'to' : 'from'} ${dialect} schemas`, `translations go between: ${known} (those whose adapter can translate)`);
  }
  return adapter as Adapter & { translation: TranslationSupport };
}

function refuseNonEmpty(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length) throw usageError('E_EXISTS', `${dir} is not empty`, 'name a new or empty folder for --out');
}

/** Type entries name the type the target engine reads back (`int(11)` where the translation wrote `int`). */
function withNormalizedTypes(report: readonly ReportEntry[], model: Model): ReportEntry[] {
  const natives = new Map<string, string>();
  for (const o of model.objects) if (o.kind === 'table') for (const c of o.columns) natives.set(objectId(o.schema, o.name, c.name), c.type.native);
  return report.map((e) => (e.kind === 'type' && e.target && natives.has(e.target) ? { ...e, to: natives.get(e.target) } : e));
}

/** The model's files, loaded back as a commit's are: a translation passes the same checks (one expression per default, one type per type name …). */
function checkedFiles(model: Model): ModelFile[] {
  const files = modelToFiles(model);
  try {
    filesToModel(files);
  } catch (err) {
    throw usageError('E_USAGE', `the translation would hold an invalid model file: ${(err as Error).message}`, 'check the types given with --type (one type name each, as the target spells it)');
  }
  return files;
}

/** `--scratch` must be a database of the target engine: a scratch database of another would normalize nothing. */
async function scratchUrl(ws: Workspace, name: string, dialect: string): Promise<string> {
  const url = await ws.databaseUrl(name);
  const engine = descriptorForUrl(url).dialect;
  if (engine !== dialect) throw usageError('E_USAGE', `--scratch ${name} is a ${engine} database, not ${dialect}`, `name a database of this workspace on a ${dialect} server (redb database list)`);
  return url;
}

export async function translateRevision(ws: Workspace, req: TranslateRequest): Promise<TranslateResult> {
  if (req.out !== undefined && req.branch !== undefined) throw usageError('E_USAGE', '--out and --branch both given', 'write the files (--out DIR) or commit them on a new branch (--branch NEW), not both');
  const out = req.out !== undefined ? resolve(req.out) : undefined;
  if (out) refuseNonEmpty(out);
  const gitDir = ws.repoGitDir(req.source.repo);
  const targetRepo = req.branch !== undefined ? ws.resolveRepo(req.targetRepo ?? req.source.repo) : undefined;
  if (targetRepo && req.branch) {
    vcs.assertBranchName(req.branch);
    if (await vcs.branchHead(ws.repoGitDir(targetRepo), req.branch)) throw usageError('E_EXISTS', `branch ${req.branch} already exists in repository ${targetRepo}`, 'name a new branch for the translation');
  }
  const commit = await vcs.resolveRevision(gitDir, req.rev, req.source.branch);
  const { tree } = await vcs.readCommit(gitDir, commit);
  const model = await wholeModelAt(gitDir, commit, tree);
  if (model.dialect === req.to) throw usageError('E_USAGE', `${req.rev} is already a ${req.to} schema`, 'translate to another engine (--to)');
  const [from, target] = [await translatingAdapter(model.dialect, 'source'), await translatingAdapter(req.to, 'target')];
  const translated = translateModel(model, from.translation, target, { ...(req.schema ? { schema: req.schema } : {}), ...(req.overrides ? { overrides: req.overrides } : {}) });
  const serverUrl = req.scratch !== undefined ? await scratchUrl(ws, req.scratch, req.to) : undefined;
  // checked before anything runs: a --type is pasted into DDL, and a model file is data, never SQL to run
  checkedFiles(translated.model);
  const normalized = await normalizeOnScratch(target, translated.model, serverUrl);
  const files = checkedFiles(normalized.model);
  const result: TranslateResult = {
    source: { commit, dialect: model.dialect },
    target: { dialect: req.to, tree: vcs.treeOidOf(files), objects: normalized.model.objects.length },
    ...(normalized.on ? { normalizedOn: normalized.on } : {}),
    report: normalized.on ? withNormalizedTypes(translated.report, normalized.model) : translated.report,
  };
  if (out) {
    for (const f of files) {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), f.content);
    }
    result.target.out = out;
  }
  if (targetRepo && req.branch) {
    const dir = ws.repoGitDir(targetRepo);
    const written = await vcs.writeTree(dir, files);
    await saveModelIndex(dir, written, normalized.model);
    const lossy = translated.report.length;
    result.target.commit = await vcs.commit(dir, {
      branch: req.branch,
      tree: written,
      parents: [],
      message: `Translate ${req.rev} (${model.dialect}) to ${req.to}\n\n${lossy ? `${lossy} thing${lossy === 1 ? '' : 's'} could not be kept exactly: see redb translate --json.` : 'Everything was kept exactly.'}`,
      author: resolveAuthor(ws),
      trailers: { 'Redb-Dialect': req.to, 'Redb-Translated-From': `${commit} (${model.dialect})` },
    });
    Object.assign(result.target, { repo: targetRepo, branch: req.branch });
  }
  return result;
}
