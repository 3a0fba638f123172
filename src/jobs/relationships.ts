/**
 * Relationships (docs/jobs.md, "Relationships"): named links between two databases of the
 * workspace, kept in `redb.yaml`. They name databases by name only, so the config never
 * holds a URL or a secret for them.
 */
import { isValidName, type RelationshipConfig } from '../config/workspace-file.js';
import type { Workspace } from '../core/workspace.js';
import { usageError } from '../errors.js';
import { parseTransformSpec } from './transforms/index.js';

export interface RelationshipInfo extends RelationshipConfig {
  readonly name: string;
}

export interface AddRelationshipRequest {
  readonly name: string;
  readonly type: string;
  readonly source: string;
  readonly target: string;
  readonly repo?: string;
  readonly branch?: string;
  readonly tables?: readonly string[];
  /** `TABLE.COLUMN=SPEC` pairs, as given on the command line. */
  readonly transforms?: readonly string[];
  /** `SRC=TARGET` table pairs. */
  readonly map?: readonly string[];
  /** Transforms give the same output for the same input and salt, so joins and foreign keys still match. */
  readonly deterministic?: boolean;
  /** A replication may set REPLICA IDENTITY FULL on source tables without a primary key. */
  readonly replicaIdentityFull?: boolean;
}

const TYPES = ['migration', 'replication'] as const;

/** `KEY=VALUE` pairs as a record; `what` names the flag in the error. */
function pairs(items: readonly string[], what: string, example: string, keyOk: (k: string) => boolean = () => true): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const at = item.indexOf('=');
    const key = at > 0 ? item.slice(0, at).trim() : '';
    const value = at > 0 ? item.slice(at + 1).trim() : '';
    if (!key || !value || !keyOk(key)) throw usageError('E_USAGE', `${what} ${item} is not of the form ${example}`, `write it as ${example}`);
    if (key in out) throw usageError('E_USAGE', `${what} names ${key} twice`, `give one ${what} per key`);
    out[key] = value;
  }
  return out;
}

export function listRelationships(ws: Workspace): RelationshipInfo[] {
  return Object.entries(ws.config.relationships ?? {}).map(([name, r]) => ({ name, ...r }));
}

export function getRelationship(ws: Workspace, name: string): RelationshipInfo {
  const r = ws.config.relationships?.[name];
  if (!r) {
    const known = Object.keys(ws.config.relationships ?? {});
    throw usageError('E_NO_RELATIONSHIP', `no relationship named ${name}`, known.length ? `known relationships: ${known.join(', ')}` : 'add one with `redb relationship add NAME --type migration --source DB --target DB`');
  }
  return { name, ...r };
}

export async function addRelationship(ws: Workspace, req: AddRelationshipRequest): Promise<RelationshipInfo> {
  if (!isValidName(req.name)) throw usageError('E_NAME', `invalid relationship name ${req.name}`, 'names use letters, digits, . _ - and start with a letter or digit');
  if (ws.config.relationships?.[req.name]) throw usageError('E_EXISTS', `relationship ${req.name} already exists`, `pick another name, or \`redb relationship delete ${req.name}\` first`);
  if (!(TYPES as readonly string[]).includes(req.type)) throw usageError('E_USAGE', `unknown relationship type ${req.type}`, `use --type ${TYPES.join(' or ')}`);
  ws.requireDatabase(req.source);
  ws.requireDatabase(req.target);
  if (req.source === req.target) throw usageError('E_USAGE', `--source and --target are both ${req.source}`, 'a relationship links two different databases');
  if (req.branch !== undefined && req.repo === undefined) ws.resolveRepo();
  const repo = req.repo !== undefined ? ws.resolveRepo(req.repo) : undefined;
  const transforms = pairs(req.transforms ?? [], '--transform', 'TABLE.COLUMN=SPEC', (k) => /^[^.]+\.[^.]+$/.test(k));
  // a transform the catalogue cannot run is refused now, not when the job first meets a row
  for (const spec of req.transforms ?? []) parseTransformSpec(spec);
  const map = pairs(req.map ?? [], '--map', 'SRC=TARGET');
  if (req.replicaIdentityFull && req.type !== 'replication') throw usageError('E_USAGE', `--replica-identity-full is for a replication, and ${req.name} is a ${req.type}`, 'leave the flag out, or use --type replication');
  const rel: RelationshipConfig = {
    type: req.type as RelationshipConfig['type'],
    source: req.source,
    target: req.target,
    ...(repo !== undefined ? { repo } : {}),
    ...(req.branch !== undefined ? { branch: req.branch } : {}),
    ...(req.tables?.length ? { tables: [...req.tables] } : {}),
    ...(Object.keys(transforms).length ? { transforms } : {}),
    ...(Object.keys(map).length ? { map } : {}),
    ...(req.deterministic ? { deterministic: true } : {}),
    ...(req.replicaIdentityFull ? { replicaIdentityFull: true } : {}),
  };
  ws.config.relationships = { ...(ws.config.relationships ?? {}), [req.name]: rel };
  await ws.save();
  return { name: req.name, ...rel };
}

export async function deleteRelationship(ws: Workspace, name: string): Promise<RelationshipInfo> {
  const rel = getRelationship(ws, name);
  const { [name]: _gone, ...rest } = ws.config.relationships ?? {};
  ws.config.relationships = rest;
  await ws.save();
  return rel;
}

/** One line per relationship for text output. */
export function describeRelationship(r: RelationshipInfo): string {
  const extras = [r.repo && `repo ${r.repo}`, r.branch && `branch ${r.branch}`, r.tables && `tables ${r.tables.join(',')}`, r.deterministic && 'deterministic', r.replicaIdentityFull && 'replica identity full'].filter(Boolean).join(', ');
  return `${r.name}  ${r.type}  ${r.source} -> ${r.target}${extras ? `  (${extras})` : ''}`;
}
